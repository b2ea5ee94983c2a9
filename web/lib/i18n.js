// UI strings live in ../i18n/*.json; this file only looks them up and formats numbers and dates per locale.
import en from '../i18n/en.json' with { type: 'json' };
import { formatNumber, formatDate } from './format.js';

const dictionaries = { en };
let dict = en;
const numberConventions = (d) => ({ decimal: d.numberDecimal ?? en.numberDecimal, group: d.numberGroup ?? en.numberGroup,
  minGroupingDigits: d.numberMinGroupingDigits ?? en.numberMinGroupingDigits });
let numbers = numberConventions(en);
export let locale = 'en';

/** Loads a locale's strings (Spanish is fetched only when asked for). */
export async function setLocale(next) {
  if (next === 'es' && !dictionaries.es) dictionaries.es = (await import('../i18n/es.json', { with: { type: 'json' } })).default;
  locale = dictionaries[next] ? next : 'en';
  dict = dictionaries[locale];
  numbers = numberConventions(dict);
  // Only when it changes: setting lang, even to the value it has, makes the browser restyle the whole page.
  if (document.documentElement.lang !== locale) document.documentElement.lang = locale;
}

/** The string for key with {name} placeholders filled; a missing placeholder becomes empty, never "undefined". */
export function t(key, vars) {
  const text = dict[key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars?.[name] ?? '') + '');
}

/** A number with at most `digits` decimals, per the locale's conventions; an en dash when not a finite number. */
export function num(value, digits = 1) {
  return formatNumber(value, digits, numbers);
}

/** "2026.11.22" or "2026-11-22" as a long local date; anything else is returned unchanged. */
export function date(text) {
  return formatDate(text, { pattern: dict.datePattern ?? en.datePattern, months: dict.months ?? en.months });
}
