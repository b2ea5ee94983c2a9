// The offline copy (web/sw.js, written into dist/ by scripts/build-web.mjs): once the page has loaded, its
// service worker holds every file of the release, and the page, a shared link and the interactions work
// with no network at all. Registration waits until everything else has loaded, so it never competes
// with the first result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fmt, exampleRequest, openPage, waitForInteractions, useBrowserSuite, chromiumFlags } from './helpers.mjs';

const suite = useBrowserSuite('offline');

/** Every file of the release as the worker caches it: '/' for index.html, no precompressed copies. */
function releaseFiles(dir) {
  const files = ['/', '/manifest.webmanifest'];
  for (const name of readdirSync(path.join(dir, 'assets'))) if (!/\.(br|gz)$/.test(name)) files.push(`/assets/${name}`);
  return files.sort();
}

test('after one visit the page, a shared link and the interactions work offline', async () => {
  const context = await suite.browser.newContext();
  // When the page registers its worker, against its own marks.
  await context.addInitScript(() => {
    const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
    navigator.serviceWorker.register = (...args) => {
      window.workerRegisteredAt = performance.now();
      return register(...args);
    };
  });
  const { page, problems } = await openPage(context, suite.server.url);
  await waitForInteractions(page);
  const cached = await page.evaluate(async () => {
    const ready = await Promise.race([navigator.serviceWorker.ready.then(() => true),
      new Promise((resolve) => { setTimeout(resolve, 10000, false); })]);  // installed (every file cached), active
    const names = (await caches.keys()).filter((name) => name.startsWith('dosecalc'));
    const cache = ready ? await caches.open(names[0]) : null;
    return { ready, names, files: cache ? (await cache.keys()).map((request) => new URL(request.url).pathname).sort() : [],
      registeredAt: window.workerRegisteredAt, loadedAt: performance.getEntriesByName('dosecalc:interactions-ready')[0].startTime };
  });
  assert.ok(cached.ready, 'a service worker is installed and active');
  assert.ok(cached.registeredAt >= cached.loadedAt, `registered at ${cached.registeredAt} ms, before the page had loaded (${cached.loadedAt} ms)`);
  assert.equal(cached.names.length, 1, cached.names.join(', '));
  assert.deepEqual(cached.files, releaseFiles(suite.server.dir));

  // A shared link made online, opened later with no network.
  await page.locator('#f-products-0-amount_mg').fill('250');
  await page.waitForTimeout(150);
  const link = await page.locator('#share-url').inputValue();

  await context.setOffline(true);
  // The worker tries the network first for the page itself (a new release shows at once); offline those
  // attempts fail and it answers with its copy. Everything the page itself asks for must succeed.
  const failed = [];
  const triedByWorker = [];
  context.on('requestfailed', (request) => (request.serviceWorker() ? triedByWorker : failed).push(request.url()));
  await page.goto(suite.server.url);
  await waitForInteractions(page);
  const expected = suite.calc.assess(exampleRequest);
  const day = await page.locator('table.products [data-k=day]').first().innerText();
  assert.ok(day.includes(`${fmt(expected.products[0].elemental_mg_per_day)} mg`), day);
  assert.equal(await page.locator('#results article.card').count(), expected.interactions.length);
  assert.ok(expected.interactions.length > 0);

  const shared = await context.newPage();
  await shared.goto(link);
  await waitForInteractions(shared);
  const halved = suite.calc.assess({ ...exampleRequest, products: [{ ...exampleRequest.products[0], amount_mg: 250 }] });
  const sharedDay = await shared.locator('table.products [data-k=day]').first().innerText();
  assert.ok(sharedDay.includes(`${fmt(halved.products[0].elemental_mg_per_day)} mg`), sharedDay);
  assert.deepEqual(failed, [], 'every file came from the offline copy');
  assert.ok(triedByWorker.every((url) => url.split('#')[0] === suite.server.url), triedByWorker.join('\n'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('when the host answers with a server error, the page comes from the offline copy', async () => {
  // A server of our own on a port that, once the copy is kept, starts answering 503 to everything.
  let failing = false;
  const server = http.createServer((request, response) => {
    if (failing) {
      response.writeHead(503, { 'Content-Type': 'text/plain' }).end('Service Unavailable');
      return;
    }
    const name = request.url === '/' ? 'index.html' : decodeURIComponent(request.url.split('?')[0]).replace(/^\/+/, '');
    const file = path.join(suite.server.dir, name);
    if (!file.startsWith(suite.server.dir) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
      '.json': 'application/json', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json' };
    response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' })
      .end(readFileSync(file));
  });
  await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const context = await suite.browser.newContext();
  try {
    const { page, problems } = await openPage(context, url);
    await waitForInteractions(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    failing = true;
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('dosecalc:first-result').length > 0, null, { timeout: 15000 });
    assert.equal(await page.locator('#example').count(), 1, 'the page, not the host\'s error');
    assert.deepEqual(problems.filter((p) => !/503/.test(p)), []);
  } finally {
    await context.close();
    server.close();
  }
});

test('a new release replaces the offline copy once no page of the old one is open', async () => {
  const context = await suite.browser.newContext();
  const { page } = await openPage(context, suite.server.url);
  await waitForInteractions(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const before = await page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('dosecalc')));
  assert.deepEqual(before.map((name) => name.replace(/[0-9a-f]{12}$/, 'VERSION')), ['dosecalc / VERSION'], 'named after its path and release');
  // Another copy of the page on the same origin (served from /-elsewhere/, whose path starts with this
  // copy's) keeps its own offline copy; an unscoped name from a release before 2026-11-23 goes.
  const elsewhere = 'dosecalc /-elsewhere/ 0123456789ab';
  await page.evaluate((names) => Promise.all(names.map((name) => caches.open(name))), [elsewhere, 'dosecalc-aaaaaaaaaaaa']);
  const nextName = 'dosecalc / nextrelease00';

  // The next release's worker, as a rebuild writes it (here only its version differs).
  const worker = path.join(suite.server.dir, 'sw.js');
  const original = readFileSync(worker, 'utf8');
  const next = original.replace(/"version":"[0-9a-f]{12}"/, '"version":"nextrelease00"');
  assert.notEqual(next, original);
  for (const copy of ['sw.js.br', 'sw.js.gz']) rmSync(path.join(suite.server.dir, copy), { force: true });
  writeFileSync(worker, next);
  try {
    await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
    // Installed, but waiting: the open page still runs the old release, whose copy must stay.
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null);
    assert.deepEqual(await page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('dosecalc')).sort()),
      [...before, elsewhere, 'dosecalc-aaaaaaaaaaaa', nextName].sort());
    await page.close();
    // With no page of the old release open, the new worker activates and deletes the old copy. (A page
    // opened before that happens would still be served by the old worker and keep it in charge.)
    const copies = async () => {
      for (const worker of context.serviceWorkers()) {
        try { return (await worker.evaluate(() => caches.keys())).filter((name) => name.startsWith('dosecalc')); } catch { /* stopped */ }
      }
      return null;
    };
    const deadline = Date.now() + 15000;
    let left = await copies();
    while (left?.sort().join() !== [elsewhere, nextName].sort().join() && Date.now() < deadline) {
      await new Promise((resolve) => { setTimeout(resolve, 100); });
      left = await copies();
    }
    assert.deepEqual(left.sort(), [elsewhere, nextName].sort(), 'the old release goes, the other copy stays');
    const later = await context.newPage();
    await later.goto(suite.server.url);
    await waitForInteractions(later);
    assert.equal(await later.evaluate(() => navigator.serviceWorker.controller?.scriptURL), `${suite.server.url}sw.js`);
  } finally {
    writeFileSync(worker, original);
  }
  await context.close();
});

test('Chromium can install the page as an app (manifest, icon, offline copy)', async () => {
  // Installability is never reported in an incognito-like context: a real profile, thrown away after.
  const profile = mkdtempSync(path.join(process.env.TMPDIR, 'profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: chromiumFlags, headless: true });
  try {
    const page = await context.newPage();
    await page.goto(suite.server.url);
    await waitForInteractions(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    assert.deepEqual((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, []);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, []);
    assert.equal(JSON.parse(manifest.data).display, 'standalone');
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
