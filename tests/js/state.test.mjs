// The page's reading of typed numbers (web/lib/state.js): the core validates every value, but a number
// read wrongly is a valid value the core cannot catch, so each convention is pinned here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './load.mjs';
import { readNumber, toRequest, exampleState } from '../../web/lib/state.js';
import { formatNumber } from '../../web/lib/format.js';

test('decimal separators: a comma or a point, in either language', () => {
  for (const lang of ['en', 'es']) {
    assert.equal(readNumber('1.5', lang), 1.5);
    assert.equal(readNumber('1,5', lang), 1.5);
    assert.equal(readNumber('0,500', lang), 0.5, 'a leading zero is never a thousands group');
    assert.equal(readNumber('0.500', lang), 0.5);
    assert.equal(readNumber('1234,5', lang), 1234.5, 'four digits before the separator: not a thousands group');
    assert.equal(readNumber('12.25', lang), 12.25);
    assert.equal(readNumber(',5', lang), 0.5);
    assert.equal(readNumber('5.', lang), 5);
    assert.equal(readNumber(' 400 ', lang), 400);
    assert.equal(readNumber('-5', lang), -5, 'the core reports the sign, so it is kept');
  }
});

test('thousands separators are never read as decimals', () => {
  for (const lang of ['en', 'es']) {
    assert.equal(readNumber('1,000,000', lang), 1000000);
    assert.equal(readNumber('1.000.000', lang), 1000000);
    assert.equal(readNumber('1,234.5', lang), 1234.5);
    assert.equal(readNumber('1.234,5', lang), 1234.5);
    assert.equal(readNumber('1 000', lang), 1000);
    assert.equal(readNumber('12 345,5', lang), 12345.5);
  }
});

test('"1,000" and "1.000" follow the page language', () => {
  assert.equal(readNumber('1,000', 'en'), 1000);
  assert.equal(readNumber('2,500', 'en'), 2500);
  assert.equal(readNumber('1.000', 'en'), 1);
  assert.equal(readNumber('1.000', 'es'), 1000);
  assert.equal(readNumber('2.500', 'es'), 2500);
  assert.equal(readNumber('1,000', 'es'), 1);
});

test('text that is not one number goes to the core as text, so its error names the field', () => {
  for (const text of ['abc', '1,00,0', '1.2.3,4,5', '12,34.5', '1 2', '1,000,00', '5 mg', '1e3', '--1', '1,2,3']) {
    assert.equal(readNumber(text, 'en'), text, text);
    assert.equal(readNumber(text, 'es'), text, text);
  }
  assert.equal(readNumber('', 'en'), undefined);
  assert.equal(readNumber('   ', 'es'), undefined);
});

test('every number the page prints reads back as the same number in that language', () => {
  const strings = (lang) => JSON.parse(readFileSync(path.join(root, 'web', 'i18n', `${lang}.json`), 'utf8'));
  for (const lang of ['en', 'es']) {
    const s = strings(lang);
    const conventions = { decimal: s.numberDecimal, group: s.numberGroup, minGroupingDigits: s.numberMinGroupingDigits };
    for (const value of [0.5, 1, 12.5, 350, 999.9, 1000, 1234.5, 2500, 12345.67, 50000, 1234567.89]) {
      for (const digits of [0, 1, 2]) {
        const printed = formatNumber(value, digits, conventions);
        assert.equal(readNumber(printed, lang), Number(value.toFixed(digits)), `${lang} "${printed}"`);
      }
    }
  }
});

test('the request uses the state language for every number field', () => {
  const state = exampleState('en');
  state.products[0].amount = '1,000';
  state.diet = '1,200';
  assert.equal(toRequest(state).request.products[0].amount_mg, 1000);
  assert.equal(toRequest(state).request.diet.magnesium_mg_per_day, 1200);
  state.lang = 'es';
  state.products[0].amount = '1.000';
  state.products[0].units = '1,5';
  const { request } = toRequest(state);
  assert.equal(request.products[0].amount_mg, 1000);
  assert.equal(request.products[0].units_per_dose, 1.5);
});
