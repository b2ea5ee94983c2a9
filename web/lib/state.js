// The page's input state: exactly what the person typed (strings), so a shared link restores it verbatim.
// toRequest() turns it into a core request; it converts text to numbers but judges nothing — the core
// validates every value and its errors are shown beside the field.

export const blankProduct = () => ({ form: '', amount: '', basis: 'elemental', units: '1', doses: '1', pct: '', times: '' });
export const blankMedicine = () => ({ name: '', times: '', freq: '' });

export function emptyState(lang = 'en') {
  return {
    lang, ref: 'us',
    person: { age: '', sex: 'female', preg: 'none', kidney: 'unknown', kval: '', cond: [] },
    products: [blankProduct()], medicines: [blankMedicine()],
    diet: '', routine: { wake: '', bed: '', meals: '' },
  };
}

/** The worked example shown on first open: an adult taking a common magnesium product. */
export function exampleState(lang = 'en') {
  const state = emptyState(lang);
  state.person.age = '45';
  const spanish = lang === 'es';  // the core resolves names in either language
  state.products = [{ ...blankProduct(), form: spanish ? 'citrato de magnesio' : 'magnesium citrate', amount: '500', basis: 'compound', doses: '2', times: '12:00, 20:00' }];
  state.medicines = [{ name: spanish ? 'levotiroxina' : 'levothyroxine', times: '07:00', freq: '1' }];
  state.diet = '250';
  return state;
}

