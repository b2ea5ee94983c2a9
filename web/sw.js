// The offline copy of the page: a service worker that keeps one release's files (index.html, the manifest
// and every content-hashed asset) in a cache of its own and answers from it, so that a phone that has
// opened the page once, or installed it, keeps working without a network. It never talks to any other
// origin and never sends anything anywhere: it only fetches the page's own files.
//
// scripts/build-web.mjs writes dist/sw.js from this file with the release's file list in place of
// RELEASE; in development (web/ served as it is) app.js registers no service worker.
const RELEASE = { version: 'development', files: [] };

const pageUrl = new URL('./', self.location).href;
// Named after this copy's place as well as its release: two copies of the page on one origin (say /a/ and
// /b/) share the origin's caches, and each must clean up only its own old releases. A space ends the path
// (a URL path has none), so that /a/'s names are never a prefix of /a/-b/'s.
const scopePrefix = `dosecalc ${new URL('./', self.location).pathname} `;
const cacheName = `${scopePrefix}${RELEASE.version}`;

self.addEventListener('install', (event) => {
  // All or nothing: if one file cannot be fetched, this worker is discarded and the next visit tries again.
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(RELEASE.files)));
});

self.addEventListener('activate', (event) => {
  // The previous release's copy goes once no open page uses it (this worker activates only then).
  event.waitUntil(caches.keys().then((names) => Promise.all(
    // Also the earlier names ("dosecalc-<version>", "dosecalc-<path>-<version>"), which did not say whose they were.
    names.filter((name) => (name.startsWith(scopePrefix) && name !== cacheName) || /^dosecalc-(\/.*-)?[0-9a-f]{12}$/.test(name))
      .map((name) => caches.delete(name)))));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(request.mode === 'navigate' ? page(request) : file(request));
});

// The page itself: from the network first, so that a new release shows at once, and this release's copy
// when the network fails, the host answers with a server error (5xx), or nothing has come within 4 s (a
// phone on a bad connection).
async function page(request) {
  const network = fetch(request);
  network.catch(() => {});
  const copy = caches.match(pageUrl, { cacheName, ignoreVary: true });
  const late = new Promise((resolve) => { setTimeout(resolve, 4000, null); });
  try {
    const answer = await Promise.race([network, late]);
    if (answer && answer.status < 500) return answer;
    if (answer) return (await copy) ?? answer;
    return (await copy) ?? (await network);
  } catch {
    return (await copy) ?? Response.error();
  }
}

// Everything else has a content-hashed name and never changes: this release's copy first.
async function file(request) {
  return (await caches.match(request, { cacheName, ignoreVary: true })) ?? fetch(request);
}
