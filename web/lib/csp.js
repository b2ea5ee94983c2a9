// The page's Content-Security-Policy, in one place: only the page's own origin, plus 'wasm-unsafe-eval',
// which compiling WebAssembly needs (docs/deploy.md). scripts/serve.mjs and dist/_headers send it as a
// header, with `frame-ancestors *` (which only works as a header); app.js sets it as a <meta> too.
export const pagePolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const headerPolicy = `${pagePolicy}; frame-ancestors *`;

/**
 * Puts the policy into the page as a <meta>, for hosts that cannot send headers (e.g. GitHub Pages); app.js
 * calls it first thing. It is not written in index.html: Chromium's preload scanner holds back every
 * request it has found in a chunk of HTML that contains a CSP <meta> until the parser has applied it,
 * which held the first result's downloads back by ~40–75 ms at 4x CPU slowdown (paired loads,
 * docs/performance.md). Before app.js runs the page is our own static HTML: the one untrusted input, the
 * URL fragment of a shared link, is read by app.js only after this. Browsers apply a policy <meta> added
 * to <head> by script like a parsed one (checked in Chromium and Firefox).
 */
export function applyPagePolicy(document) {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = pagePolicy;
  document.head.prepend(meta);
}
