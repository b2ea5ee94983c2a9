// Numbers and dates written by the page's own rules for its two locales, with the separators, grouping
// threshold and month names taken from the locale's strings (i18n/*.json). The first Intl formatter in a
// page loads ICU locale data, ~150 ms of main-thread time at 4x CPU slowdown on the way to the first
// result; these few rules give the same text as Intl.NumberFormat(locale, {maximumFractionDigits})
// and Intl.DateTimeFormat(locale, {dateStyle: 'long'}) for en and es (tests/js/format.test.mjs).

/**
 * @param {number} value
 * @param {number} digits  at most this many decimals, trailing zeros dropped
 * @param {{decimal: string, group: string, minGroupingDigits: number}} conventions
 */
export function formatNumber(value, digits, conventions) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 1e15) return String(value);
  let { whole, fraction } = roundShortestDecimal(Math.abs(value), digits);
  if (whole.length >= 4 + (conventions.minGroupingDigits - 1)) whole = whole.replace(/\B(?=(\d{3})+$)/g, conventions.group);
  const text = fraction ? `${whole}${conventions.decimal}${fraction}` : whole;
  return value < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}

// Rounds half away from zero on the shortest decimal text of the value (what String(value) prints), as
// Intl does: 1.005 is "1.005" and rounds to 1.01. Returns the integer digits and the kept decimals
// without trailing zeros.
function roundShortestDecimal(abs, digits) {
  const [mantissa, exponent = '0'] = String(abs).split('e');
  const [integerPart, fractionPart = ''] = mantissa.split('.');
  let decimalDigits = integerPart + fractionPart;
  let point = integerPart.length + Number(exponent);  // digits before the decimal point
  if (point < 0) {
    decimalDigits = '0'.repeat(-point) + decimalDigits;
    point = 0;
  }
  decimalDigits = decimalDigits.padEnd(point, '0');
  const keep = point + digits;
  if (decimalDigits.length > keep) {
    const roundUp = decimalDigits[keep] >= '5';
    decimalDigits = decimalDigits.slice(0, keep);
    if (roundUp) {
      const increased = (BigInt(decimalDigits || '0') + 1n).toString().padStart(keep, '0');
      point += increased.length - keep;
      decimalDigits = increased;
    }
  }
  return { whole: decimalDigits.slice(0, point).replace(/^0+(?=\d)/, '') || '0',
    fraction: decimalDigits.slice(point).replace(/0+$/, '') };
}

/**
 * "2026.11.22" or "2026-11-22" as a long date ("November 22, 2026" / "22 de noviembre de 2026");
 * anything else is returned unchanged.
 * @param {{pattern: string, months: string[]}} conventions  pattern with {day}, {month}, {year}
 */
export function formatDate(text, conventions) {
  const m = /^(\d{4})[.-](\d{2})[.-](\d{2})$/.exec(text ?? '');
  const month = m ? conventions.months[Number(m[2]) - 1] : undefined;
  if (!m || !month || Number(m[3]) < 1 || Number(m[3]) > 31) return text ?? '';
  return conventions.pattern.replace('{day}', String(Number(m[3]))).replace('{month}', month).replace('{year}', m[1]);
}
