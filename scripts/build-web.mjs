// Production build of the page: web/ → dist/ (or --out DIR).
//   dist/index.html                 entry (name kept), preloads the wasm (the CSP <meta> is added by app.js)
//   dist/manifest.webmanifest       (name kept)
//   dist/sw.js                      the offline copy's service worker (name kept), listing this release's files
//   dist/assets/<name>-<hash>.*     everything else, content-hashed (sha-256, 12 hex), cacheable forever
//   dist/_headers                   the headers of docs/deploy.md in the Netlify/Cloudflare Pages format
//   dist/**/*.br, *.gz               precompressed copies of every file (brotli 11, gzip 9)
// esbuild bundles app.js + dosecalc.js + the Emscripten glue into one minified ES module; the Spanish
// strings become a separate chunk loaded only when Spanish is chosen. The glue finds the wasm with
// new URL("dosecalc.wasm", import.meta.url), so the wasm sits beside the bundle and that name is rewritten;
// dosecalc.js names both parts of the module (generated/dosecalc.wasm, generated/dosecalc.deferred.wasm)
// and app.js the interaction knowledge bundle (generated/dosecalc-knowledge.json): each is hashed and
// its reference rewritten the same way.
// index.html's static shell is replaced by the page as app.js first draws it, captured in headless Chromium
// (scripts/prerender.mjs); --no-prerender keeps the static shell (for machines without /usr/bin/chromium).
// usage: node scripts/build-web.mjs [--out DIR] [--no-prerender]
import { build, transform } from 'esbuild';
import { prerenderApp } from './prerender.mjs';
import { headerPolicy } from '../web/lib/csp.js';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const out = path.resolve(outFlag >= 0 ? process.argv[outFlag + 1] : path.join(root, 'dist'));
const web = path.join(root, 'web');
const wasmPath = path.join(web, 'generated', 'dosecalc.wasm');
if (!existsSync(wasmPath)) {
  console.error('web/generated/dosecalc.wasm is missing: run `bash scripts/build.sh wasm` first.');
  process.exit(1);
}

const hash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 12);
const files = new Map();  // dist-relative name → contents
const put = (base, ext, data) => {
  const name = `assets/${base}-${hash(data)}${ext}`;
  files.set(name, data);
  return name;
};

const wasmName = put('dosecalc', '.wasm', readFileSync(wasmPath));
const deferredWasmName = put('dosecalc.deferred', '.wasm', readFileSync(path.join(web, 'generated', 'dosecalc.deferred.wasm')));
const knowledgeName = put('dosecalc-knowledge', '.json', readFileSync(path.join(web, 'generated', 'dosecalc-knowledge.json')));

const bundle = await build({
  entryPoints: [path.join(web, 'app.js')],
  bundle: true, format: 'esm', splitting: true, minify: true, write: false, legalComments: 'none',
  target: ['chrome109', 'firefox115', 'safari16.4'],
  outdir: path.join(out, 'assets'), entryNames: '[name]', chunkNames: '[name]-[hash]',
  define: { DOSECALC_SERVICE_WORKER: JSON.stringify('sw.js') },  // app.js registers the offline copy
  logLevel: 'warning',
});
let entry = null;
const renames = [];
for (const file of bundle.outputFiles) {
  const base = path.basename(file.path);
  if (base === 'app.js') { entry = file.text; continue; }
  const name = put(base.replace(/-[A-Z0-9]+\.js$/, ''), '.js', file.text);
  renames.push([base, path.basename(name)]);
}
const glueReferences = entry.split('"dosecalc.wasm"').length - 1;
if (glueReferences < 1) throw new Error('build-web: the glue no longer names "dosecalc.wasm"; update the rewrite');
entry = entry.replaceAll('"dosecalc.wasm"', JSON.stringify(path.basename(wasmName)));
// new URL('./generated/<file>', import.meta.url) in app.js and dosecalc.js: the hashed file sits beside the bundle.
for (const [file, hashed] of [['dosecalc-knowledge.json', knowledgeName], ['dosecalc.wasm', wasmName], ['dosecalc.deferred.wasm', deferredWasmName]]) {
  const reference = new RegExp(`(["'\`])\\./generated/${file.replaceAll('.', '\\.')}\\1`, 'g');
  if (!reference.test(entry)) throw new Error(`build-web: the bundle no longer names ./generated/${file}`);
  entry = entry.replace(reference, JSON.stringify(`./${path.basename(hashed)}`));
}
for (const [from, to] of renames) entry = entry.replaceAll(`./${from}`, `./${to}`);
const appName = put('app', '.js', entry);

