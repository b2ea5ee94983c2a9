// Where the main thread's time goes on one cold, throttled load (a measurement, not a test). Records a
// Chromium trace under the same conditions as bench/load.mjs and prints, relative to navigation start:
// the page's marks, when each file finished arriving, the main thread's long tasks in order, and what
// the main thread did between the wasm's last byte and the first result (lazy wasm compilation
// included). Tracing adds a little overhead to every traced event, so use bench/load.mjs for timings.
// usage: node bench/trace.mjs [--dist DIR] [--out trace.json]   (build dist/ first: npm run build)
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launchChromium, coldPage } from './cold-load.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const dist = path.resolve(option('--dist', path.join(root, 'dist')));
const tracePath = path.resolve(option('--out', path.join(root, 'bench/results/trace.json')));

mkdirSync(path.dirname(tracePath), { recursive: true });
const server = await serve(dist);
const url = server.url;
const browser = await launchChromium();
const { page } = await coldPage(browser);
await browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'loading'] });
// As in load.mjs: no Playwright script in the page until the load is over (it would show in the trace).
const knowledgeDone = page.waitForEvent('requestfinished', { predicate: (r) => r.url().includes('dosecalc-knowledge'), timeout: 60000 });
await page.goto(url, { waitUntil: 'load' });
await knowledgeDone;
await page.waitForFunction(() => performance.getEntriesByName('dosecalc:first-result').length > 0, null, { timeout: 60000 });
await page.waitForTimeout(100);
await browser.stopTracing();
await browser.close();
server.stop();

const { traceEvents } = JSON.parse(readFileSync(tracePath, 'utf8'));
const start = traceEvents.find((e) => e.name === 'navigationStart').ts;
const at = (e) => (e.ts - start) / 1000;
const ms = (v) => v.toFixed(0).padStart(6);
const marks = Object.fromEntries(traceEvents.filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('dosecalc:'))
  .map((e) => [e.name.replace('dosecalc:', ''), at(e)]));
console.log('marks:', Object.entries(marks).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));

const files = new Map();
for (const e of traceEvents) if (e.name === 'ResourceSendRequest') files.set(e.args.data.requestId, e.args.data.url.split('/').pop() || 'index.html');
const finished = traceEvents.filter((e) => e.name === 'ResourceFinish').sort((a, b) => a.ts - b.ts);
console.log('files (last byte seen by the renderer):', finished.map((e) => `${files.get(e.args.data.requestId) ?? '?'} ${at(e).toFixed(0)}`).join(', '));

const threadNames = new Map(traceEvents.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
const busy = new Map();
for (const e of traceEvents) if (e.ph === 'X' && e.name === 'RunTask') busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
const main = [...busy].filter(([k]) => threadNames.get(k) === 'CrRendererMain').sort((a, b) => b[1] - a[1])[0][0];
const onMain = traceEvents.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.ts >= start);

console.log('\nmain thread, events over 5 ms (start, duration, name):');
const skip = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
for (const e of onMain.filter((x) => x.dur > 5000 && !skip.has(x.name)).sort((a, b) => a.ts - b.ts)) console.log(ms(at(e)), ms(e.dur / 1000), e.name);

const wasmDone = finished.filter((e) => /\.wasm$/.test(files.get(e.args.data.requestId) ?? '')).map(at)[0] ?? 0;
const totals = new Map();
for (const e of onMain) {
  if (skip.has(e.name) || at(e) < wasmDone || at(e) > marks['first-result']) continue;
  const total = totals.get(e.name) ?? { ms: 0, count: 0 };
  totals.set(e.name, { ms: total.ms + e.dur / 1000, count: total.count + 1 });
}
console.log(`\nmain thread from the wasm's last byte (${wasmDone.toFixed(0)}) to the first result, by event (ms, count):`);
for (const [name, v] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) console.log(ms(v.ms), String(v.count).padStart(5), name);
