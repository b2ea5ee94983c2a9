// The page's own number and date formatting (web/lib/format.js) against Intl, for both locales: the page
// avoids Intl on the way to the first result, so its rules must give exactly Intl's text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './load.mjs';
import { formatNumber, formatDate } from '../../web/lib/format.js';

const strings = (lang) => JSON.parse(readFileSync(path.join(root, 'web', 'i18n', `${lang}.json`), 'utf8'));
const numberConventions = (s) => ({ decimal: s.numberDecimal, group: s.numberGroup, minGroupingDigits: s.numberMinGroupingDigits });

// A deterministic generator, so a failure names a reproducible value.
function* values() {
  yield* [0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.05, 0.005, 1.005, 1.0049999, 9.995, 99.95, 999.5, 999.95, 1234, 1234.5, 9999.5,
    12345, 123456.789, 1234567.5, -1234.56, 0.000123, 48.62, 97.2, 121.5, 8.12, 350, 1e-7, 2 ** 40, 123456789012.345];
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 20000; i++) {
    const magnitude = 10 ** Math.floor(random() * 12 - 4);
    const raw = (random() - 0.2) * magnitude;
    yield raw;
    yield Math.round(raw * 100) / 100;  // values the core rounds to 2 decimals
    yield Math.round(raw * 1000 + 0.5) / 1000;
  }
}

for (const lang of ['en', 'es']) {
  test(`numbers: the page's rules give Intl.NumberFormat's text (${lang})`, () => {
    const conventions = numberConventions(strings(lang));
    let checked = 0;
    for (const digits of [0, 1, 2, 3]) {
      const intl = new Intl.NumberFormat(lang, { maximumFractionDigits: digits });
      for (const value of values()) {
        const expected = intl.format(value).replace(/^-0$/, '0');
        assert.equal(formatNumber(value, digits, conventions), expected, `${value} with ${digits} digits`);
        checked += 1;
      }
    }
    assert.ok(checked > 200000);
    for (const bad of [NaN, Infinity, -Infinity, undefined, '12']) assert.equal(formatNumber(bad, 1, conventions), '–');
  });

  test(`dates: the page's rules give Intl.DateTimeFormat's long date (${lang})`, () => {
    const s = strings(lang);
    const conventions = { pattern: s.datePattern, months: s.months };
    const intl = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
    for (let day = Date.UTC(2020, 0, 1); day < Date.UTC(2029, 0, 1); day += 86400000 * 3) {
      const d = new Date(day);
      const text = `${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${String(d.getUTCDate()).padStart(2, '0')}`;
      assert.equal(formatDate(text, conventions), intl.format(day), text);
      assert.equal(formatDate(text.replaceAll('.', '-'), conventions), intl.format(day));
    }
    for (const other of ['', 'soon', '2026.13.01', '2026.11.00', undefined]) assert.equal(formatDate(other, conventions), other ?? '');
  });
}
