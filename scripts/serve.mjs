// A small static server for the built page: loopback only, correct MIME types (application/wasm),
// the Content-Security-Policy from docs/deploy.md, and brotli or gzip for compressible files (brotli when
// the browser accepts it, as static hosts and CDNs do).
// usage: node scripts/serve.mjs [DIR] [--port N]   (prints the URL on stdout)
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { headerPolicy } from '../web/lib/csp.js';

const args = process.argv.slice(2);
const portFlag = args.indexOf('--port');
const firstPort = portFlag >= 0 ? Number(args[portFlag + 1]) : 8080;
const root = path.resolve(args.find((a, i) => !a.startsWith('--') && i !== portFlag + 1) ?? 'dist');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.wasm', '.svg', '.txt']);

const cache = new Map();

async function load(file, encoding) {
  const key = `${file}|${encoding}`;
  const info = await stat(file);
  const cached = cache.get(key);
  if (cached && cached.mtime === info.mtimeMs) return cached.body;
  const precompressed = encoding === 'br' ? `${file}.br` : encoding === 'gzip' ? `${file}.gz` : null;
  if (precompressed) {
    try {
      const compressed = await readFile(precompressed);
      cache.set(key, { mtime: info.mtimeMs, body: compressed });
      return compressed;
    } catch {
      // no precompressed copy: compress below
    }
  }
  let body = await readFile(file);
  if (encoding === 'br') body = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
  else if (encoding === 'gzip') body = zlib.gzipSync(body, { level: 9 });
  cache.set(key, { mtime: info.mtimeMs, body });
  return body;
}

const server = http.createServer(async (request, response) => {
  try {
    const url = new URL(request.url, 'http://localhost');
    let relative = decodeURIComponent(url.pathname);
    if (relative.endsWith('/')) relative += 'index.html';
    const file = path.join(root, path.normalize(relative));
    if (!file.startsWith(root + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    const extension = path.extname(file);
    const accepted = compressible.has(extension) ? request.headers['accept-encoding'] ?? '' : '';
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : '';
    const body = await load(file, encoding);
    const headers = {
      'Content-Type': types[extension] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': /-[0-9a-f]{8,}\./.test(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Length': body.length,
    };
    // A policy governs a document or a worker; on a script, style sheet or wasm file it does nothing, and
    // each copy is ~270 bytes on the first result's path.
    if (extension === '.html' || path.basename(file) === 'sw.js') headers['Content-Security-Policy'] = headerPolicy;  // web/lib/csp.js
    if (encoding) headers['Content-Encoding'] = encoding;
    headers['Vary'] = 'Accept-Encoding';
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
  }
});

function listen(port, attemptsLeft) {
  server.once('error', (error) => {
    if (error.code === 'EADDRINUSE' && attemptsLeft > 0) listen(port + 1, attemptsLeft - 1);
    else throw error;
  });
  server.listen(port, '127.0.0.1', () => {
    process.stdout.write(`dosecalc is served at http://127.0.0.1:${server.address().port}/\n`);
  });
}

listen(firstPort, 20);
