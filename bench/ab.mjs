// Paired A/B comparison of built pages: single cold loads of each DIST in turn (A B A B …, the order
// reversed every other round), under the same throttling as bench/load.mjs. This VM's speed drifts by
// tens of percent within minutes, so medians of separate runs say little; the median of the per-round
// differences against the first DIST does.
// usage: node bench/ab.mjs ROUNDS DIST_A DIST_B [DIST_C …]      (each DIST a directory made by npm run build)
import { serve, launchChromium, coldPage } from './cold-load.mjs';

const rounds = Number(process.argv[2]);
const dists = process.argv.slice(3);
if (!(rounds > 0) || dists.length < 2) {
  console.error('usage: node bench/ab.mjs ROUNDS DIST_A DIST_B [DIST_C …]');
  process.exit(2);
}
const servers = await Promise.all(dists.map(serve));
const browser = await launchChromium();

async function coldLoad(url) {
  const { context, page } = await coldPage(browser);
  // As in bench/load.mjs, nothing runs in the page until the load is over.
  const done = page.waitForEvent('requestfinished', { predicate: (r) => r.url().includes('dosecalc-knowledge'), timeout: 60000 });
  await page.goto(url, { waitUntil: 'load' });
  await done;
  await page.waitForTimeout(300);
  const figures = await page.evaluate(() => {
    const htmlEnd = performance.getEntriesByType('navigation')[0].responseEnd;
    const resource = (pattern) => performance.getEntriesByType('resource').find((e) => pattern.test(e.name));
    return {
      firstResult: performance.getEntriesByName('dosecalc:first-result')[0].startTime,
      wasmLastByte: resource(/\/dosecalc-[0-9a-f]+\.wasm$/).responseEnd,
      requestsAfterHtml: resource(/\/style-/).startTime - htmlEnd,
    };
  });
  await context.close();
  return figures;
}

const results = dists.map(() => []);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 ? [...dists.keys()].reverse() : [...dists.keys()];
  for (const k of order) results[k].push(await coldLoad(servers[k].url));
}
const median = (values) => {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const keys = ['firstResult', 'wasmLastByte', 'requestsAfterHtml'];
for (const [k, dir] of dists.entries()) {
  const r = results[k];
  const line = keys.map((key) => `${key} ${Math.round(median(r.map((x) => x[key])))}`).join(', ');
  console.log(`${dir}: ${line}; first result under 1 s in ${r.filter((x) => x.firstResult < 1000).length} of ${r.length}`);
  if (k) console.log(`  paired difference from ${dists[0]}: ${keys.map((key) => `${key} ${Math.round(median(r.map((x, i) => x[key] - results[0][i][key])))}`).join(', ')}`);
}
await browser.close();
for (const server of servers) server.stop();
