// The page in Firefox (Debian's firefox-esr), driven over WebDriver BiDi: the worked example's numbers
// are the core's, the interaction data loads, a typo is corrected as the core says, and nothing leaves
// the page's origin or logs an error. playwright-core-firefox is playwright-core 1.59.1: 1.65 sends a
// BiDi command (emulation.setMediaFeaturesOverride) that Firefox ESR 153 does not know.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { firefox } from 'playwright-core-firefox';
import { serveBuild, nodeCalculatorWithKnowledge, waitForInteractions, fmt, exampleRequest } from './helpers.mjs';

let server, browser, calc;
before(async () => {
  [server, browser, calc] = await Promise.all([
    serveBuild('firefox'),
    firefox.launch({ channel: 'moz-firefox', executablePath: '/usr/bin/firefox-esr', headless: true, timeout: 60000 }),
    nodeCalculatorWithKnowledge(),
  ]);
});
after(async () => {
  await browser?.close();
  server?.stop();
});

async function open() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  const foreign = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  page.on('request', (request) => { if (!request.url().startsWith(server.url)) foreign.push(request.url()); });
  await page.goto(server.url);
  await waitForInteractions(page);
  return { context, page, problems, foreign };
}

test('Firefox: the worked example shows the core numbers and interactions, privately', async () => {
  const { context, page, problems, foreign } = await open();
  const expected = calc.assess(exampleRequest);
  const report = await page.locator('#report').innerText();
  assert.ok(report.includes(`${fmt(expected.products[0].elemental_mg_per_day)} mg`), report.slice(0, 300));
  assert.ok(report.includes(`${fmt(expected.products[0].mmol_per_day, 'en', 2)} mmol`));
  assert.equal(await page.locator('#results article.card').count(), expected.interactions.length);
  assert.deepEqual(foreign, [], 'requests to another origin');
  assert.deepEqual(problems, [], 'errors in the console (a CSP violation would log one)');
  await context.close();
});

test('Firefox: a typo in a medicine name is interpreted as the core says', async () => {
  const { context, page, problems } = await open();
  const expected = calc.assess({ ...exampleRequest, medicines: [{ name: 'sertralin' }] });
  assert.equal(expected.interpreted.length, 1);
  await page.locator('#f-medicines-0-name').fill('sertralin');
  await page.locator('#f-medicines-0-name').press('Escape');
  await page.waitForFunction((as) => document.getElementById('results').innerText.includes(as), expected.interpreted[0].as);
  assert.equal(await page.locator('.unrec').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
