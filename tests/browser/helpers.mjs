import { before, after } from 'node:test';
// Shared set-up for the browser tests: build the page into a per-file directory (so test files running
// in parallel never rebuild each other's dist/), serve it with scripts/serve.mjs on a free loopback port,
// and launch Debian's Chromium through playwright-core with the flags from the toolchain notes.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artefacts = path.join(root, 'test-results');
mkdirSync(artefacts, { recursive: true });
process.env.TMPDIR ??= path.join(artefacts, 'tmp');
mkdirSync(process.env.TMPDIR, { recursive: true });

export const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds dist for this test file and serves it; returns {url, dir, stop()}. */
export async function serveBuild(name) {
  const dir = path.join(artefacts, `dist-${name}`);
  execFileSync(process.execPath, [path.join(root, 'scripts/build-web.mjs'), '--out', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(text);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  return { url, dir, stop: () => child.kill() };
}

export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags, headless: true });
}

/** The same wasm core in Node, for expected values. */
export async function nodeCalculator() {
  const { createCalculator } = await import(path.join(root, 'web/dosecalc.js'));
  return createCalculator({ wasmBinary: readFileSync(path.join(root, 'web/generated/dosecalc.wasm')),
    deferredWasmBinary: readFileSync(path.join(root, 'web/generated/dosecalc.deferred.wasm')) });
}

/** Opens the page and waits for the first computed result. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  await page.goto(url);
  await waitForResult(page);
  return { page, problems };
}

export async function waitForResult(page) {
  await page.waitForFunction(() => performance.getEntriesByName('dosecalc:first-result').length > 0, null, { timeout: 15000 });
}

/** Text of the page must never show these (the "never NaN, undefined or a stack trace"). */
export async function assertNoJunk(assert, page) {
  const text = await page.locator('body').innerText();
  for (const junk of ['NaN', 'undefined', 'null', '[object Object]', 'Error:', '    at ']) assert.ok(!text.includes(junk), `page shows "${junk}"`);
}

/** The Node calculator with the interaction knowledge loaded, as the page has it once loading finishes. */
export async function nodeCalculatorWithKnowledge() {
  const calc = await nodeCalculator();
  if (!calc.hasInteractionData) calc.loadKnowledge(readFileSync(path.join(root, 'web/generated/dosecalc-knowledge.json'), 'utf8'));
  return calc;
}

export async function waitForInteractions(page) {
  await page.waitForFunction(() => performance.getEntriesByName('dosecalc:interactions-ready').length > 0, null, { timeout: 15000 });
}

/** Numbers as the page formats them (the page uses Intl with at most `digits` decimals). */
export const fmt = (value, locale = 'en', digits = 1) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);

/** The request the worked example stands for, written out independently of the page's code. */
export const exampleRequest = {
  reference: 'us', locale: 'en',
  person: { age_years: 45, sex: 'female' },
  products: [{ form: 'magnesium citrate', amount_mg: 500, amount_basis: 'compound', units_per_dose: 1, doses_per_day: 2, times: ['12:00', '20:00'] }],
  medicines: [{ name: 'levothyroxine', times: ['07:00'] }],
  diet: { magnesium_mg_per_day: 250 },
};

/**
 * The shared set-up of a browser test file: its own build served on a free port, Chromium, and (unless
 * withCore is false) the wasm core in Node for expected values. Fields are filled by the before() hook.
 */
export function useBrowserSuite(name, { withCore = true } = {}) {
  const suite = {
    server: null, browser: null, calc: null,
    /** A new context and page (at url, default the served build), with the interaction data loaded;
     * initScript, if given, runs in the page before any of its own scripts. */
    async fresh(viewport = { width: 1280, height: 900 }, url = suite.server.url, initScript = undefined) {
      const context = await suite.browser.newContext({ viewport, acceptDownloads: true });
      if (initScript) await context.addInitScript(initScript);
      const opened = await openPage(context, url);
      await waitForInteractions(opened.page);
      return { context, ...opened };
    },
  };
  before(async () => {
    [suite.server, suite.browser, suite.calc] = await Promise.all([serveBuild(name), launch(), withCore ? nodeCalculatorWithKnowledge() : null]);
  });
  after(async () => {
    await suite.browser?.close();
    suite.server?.stop();
  });
  return suite;
}
