// UI strings live in ../i18n/*.json; this file only looks them up and formats numbers and dates per locale.
import en from '../i18n/en.json' with { type: 'json' };

const dictionaries = { en };
let dict = en;
export let locale = 'en';

/** Loads a locale's strings (Spanish is fetched only when asked for). */
export async function setLocale(next) {
  if (next === 'es' && !dictionaries.es) dictionaries.es = (await import('../i18n/es.json', { with: { type: 'json' } })).default;
  locale = dictionaries[next] ? next : 'en';
  dict = dictionaries[locale];
  document.documentElement.lang = locale;
}

/** The string for key with {name} placeholders filled; a missing placeholder becomes empty, never "undefined". */
export function t(key, vars) {
  const text = dict[key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars?.[name] ?? '') + '');
}

const formats = new Map();
/** A number formatted for the locale, or an en dash when it is not a finite number. */
export function num(value, digits = 1) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  const key = locale + digits;
  if (!formats.has(key)) formats.set(key, new Intl.NumberFormat(locale, { maximumFractionDigits: digits }));
  return formats.get(key).format(value);
}

/**
 * Builds the locale's number and date formatters. Creating the first Intl formatter loads locale data
 * (about 100 ms at 4x CPU slowdown), so the page does it while the wasm is still downloading instead of
 * on the way to the first result.
 */
export function warmUpFormats() {
  for (const digits of [0, 1, 2]) num(0, digits);
  date('2000.01.01');
}

/** "2026.11.22" or "2026-11-22" as a long local date; anything else is returned unchanged. */
export function date(text) {
  const m = /^(\d{4})[.-](\d{2})[.-](\d{2})$/.exec(text ?? '');
  if (!m) return text ?? '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(m[1], m[2] - 1, m[3]));
}
