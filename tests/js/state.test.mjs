// The page's reading of typed numbers (web/lib/state.js): the core validates every value, but a number
// read wrongly is a valid value the core cannot catch, so each convention is pinned here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './load.mjs';
import { readNumber, toRequest, exampleState } from '../../web/lib/state.js';
import { formatNumber } from '../../web/lib/format.js';

test('decimal separators: a comma or a point', () => {
  assert.equal(readNumber('1.5'), 1.5);
  assert.equal(readNumber('1,5'), 1.5);
  assert.equal(readNumber('0,500'), 0.5, 'a leading zero is never a thousands group');
  assert.equal(readNumber('0.500'), 0.5);
  assert.equal(readNumber('1234,5'), 1234.5, 'four digits before the separator: not a thousands group');
  assert.equal(readNumber('12.25'), 12.25);
  assert.equal(readNumber('12,2500'), 12.25, 'four digits after it: a decimal');
  assert.equal(readNumber(',5'), 0.5);
  assert.equal(readNumber('5.'), 5);
  assert.equal(readNumber(' 400 '), 400);
  assert.equal(readNumber('-5'), -5, 'the core reports the sign, so it is kept');
  assert.equal(readNumber('+2,5'), 2.5);
});

test('thousands separators are never read as decimals, in either convention', () => {
  assert.equal(readNumber('1,000'), 1000);
  assert.equal(readNumber('1.000'), 1000);
  assert.equal(readNumber('2,500'), 2500);
  assert.equal(readNumber('2.500'), 2500);
  assert.equal(readNumber('1,000,000'), 1000000);
  assert.equal(readNumber('1.000.000'), 1000000);
  assert.equal(readNumber('1,234.5'), 1234.5);
  assert.equal(readNumber('1.234,5'), 1234.5);
  assert.equal(readNumber('1 000'), 1000);
  assert.equal(readNumber('12 345,5'), 12345.5);
});

test('text that is not one finite number goes to the core as text, so its error names the field', () => {
  for (const text of ['abc', '1,00,0', '1.2.3,4,5', '12,34.5', '1 2', '1,000,00', '5 mg', '1e3', '--1', '1,2,3', '9'.repeat(400)]) {
    assert.equal(readNumber(text), text, text.slice(0, 20));
  }
  assert.equal(readNumber(''), undefined);
  assert.equal(readNumber('   '), undefined);
});

test('every number the page prints reads back as the same number', () => {
  const strings = (lang) => JSON.parse(readFileSync(path.join(root, 'web', 'i18n', `${lang}.json`), 'utf8'));
  for (const lang of ['en', 'es']) {
    const s = strings(lang);
    const conventions = { decimal: s.numberDecimal, group: s.numberGroup, minGroupingDigits: s.numberMinGroupingDigits };
    for (const value of [0.5, 1, 12.5, 350, 999.9, 1000, 1234.5, 2500, 12345.67, 50000, 1234567.89]) {
      for (const digits of [0, 1, 2]) {
        const printed = formatNumber(value, digits, conventions);
        assert.equal(readNumber(printed), Number(value.toFixed(digits)), `${lang} "${printed}"`);
      }
    }
  }
});

test('changing the page language never changes what a typed number means', () => {
  const state = exampleState('en');
  state.products[0].amount = '1,000';
  state.products[0].units = '1,5';
  state.diet = '1.200';
  const english = toRequest(state).request;
  state.lang = 'es';
  const spanish = toRequest(state).request;
  assert.equal(english.products[0].amount_mg, 1000);
  assert.equal(english.products[0].units_per_dose, 1.5);
  assert.equal(english.diet.magnesium_mg_per_day, 1200);
  assert.deepEqual({ ...spanish, locale: 'en' }, english);
});
