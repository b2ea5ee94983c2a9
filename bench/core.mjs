// Core benchmark (not a test): sizes of the shipped assets and timings of the wasm module under Node.
// usage: node bench/core.mjs [--json]   (after `bash scripts/build.sh wasm`)
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const generated = path.join(root, 'web', 'generated');

function sizes(file) {
  const bytes = readFileSync(path.join(generated, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(i);
    samples.push(performance.now() - start);
  }
  return { median_ms: +median(samples).toFixed(3), max_ms: +Math.max(...samples).toFixed(3) };
}

const result = { sizes: {}, timings: {} };
for (const file of ['dosecalc.wasm', 'dosecalc.deferred.wasm', 'dosecalc.mjs', 'dosecalc-knowledge.json']) result.sizes[file] = sizes(file);

const wasmBinary = readFileSync(path.join(generated, 'dosecalc.wasm'));
const deferredWasmBinary = readFileSync(path.join(generated, 'dosecalc.deferred.wasm'));
let start = performance.now();
const { createCalculator } = await import(path.join(root, 'web', 'dosecalc.js'));
const calc = await createCalculator({ wasmBinary, deferredWasmBinary });
const example = { person: { age_years: 45, sex: 'female' },
  products: [{ form: 'magnesium glycinate', amount_mg: 200, amount_basis: 'elemental' }] };
calc.assess(example);  // the first call also loads the embedded core data
result.timings.instantiate_and_first_assess_ms = +(performance.now() - start).toFixed(1);

const bundle = readFileSync(path.join(generated, 'dosecalc-knowledge.json'), 'utf8');
start = performance.now();
calc.loadKnowledge(bundle);
result.timings.load_knowledge_ms = +(performance.now() - start).toFixed(1);

const golden = path.join(root, 'tests', 'golden');
const requests = readdirSync(golden).filter((f) => f.endsWith('.request.json')).map((f) => readFileSync(path.join(golden, f), 'utf8'));
result.timings.assess_golden = time((i) => calc.assessText(requests[i % requests.length]), 500);

// Every prefix of a few names, as typed one key at a time.
const typed = ['sertraline', 'zolof', 'levothyroxin', 'magnesium glycinate', 'st johns wort', 'amitriptyline'];
const keystrokes = typed.flatMap((name) => [...name].map((_, i) => name.slice(0, i + 1)));
result.timings.search_per_keystroke = time((i) => calc.searchNames(keystrokes[i % keystrokes.length], 8, ''), keystrokes.length * 5);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  for (const [file, s] of Object.entries(result.sizes)) console.log(`${file.padEnd(26)} ${String(s.raw).padStart(8)} B raw ${String(s.gzip).padStart(7)} B gzip`);
  for (const [name, t] of Object.entries(result.timings)) console.log(`${name.padEnd(34)} ${JSON.stringify(t)}`);
}
