// The page in WebKit: Debian's WebKitGTK (its MiniBrowser, the engine Safari is built on, with
// JavaScriptCore), driven over classic WebDriver by WebKitWebDriver in a virtual X display (xvfb-run).
// Safari itself does not run here; this is the closest engine that does. A few fetch() calls are the whole
// WebDriver client. Checks: the worked example's numbers are the core's, the interaction data loads (so
// the module's second part and the knowledge bundle work under WebKit's CSP and wasm), a typo is
// corrected as the core says, and every file the page loaded came from its own origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { serveBuild, nodeCalculatorWithKnowledge, fmt, exampleRequest } from './helpers.mjs';

// Debian's libwebkit2gtk-4.1-0 installs it under the architecture's library directory.
const MINIBROWSER = readdirSync('/usr/lib').map((dir) => `/usr/lib/${dir}/webkit2gtk-4.1/MiniBrowser`).find(existsSync);
let server, calc, driver, endpoint, session;

const freePort = () => new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

async function webdriver(method, path, body) {
  const response = await fetch(`${endpoint}${path}`, { method, headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30000) });
  const { value } = await response.json();
  if (value && value.error) throw new Error(`WebDriver ${method} ${path}: ${value.error}: ${value.message}`);
  return value;
}

const run = (script, ...args) => webdriver('POST', `/session/${session}/execute/sync`, { script, args });

async function waitFor(script, what, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await run(script)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKit: timed out waiting for ${what}`);
}

async function open(url) {
  await webdriver('POST', `/session/${session}/url`, { url });
  await waitFor("return performance.getEntriesByName('dosecalc:interactions-ready').length > 0", 'the interaction data');
}

before(async () => {
  if (!MINIBROWSER) throw new Error('WebKitGTK MiniBrowser not found: bash scripts/setup.sh installs webkit2gtk-driver');
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  // detached: xvfb-run, Xvfb and the driver form a process group that after() ends as a whole.
  driver = spawn('xvfb-run', ['-a', '/usr/bin/WebKitWebDriver', `--port=${port}`], { stdio: 'ignore', detached: true });
  [server, calc] = await Promise.all([serveBuild('webkit'), nodeCalculatorWithKnowledge()]);
  const until = Date.now() + 20000;
  for (;;) {
    try {
      if ((await webdriver('GET', '/status')).ready) break;
    } catch (error) {
      if (Date.now() > until) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  ({ sessionId: session } = await webdriver('POST', '/session', { capabilities: { alwaysMatch: {
    browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } } }));
});

after(async () => {
  if (session) await webdriver('DELETE', `/session/${session}`).catch(() => {});
  if (driver) try { process.kill(-driver.pid); } catch { /* already gone */ }
  server?.stop();
});

test('WebKit: the worked example shows the core numbers and interactions, from the page\'s own origin only', async () => {
  await open(server.url);
  const expected = calc.assess(exampleRequest);
  const report = await run("return document.getElementById('report').innerText");
  assert.ok(report.includes(`${fmt(expected.products[0].elemental_mg_per_day)} mg`), report.slice(0, 300));
  assert.ok(report.includes(`${fmt(expected.products[0].mmol_per_day, 'en', 2)} mmol`));
  assert.equal(await run("return document.querySelectorAll('#results article.card').length"), expected.interactions.length);
  assert.ok(expected.interactions.length > 0);
  const summary = await run("return document.getElementById('example-result').innerText");
  assert.ok(summary.includes(`${fmt(expected.nutrients[0].supplement_mg_per_day)} mg`), summary);
  const loaded = await run("return performance.getEntriesByType('resource').map((r) => r.name)");
  const origin = new URL(server.url).origin;
  assert.ok(loaded.some((name) => name.endsWith('.wasm')), loaded.join(' '));
  assert.deepEqual(loaded.filter((name) => new URL(name).origin !== origin), [], 'files from another origin');
  const text = await run('return document.body.innerText');
  for (const junk of ['NaN', 'undefined', '[object Object]']) assert.ok(!text.includes(junk), `page shows "${junk}"`);
});

test('WebKit: a typo in a medicine name is interpreted as the core says', async () => {
  await open(server.url);
  const expected = calc.assess({ ...exampleRequest, medicines: [{ name: 'sertralin' }] });
  assert.equal(expected.interpreted.length, 1);
  const field = await webdriver('POST', `/session/${session}/element`, { using: 'css selector', value: '#f-medicines-0-name' });
  const element = Object.values(field)[0];
  await webdriver('POST', `/session/${session}/element/${element}/clear`, {});
  await webdriver('POST', `/session/${session}/element/${element}/value`, { text: 'sertralin' });
  // WebDriver types one key at a time, and a prefix such as "sertr" is unrecognised (with "Sertraline" as
  // a suggestion) for a moment: wait for the page's reading of the whole word.
  const reading = `We read “${expected.interpreted[0].name}” as ${expected.interpreted[0].as}.`;
  await waitFor(`return document.getElementById('results').innerText.includes(${JSON.stringify(reading)})`, 'the interpreted name');
  assert.equal(await run("return document.querySelectorAll('.unrec').length"), 0);
});