const css = await transform(readFileSync(path.join(web, 'style.css'), 'utf8'), { loader: 'css', minify: true, target: ['chrome109', 'firefox115', 'safari16.4'] });
const cssName = put('style', '.css', css.code);
const iconName = put('icon', '.svg', readFileSync(path.join(web, 'icon.svg'), 'utf8').trim());

const manifest = JSON.parse(readFileSync(path.join(web, 'manifest.webmanifest'), 'utf8'));
for (const icon of manifest.icons) icon.src = iconName;
files.set('manifest.webmanifest', JSON.stringify(manifest));

let html = readFileSync(path.join(web, 'index.html'), 'utf8');
const swap = (from, to) => {
  if (!html.includes(from)) throw new Error(`build-web: index.html no longer contains ${from}`);
  html = html.replace(from, to);
};
swap('href="style.css"', `href="${cssName}"`);
swap('href="generated/dosecalc.wasm"', `href="${wasmName}"`);
swap('src="app.js"', `src="${appName}"`);
swap('href="icon.svg"', `href="${iconName}"`);
// dosecalc.js and the glue are inside the bundle now
html = html.replace(/<link rel="modulepreload"[^>]*>\n?/g, '');
html = html.replace(/<!--[\s\S]*?-->/g, '').replace(/\n\s*/g, '\n').replace(/>\n</g, '><');
files.set('index.html', html);
if (!process.argv.includes('--no-prerender')) {
  // The page as app.js first draws it (the worked example's form, "Loading…") replaces the static shell:
  // see scripts/prerender.mjs and docs/performance.md.
  const appPattern = /<div id="app">[\s\S]*?<\/div><noscript>/;
  if (!appPattern.test(html)) throw new Error('build-web: index.html no longer has <div id="app">…</div><noscript>');
  const app = await prerenderApp(files);
  html = html.replace(appPattern, () => `<div id="app">${app}</div><noscript>`);
  files.set('index.html', html);
}

// The offline copy (web/sw.js): this release's files, under a cache named after their contents.
const releaseFiles = ['./', ...[...files.keys()].filter((name) => name !== 'index.html').sort()];
const release = { version: hash([...files].map(([name, data]) => `${name}\n${hash(data)}`).sort().join('\n')), files: releaseFiles };
const workerSource = readFileSync(path.join(web, 'sw.js'), 'utf8');
const placeholder = "const RELEASE = { version: 'development', files: [] };";
if (!workerSource.includes(placeholder)) throw new Error('build-web: web/sw.js no longer declares RELEASE as expected');
files.set('sw.js', workerSource.replace(placeholder, () => `const RELEASE = ${JSON.stringify(release)};`));

// Cloudflare Pages and Netlify apply every rule whose pattern matches, and Cloudflare joins a header set by
// two of them with a comma: Cache-Control is therefore given per path, never under /* as well. The
// policy goes only where it governs something, the page and its worker (not on ~270 bytes per asset).
files.set('_headers', [
  '/*', '  X-Content-Type-Options: nosniff', '  Referrer-Policy: no-referrer',
  ...['/', '/index.html', '/sw.js'].flatMap((entry) => [entry, `  Content-Security-Policy: ${headerPolicy}`, '  Cache-Control: no-cache']),
  '/manifest.webmanifest', '  Cache-Control: no-cache',
  '/assets/*', '  Cache-Control: public, max-age=31536000, immutable', '',
].join('\n'));

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, 'assets'), { recursive: true });
let report = '';
let total = 0;
for (const [name, data] of [...files].sort()) {
  writeFileSync(path.join(out, name), data);
  if (name === '_headers') continue;
  // Precompressed copies beside each file, for hosts that serve them as they are (nginx gzip_static /
  // brotli_static, scripts/serve.mjs) instead of compressing on every request.
  writeFileSync(path.join(out, `${name}.gz`), zlib.gzipSync(data, { level: 9 }));
  writeFileSync(path.join(out, `${name}.br`), zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  const gz = zlib.gzipSync(data, { level: 9 }).length;
  if (!name.startsWith('assets/es-')) total += gz;
  report += `  ${name.padEnd(40)} ${String(Buffer.byteLength(data)).padStart(8)} B  ${String(gz).padStart(7)} B gzip\n`;
}
console.error(`built ${path.relative(root, out) || '.'}/\n${report}  first load (without the Spanish chunk): ${total} B gzip`);
