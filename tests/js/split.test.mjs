// The wasm module in two parts (CMakeLists.txt runs wasm-split; web/dosecalc.js loads them): an early
// calculator answers from the first part alone where it can, throws NotReadyError where it cannot,
// and once the second part is loaded every answer is the same as the complete module's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { binaries, calculator, root } from './load.mjs';

const goldenDir = path.join(root, 'tests', 'golden');
const requests = [
  ...readdirSync(goldenDir).filter((name) => name.endsWith('.request.json'))
    .map((name) => [name, readFileSync(path.join(goldenDir, name), 'utf8')]),
  ['not JSON', '{"person": '],
  ['a negative age', JSON.stringify({ person: { age_years: -1, sex: 'female' } })],
  ['an unknown form', JSON.stringify({ person: { age_years: 40, sex: 'female' }, products: [{ form: 'unobtainium', amount_mg: 5, amount_basis: 'compound' }] })],
];

async function earlyCalculator() {
  // A fresh module per call: the query string defeats dosecalc.js's memoised instance.
  const api = await import(`${path.join(root, 'web', 'dosecalc.js')}?instance=${Math.random()}`);
  return { api, calc: await api.createEarlyCalculator(binaries()) };
}

const complete = await calculator({ knowledge: false });

test('the worked example the page opens with needs only the first part', async () => {
  const { exampleState, toRequest } = await import(path.join(root, 'web', 'lib', 'state.js'));
  for (const lang of ['en', 'es']) {
    const { calc } = await earlyCalculator();
    const text = JSON.stringify(toRequest(exampleState(lang)).request);
    assert.equal(calc.assessText(text), complete.assessText(text), lang);
  }
});

test('before the second part arrives, a call either answers as the complete module would or throws NotReadyError', async () => {
  let deferred = 0;
  for (const [name, text] of requests) {
    const { api, calc } = await earlyCalculator();
    let early = null;
    try {
      early = calc.assessText(text);
    } catch (error) {
      assert.ok(error instanceof api.NotReadyError, `${name}: ${error}`);
      deferred += 1;
    }
    await calc.complete;
    // After a call stopped at the second part, the module is intact: the same request, and others, give
    // the complete module's answers.
    assert.equal(calc.assessText(text), complete.assessText(text), name);
    if (early !== null) assert.equal(early, complete.assessText(text), name);
    assert.deepEqual(calc.searchNames('sertral'), complete.searchNames('sertral'), name);
    assert.deepEqual(calc.errorCodes(), complete.errorCodes(), name);
  }
  // Error paths and interactions live in the second part, so some of these requests must have needed it;
  // otherwise this test would not be exercising the mechanism at all.
  assert.ok(deferred > 0, 'no request needed the second part');
});

test('createCalculator resolves only with both parts, and NotReadyError never reaches its callers', async () => {
  const api = await import(`${path.join(root, 'web', 'dosecalc.js')}?instance=${Math.random()}`);
  const calc = await api.createCalculator(binaries());
  for (const [name, text] of requests) assert.equal(calc.assessText(text), complete.assessText(text), name);
  assert.ok(calc.searchNames('magnesium citrate').length > 0);
});

test('wasmBinary without deferredWasmBinary is a clear error, not a hang', async () => {
  const api = await import(`${path.join(root, 'web', 'dosecalc.js')}?instance=${Math.random()}`);
  const { wasmBinary } = binaries();
  await assert.rejects(api.createCalculator({ wasmBinary }), /deferredWasmBinary/);
});

test('a second part that cannot be loaded rejects calculator.complete; the first part keeps answering', async () => {
  const api = await import(`${path.join(root, 'web', 'dosecalc.js')}?instance=${Math.random()}`);
  const { wasmBinary } = binaries();
  const calc = await api.createEarlyCalculator({ wasmBinary, deferredWasmBinary: new Uint8Array([0, 1, 2, 3]) });
  await assert.rejects(calc.complete);
  const { exampleState, toRequest } = await import(path.join(root, 'web', 'lib', 'state.js'));
  const text = JSON.stringify(toRequest(exampleState('en')).request);
  assert.equal(calc.assessText(text), complete.assessText(text));
  assert.throws(() => calc.assessText('{"person": '), api.NotReadyError);
});

test('calls stopped at the second part leave the stack where it was (20,000 of them)', async () => {
  // Each stopped call unwinds through wasm frames without running their epilogues; web/dosecalc.js puts
  // the stack pointer back. Without that, these calls would use up the module's 5 MiB stack.
  const { api, calc } = await earlyCalculator();
  for (let i = 0; i < 20000; i++) assert.throws(() => calc.assessText('{"person": '), api.NotReadyError);
  await calc.complete;
  for (const [name, text] of requests) assert.equal(calc.assessText(text), complete.assessText(text), name);
});