// Fragment format: "#s=" + base64url(UTF-8 JSON of the state).
export function encode(state) {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return 's=' + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Whether a fragment claims to be a shared input (whether or not it can be read). */
export const isSharedLink = (hash) => /^#?s=/.test(hash || '');

/**
 * The state in a fragment, normalised to the known shape (unknown keys dropped, values made strings), or
 * null. What follows the base64url text is ignored: mail and chat apps append a ")" or tracking
 * parameters ("&utm_source=…") to links they pass on. A link cut short does not decode: null.
 */
export function decode(hash) {
  const m = /^#?s=([A-Za-z0-9_-]+)/.exec(hash || '');
  if (!m) return null;
  try {
    const binary = atob(m[1].replace(/-/g, '+').replace(/_/g, '/'));
    const raw = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return normalise(raw);
  } catch {
    return null;
  }
}

const str = (v, d = '') => (typeof v === 'string' || typeof v === 'number' ? String(v).slice(0, 200) : d);
const pick = (v, list) => (list.includes(v) ? v : list[0]);
const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const list = (v, max) => (Array.isArray(v) ? v.slice(0, max).map(obj) : []);

function normalise(raw) {
  raw = obj(raw);
  const p = obj(raw.person), r = obj(raw.routine);
  return {
    lang: pick(raw.lang, ['en', 'es']), ref: pick(raw.ref, ['us', 'eu', 'uk']),
    person: {
      age: str(p.age), sex: pick(p.sex, ['female', 'male']), preg: pick(p.preg, ['none', 'pregnant', 'lactating']),
      kidney: pick(p.kidney, ['unknown', 'none', 'ckd', 'egfr', 'cmg', 'cumol']), kval: str(p.kval),
      cond: Array.isArray(p.cond) ? p.cond.filter((c) => ['myasthenia_gravis', 'heart_block'].includes(c)) : [],
    },
    products: list(raw.products, 20).map((x) => ({
      form: str(x.form), amount: str(x.amount), basis: pick(x.basis, ['elemental', 'compound']),
      units: str(x.units, '1'), doses: str(x.doses, '1'), pct: str(x.pct), times: str(x.times),
    })),
    medicines: list(raw.medicines, 20).map((x) => ({ name: str(x.name), times: str(x.times), freq: str(x.freq) })),
    diet: str(raw.diet), routine: { wake: str(r.wake), bed: str(r.bed), meals: str(r.meals) },
  };
}

const GROUPED = { ',': /^\d{1,3}(,\d{3})+$/, '.': /^\d{1,3}(\.\d{3})+$/ };

/**
 * Text → number when it reads as one; otherwise the text itself, so that the core reports a wrong_type
 * error at the right path; empty → undefined (field omitted). A decimal comma or point is accepted, and
 * so are thousands separators (",", "." or spaces between groups of three digits). One shape is
 * ambiguous: a separator followed by exactly three digits, after one to three digits that do not start
 * with 0 ("1,000", "2.500"). It is read as thousands in either language: the other reading would
 * understate an amount a thousandfold, silently, while this one overstates a rare "1.500 mg" meaning
 * 1.5 mg, which the page then shows as 1,500 mg entered (or the core rejects as out of range). It also
 * keeps a number's meaning when the page's language is changed.
 */
export function readNumber(text) {
  const raw = String(text).trim();
  if (!raw) return undefined;
  const sign = /^[-+]/.test(raw) ? raw[0] : '';
  let body = raw.slice(sign.length);
  if (/\s/.test(body)) {
    if (!/^\d{1,3}(\s\d{3})+([.,]\d*)?$/.test(body)) return raw;
    body = body.replace(/\s/g, '');
  }
  const commas = body.split(',').length - 1;
  const points = body.split('.').length - 1;
  let plain;
  if (commas && points) {
    // Both: the last one is the decimal separator, the other groups thousands.
    const decimal = body.lastIndexOf(',') > body.lastIndexOf('.') ? ',' : '.';
    const [whole, fraction, ...more] = body.split(decimal);
    if (more.length || !GROUPED[decimal === ',' ? '.' : ','].test(whole)) return raw;
    plain = `${whole.replace(/[.,]/g, '')}.${fraction}`;
  } else if (commas + points > 1) {
    // One kind, several times: thousands only ("1,000,000").
    if (!GROUPED[commas ? ',' : '.'].test(body)) return raw;
    plain = body.replace(/[.,]/g, '');
  } else if (commas + points === 1) {
    const [whole, fraction] = body.split(commas ? ',' : '.');
    const thousands = /^[1-9]\d{0,2}$/.test(whole) && /^\d{3}$/.test(fraction);
    plain = thousands ? whole + fraction : `${whole || '0'}.${fraction}`;
  } else plain = body;
  if (!/^(\d+\.?\d*|\.\d+)$/.test(plain)) return raw;
  const value = Number(sign + plain);
  return Number.isFinite(value) ? value : raw;  // 400 digits: Infinity, which JSON would send as null
}

/** "08:00, 20:00" → ["08:00", "20:00"]; empty → undefined. */
export function times(text) {
  const parts = String(text).split(/[\s,;]+/).filter(Boolean);
  return parts.length ? parts : undefined;
}

const kidneyKey = { egfr: 'egfr', cmg: 'creatinine_mg_dl', cumol: 'creatinine_umol_l' };

/**
 * The core request for a state. Rows left completely empty are skipped; `rows` maps each request index
 * back to its row on the page so an error path like /products/0/amount_mg lands beside the right field.
 */
export function toRequest(state) {
  const p = state.person;
  const number = readNumber;
  const person = { age_years: number(p.age), sex: p.sex };
  if (p.sex === 'female' && p.preg !== 'none') person.pregnancy = p.preg;
  if (p.kidney === 'none' || p.kidney === 'ckd') person.kidney = { status: p.kidney };
  else if (kidneyKey[p.kidney] && number(p.kval) !== undefined) person.kidney = { [kidneyKey[p.kidney]]: number(p.kval) };
  if (p.cond.length) person.conditions = [...p.cond];
  const rows = { products: [], medicines: [] };
  const products = [];
  state.products.forEach((x, i) => {
    if (!x.form.trim() && !x.amount.trim()) return;
    rows.products.push(i);
    products.push(clean({
      form: x.form.trim(), amount_mg: number(x.amount), amount_basis: x.basis, units_per_dose: number(x.units),
      doses_per_day: number(x.doses), elemental_percent: number(x.pct), times: times(x.times),
    }));
  });
  const medicines = [];
  state.medicines.forEach((x, i) => {
    if (!x.name.trim()) return;
    rows.medicines.push(i);
    medicines.push(clean({ name: x.name.trim(), times: times(x.times) }));
  });
  const request = clean({ reference: state.ref, locale: state.lang, person: clean(person), products, medicines });
  const diet = number(state.diet);
  if (diet !== undefined) request.diet = { magnesium_mg_per_day: diet };
  const routine = clean({ wake: state.routine.wake.trim() || undefined, bed: state.routine.bed.trim() || undefined, meals: times(state.routine.meals) });
  if (Object.keys(routine).length) request.routine = routine;
  return { request, rows };
}

function clean(o) {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
