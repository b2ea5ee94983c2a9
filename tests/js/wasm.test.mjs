// The WebAssembly module under Node: the golden requests give byte-identical reports to the native
// CLI, bad input gets structured errors without aborting the module, and the knowledge bundle loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { calculator, root } from './load.mjs';

const goldenDir = path.join(root, 'tests', 'golden');
const calc = await calculator();

test('every golden request gives the golden report, byte for byte', () => {
  const requests = readdirSync(goldenDir).filter((name) => name.endsWith('.request.json'));
  assert.ok(requests.length >= 8);
  for (const name of requests) {
    const expected = readFileSync(path.join(goldenDir, name.replace('.request.json', '.report.json')), 'utf8').trimEnd();
    const actual = calc.assessText(readFileSync(path.join(goldenDir, name), 'utf8'));
    assert.equal(actual, expected, name);
  }
});

test('bad input returns errors naming the field, and the module keeps working', () => {
  const cases = [
    ['', 'invalid_json', ''],
    ['{"person": ', 'invalid_json', ''],
    ['['.repeat(200000), 'too_deep', ''],
    [JSON.stringify({ person: { age_years: 45, sex: 'female' }, goal: 'x'.repeat(10 * 1024 * 1024) }), 'too_large', ''],
    [JSON.stringify({ person: { age_years: -1, sex: 'female' } }), 'out_of_range', '/person/age_years'],
    [JSON.stringify({ person: { age_years: 40, sex: 'female' }, products: [{ form: 'magnesium oxide', amount_mg: 1e7, amount_basis: 'compound' }] }),
      'out_of_range', '/products/0/amount_mg'],
    [JSON.stringify({ person: { age_years: 40, sex: 'female' }, products: [{ form: 'unobtainium', amount_mg: 5, amount_basis: 'compound' }] }),
      'unknown_form', '/products/0/form'],
    [JSON.stringify({ person: { age_years: 40, sex: 'female' }, medicines: [{ name: 'x', times: ['25:00'] }] }),
      'invalid_time', '/medicines/0/times/0'],
  ];
  for (const [text, code, pointer] of cases) {
    const report = JSON.parse(calc.assessText(text));
    assert.ok(Array.isArray(report.errors), `${code}: errors array`);
    assert.ok(report.errors.some((e) => e.code === code && e.path === pointer), `${code} at ${pointer}: ${JSON.stringify(report.errors).slice(0, 200)}`);
  }
  // Objects the JS wrapper cannot serialise become invalid_json, not exceptions.
  const circular = { person: {} };
  circular.person.self = circular;
  assert.equal(calc.assess(circular).errors[0].code, 'invalid_json');
  assert.equal(calc.assess(undefined).errors[0].code, 'invalid_json');
  // NaN and Infinity serialise to null: the field is reported missing, never computed.
  const nan = calc.assess({ person: { age_years: NaN, sex: 'male' } });
  assert.equal(nan.errors[0].path, '/person/age_years');
  // Still alive and correct after all of that.
  const ok = calc.assess({ person: { age_years: 45, sex: 'female' }, products: [{ form: 'magnesium oxide', amount_mg: 100, amount_basis: 'elemental' }] });
  assert.equal(ok.products[0].elemental_mg_per_day, 100);
  assert.ok(!/NaN|Infinity/.test(JSON.stringify(ok)));
});

test('name search runs on every keystroke: brands, typos, forms', () => {
  assert.equal(calc.searchNames('zolof', 5, 'medicine')[0].id, 'sertraline');
  assert.equal(calc.searchNames('sertralin', 5, 'medicine')[0].id, 'sertraline');
  assert.equal(calc.searchNames('epsom', 5, 'form')[0].id, 'magnesium_sulfate_heptahydrate');
  assert.deepEqual(calc.searchNames('', 5, ''), []);
  assert.ok(calc.searchNames('a'.repeat(100000), 5, '').length <= 5);
  const forms = calc.forms('en');
  assert.ok(forms.some((group) => group.compounds.some((c) => c.id === 'magnesium_bisglycinate' && Math.abs(c.elemental_percent - 14.1) < 0.05)));
});

