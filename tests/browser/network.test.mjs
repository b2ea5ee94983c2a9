// Privacy and delivery: every request the page makes is to its own origin (recorded while loading and
// using every feature), the CSP holds (header and <meta>), assets are content-hashed, and the HTML's
// preloads are what the page uses (each of wasm, knowledge data and JS is fetched exactly once), and the
// knowledge bundle waits until the first result is on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { openPage, waitForInteractions, useBrowserSuite, root } from './helpers.mjs';

const { pagePolicy, headerPolicy } = await import(path.join(root, 'web/lib/csp.js'));

const suite = useBrowserSuite('network', { withCore: false });

test('no request leaves the page origin, whatever the person does', async () => {
  const context = await suite.browser.newContext({ acceptDownloads: true, serviceWorkers: 'block' });
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const { page, problems } = await openPage(context, suite.server.url);
  await waitForInteractions(page);
  await page.locator('#f-medicines-0-name').fill('ciproflaxin');
  await page.locator('#f-medicines-0-name').press('Escape');
  await page.locator('button.suggest').first().click();
  await page.locator('#f-products-0-form').fill('glyc');
  await page.locator('#f-products-0-form').press('ArrowDown');
  await page.locator('#f-products-0-form').press('Enter');
  await Promise.all([page.waitForEvent('download'), page.locator('#ics').click()]);
  await page.locator('#lang').selectOption('es');
  await page.waitForFunction(() => document.documentElement.lang === 'es');
  await page.locator('.sources summary').click();
  await page.emulateMedia({ media: 'print' });
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('dosecalc:interactions-ready').length > 0);
  const origin = new URL(suite.server.url).origin;
  const foreign = requests.filter((url) => new URL(url).origin !== origin);
  assert.deepEqual(foreign, [], 'requests to another origin');
  assert.ok(requests.some((url) => url.endsWith('.wasm')));
  assert.deepEqual(problems, [], 'no console errors (a CSP violation would log one)');
  await context.close();
});

test('CSP, hashed file names and preloads that are really used', async () => {
  const context = await suite.browser.newContext({ serviceWorkers: 'block' });
  const responses = [];
  context.on('response', (response) => responses.push(response));
  const { page } = await openPage(context, suite.server.url);
  await waitForInteractions(page);
  const html = responses.find((r) => r.url() === suite.server.url);
  const csp = html.headers()['content-security-policy'];
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  const meta = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  assert.match(meta, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline scripts');
  // The policy governs the page (and its worker), so the assets on the first result's path do not repeat it.
  for (const asset of responses.filter((r) => /\/assets\//.test(r.url()))) {
    assert.equal(asset.headers()['content-security-policy'], undefined, asset.url());
    assert.equal(asset.headers()['x-content-type-options'], 'nosniff', asset.url());
  }

  const assets = readdirSync(path.join(suite.server.dir, 'assets'));
  for (const name of assets) assert.match(name, /-[0-9a-f]{12}\.(js|css|wasm|json|svg)(\.br|\.gz)?$/, name);
  const firstPart = /\/dosecalc-[0-9a-f]{12}\.wasm$/;
  for (const [kind, pattern] of [['the first part of the wasm', firstPart], ['the deferred part of the wasm', /\/dosecalc\.deferred-/],
    ['the knowledge bundle', /dosecalc-knowledge-/], ['app.js', /\/app-/]]) {
    const fetched = responses.filter((r) => pattern.test(r.url()));
    assert.equal(fetched.length, 1, `${kind} fetched ${fetched.length} times (a preload that is not reused is fetched twice)`);
  }
  for (const wasm of responses.filter((r) => r.url().endsWith('.wasm'))) {
    assert.equal(wasm.headers()['content-type'], 'application/wasm');
    assert.match(wasm.headers()['cache-control'], /immutable/);
  }
  const preloads = await page.locator('link[rel=preload]').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
  assert.ok(preloads.some((href) => firstPart.test(`/${href}`)), 'the first part of the wasm is preloaded by the HTML');
  assert.ok(!preloads.some((href) => href.includes('dosecalc-knowledge') || href.includes('deferred')),
    'neither the knowledge bundle nor the deferred part of the wasm is preloaded');
  // Neither the knowledge bundle nor the wasm's deferred part is needed for the first result, so they must
  // not compete with the first part: they are requested only once the first result is on screen.
  const timing = await page.evaluate(() => ({
    firstResult: performance.getEntriesByName('dosecalc:first-result', 'mark').map((m) => m.startTime),
    later: performance.getEntriesByType('resource').filter((r) => /dosecalc-knowledge|dosecalc\.deferred/.test(r.name)).map((r) => r.startTime),
  }));
  assert.equal(timing.firstResult.length, 1);
  assert.equal(timing.later.length, 2);
  for (const start of timing.later) assert.ok(start >= timing.firstResult[0], `requested at ${start} ms, first result at ${timing.firstResult[0]} ms`);
  await context.close();
});

test('on a host that cannot send headers, the <meta> policy alone blocks inline scripts and other origins', async () => {
  const context = await suite.browser.newContext({ serviceWorkers: 'block' });
  // The same page without its Content-Security-Policy header, as GitHub Pages would serve it.
  await context.route(suite.server.url, async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    for (const name of ['content-security-policy', 'content-encoding', 'content-length']) delete headers[name];
    await route.fulfill({ response, headers });
  });
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const documentResponse = context.waitForEvent('response', (r) => r.url() === suite.server.url);
  const { page } = await openPage(context, suite.server.url);
  assert.equal((await documentResponse).headers()['content-security-policy'], undefined, 'served without the header');

  // The policy <meta> is added by app.js, not written in the HTML, where it would hold back the preload
  // scanner's requests (web/lib/csp.js); it is the same policy as the header's, frame-ancestors aside.
  assert.doesNotMatch(await (await documentResponse).text(), /http-equiv/i);
  const metas = await page.locator('head > meta[http-equiv=Content-Security-Policy]').evaluateAll((m) => m.map((e) => e.content));
  assert.deepEqual(metas, [pagePolicy]);
  assert.equal(`${pagePolicy}; frame-ancestors *`, headerPolicy);

  const outcome = await page.evaluate(async () => {
    const violated = [];
    document.addEventListener('securitypolicyviolation', (e) => violated.push(e.effectiveDirective));
    const inline = document.createElement('script');
    inline.textContent = 'window.inlineScriptRan = true;';
    document.body.append(inline);
    const fetched = await fetch('https://example.invalid/data').then(() => 'fetched', (error) => error.name);
    await new Promise((resolve) => setTimeout(resolve, 100));  // violation events are queued as tasks
    return { inlineScriptRan: window.inlineScriptRan === true, fetched, violated: [...new Set(violated)].sort() };
  });
  assert.equal(outcome.inlineScriptRan, false, 'an inline script ran');
  assert.equal(outcome.fetched, 'TypeError');
  assert.deepEqual(outcome.violated, ['connect-src', 'script-src-elem']);
  assert.ok(!requests.some((url) => url.includes('example.invalid')), 'the blocked request never left the page');
  await context.close();
});