test('without the knowledge bundle, medicines are not judged', async () => {
  const bare = await calculator({ knowledge: false });
  assert.equal(bare.hasInteractionData, false);
  const report = bare.assess({ person: { age_years: 45, sex: 'female' }, medicines: [{ name: 'Zoloft' }],
    products: [{ form: 'magnesium oxide', amount_mg: 100, amount_basis: 'elemental' }] });
  assert.equal(report.interaction_data, 'not_loaded');
  assert.deepEqual(report.unrecognized, []);
  assert.deepEqual(report.no_interaction_found, []);
  // The schedule needs the interactions' separations: it waits for the bundle, and says why.
  assert.deepEqual(report.schedule, { status: 'not_computed', reason: 'interaction_data_not_loaded', doses: [] });
  const withKnowledge = calc.assess({ person: { age_years: 45, sex: 'female' }, medicines: [{ name: 'Zoloft' }],
    products: [{ form: 'magnesium oxide', amount_mg: 100, amount_basis: 'elemental' }] });
  assert.equal(withKnowledge.schedule.status, 'solved');
  assert.equal(withKnowledge.schedule.doses.filter((d) => d.kind === 'product').length, 1);
  assert.equal(bare.loadKnowledge('not json').ok, false);
  assert.equal(bare.hasInteractionData, false);
  assert.equal(calc.hasInteractionData, true);
});

test('error codes from the module match the .d.ts union', () => {
  const types = readFileSync(path.join(root, 'web', 'dosecalc.d.ts'), 'utf8');
  const union = types.slice(types.indexOf('export type ErrorCode ='), types.indexOf(';', types.indexOf('export type ErrorCode =')));
  const typed = [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(calc.errorCodes().map((c) => c.code).sort(), typed);
});

test('a trap in the module becomes a structured internal_error, and the calculator stays stopped', async () => {
  const { calculatorFor } = await import(path.join(root, 'web', 'dosecalc.js'));
  let calls = 0;
  const utf8 = (text) => new TextEncoder().encode(text);
  const trapping = {
    _assess() { calls += 1; throw new WebAssembly.RuntimeError('unreachable'); },
    // The module returns UTF-8 bytes (wasm/bindings.cpp).
    _searchNames() { calls += 1; return utf8('[]'); },
    _forms() { return utf8('{"groups":[]}'); },
    _loadKnowledge() { return utf8('{}'); },
    _errorCodes() { return utf8('{"codes":[]}'); },
    _dataVersion() { return utf8('test'); },
  };
  const stopped = calculatorFor(trapping);
  const report = stopped.assess({ person: { age_years: 40, sex: 'female' } });
  assert.deepEqual(report.errors.map((e) => [e.code, e.path]), [['internal_error', '']]);
  assert.match(report.errors[0].message, /Reload the page/);
  assert.deepEqual(stopped.searchNames('mag'), []);
  assert.equal(calls, 1, 'no call reaches the module after a trap');
  assert.equal(stopped.loadKnowledge('{}').ok, false);
});

test('arguments that cannot become text, and an empty knowledge bundle, never stop or empty the calculator', async () => {
  const own = await calculator();
  const hostile = [Object.create(null), { toString() { throw new Error('no'); } }];
  for (const value of hostile) {
    assert.equal(JSON.parse(own.assessText(value)).errors[0].code, 'invalid_json');
    assert.deepEqual(own.searchNames(value, 5), []);
    assert.equal(own.loadKnowledge(value).ok, false);
  }
  // An empty bundle is refused and the loaded one stays: reports still judge medicines.
  for (const empty of ['{}', '[]', '[{"sources": []}]']) assert.equal(own.loadKnowledge(empty).ok, false, empty);
  const report = own.assess({ person: { age_years: 40, sex: 'female' },
    products: [{ form: 'magnesium oxide', amount_mg: 100, amount_basis: 'elemental' }], medicines: [{ name: 'Cipro' }] });
  assert.equal(report.interaction_data, 'loaded');
  assert.ok(report.interactions.length > 0, 'the calculator still works, with its knowledge');
  assert.ok(own.hasInteractionData);
  assert.equal(own.searchNames('zolof', 1e9).length <= 50, true);
});
