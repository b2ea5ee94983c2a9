// The input form. Every control writes straight into the state object and calls ctx.changed(); adding or
// removing a row (or a choice that shows other fields) calls ctx.rebuild(idToFocus). Each control carries
// data-path, the JSON pointer of the request field it feeds, so the core's errors can be placed beside it.
import { h } from './dom.js';
import { t, locale } from './i18n.js';
import { combobox } from './combobox.js';
import { blankProduct, blankMedicine } from './state.js';

export const freqText = (n) => (n === '1' ? t('freq1') : t('freqN', { n }));
const idOf = (path) => 'f' + path.replace(/\//g, '-');

function field(label, input, path, hint) {
  input.id = idOf(path);
  input.dataset.path = path;
  const hintEl = hint ? h('p', { class: 'hint', id: `${input.id}-h` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hintEl);
}

const input = (value, set, ctx, props = {}) =>
  h('input', { type: 'text', value, spellcheck: 'false', oninput: (e) => { set(e.target.value); ctx.changed(); }, ...props });
const decimal = (value, set, ctx) => input(value, set, ctx, { inputmode: 'decimal' });
const clock = (value, set, ctx) => input(value, set, ctx, { inputmode: 'numeric' });

function select(options, value, onChange) {
  return h('select', { onchange: (e) => onChange(e.target.value) },
    options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

function radios(legend, name, options, value, onChange, path) {
  return h('fieldset', { class: 'radios', 'data-path': path }, h('legend', {}, legend),
    options.map(([v, label]) => h('label', {},
      h('input', { type: 'radio', name, value: v, checked: v === value, onchange: () => onChange(v) }), ' ', label)));
}

export function renderForm(ctx) {
  const { state } = ctx;
  const p = state.person;
  const rebuildOn = (set, focus) => (v) => { set(v); ctx.rebuild(focus); };

  const kidneyInput = { egfr: 'kid_egfr_v', cmg: 'kid_cmg_v', cumol: 'kid_cumol_v' }[p.kidney];
  const kidneySelect = select(['unknown', 'none', 'ckd', 'egfr', 'cmg', 'cumol'].map((k) => [k, t(`kid_${k}`)]), p.kidney,
    rebuildOn((v) => { p.kidney = v; }, 'f-kidney'));
  kidneySelect.id = 'f-kidney';

  const person = h('fieldset', { class: 'group' }, h('legend', {}, t('you')),
    h('div', { class: 'row' },
      field(t('age'), decimal(p.age, (v) => { p.age = v; }, ctx), '/person/age_years'),
      radios(t('sex'), 'sex', [['female', t('female')], ['male', t('male')]], p.sex,
        (v) => { p.sex = v; ctx.rebuild(`sex-${v}`); }, '/person/sex')),
    p.sex === 'female' ? field(t('pregnancy'),
      select([['none', t('preg_none')], ['pregnant', t('preg_pregnant')], ['lactating', t('preg_lactating')]], p.preg,
        (v) => { p.preg = v; ctx.changed(); }), '/person/pregnancy') : null,
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'f-kidney' }, t('kidney')), kidneySelect),
      kidneyInput ? field(t(kidneyInput), decimal(p.kval, (v) => { p.kval = v; }, ctx), '/person/kidney') : null),
    h('fieldset', { class: 'checks', 'data-path': '/person/conditions' }, h('legend', {}, t('conditions')),
      ['myasthenia_gravis', 'heart_block'].map((c) => h('label', {},
        h('input', { type: 'checkbox', checked: p.cond.includes(c), onchange: (e) => {
          p.cond = e.target.checked ? [...p.cond, c] : p.cond.filter((x) => x !== c);
          ctx.changed();
        } }), ' ', t(`cond_${c}`)))));
  person.querySelectorAll('input[name=sex]').forEach((r) => { r.id = `sex-${r.value}`; });

  const reference = radios(t('reference'), 'ref', ['us', 'eu', 'uk'].map((r) => [r, t(`ref_${r}`)]), state.ref,
    (v) => { state.ref = v; ctx.changed(); }, '/reference');
  reference.classList.add('group');

  const products = h('section', { class: 'group', 'aria-labelledby': 'h-products' }, h('h2', { id: 'h-products' }, t('products')),
    state.products.map((x, i) => productRow(ctx, x, i)),
    h('button', { type: 'button', class: 'add', id: 'add-product', onclick: () => {
      state.products.push(blankProduct());
      ctx.rebuild(idOf(`/products/${state.products.length - 1}/form`));
    } }, t('addProduct')));

  const medicines = h('section', { class: 'group', 'aria-labelledby': 'h-medicines' }, h('h2', { id: 'h-medicines' }, t('medicines')),
    state.medicines.map((x, i) => medicineRow(ctx, x, i)),
    h('button', { type: 'button', class: 'add', id: 'add-medicine', onclick: () => {
      state.medicines.push(blankMedicine());
      ctx.rebuild(idOf(`/medicines/${state.medicines.length - 1}/name`));
    } }, t('addMedicine')));

  const diet = h('fieldset', { class: 'group' }, h('legend', {}, t('diet')),
    field(t('dietMg'), decimal(state.diet, (v) => { state.diet = v; }, ctx), '/diet/magnesium_mg_per_day'));

  const r = state.routine;
  const routine = h('fieldset', { class: 'group', 'aria-describedby': 'routine-help' }, h('legend', {}, t('routine')),
    h('p', { class: 'hint', id: 'routine-help' }, t('routineHint')),
    h('div', { class: 'row' },
      field(t('wake'), clock(r.wake, (v) => { r.wake = v; }, ctx), '/routine/wake'),
      field(t('bed'), clock(r.bed, (v) => { r.bed = v; }, ctx), '/routine/bed')),
    field(t('meals'), clock(r.meals, (v) => { r.meals = v; }, ctx), '/routine/meals'));

  return h('form', { id: 'inputs', novalidate: true, 'aria-label': t('heading'), onsubmit: (e) => e.preventDefault() },
    person, reference, products, medicines, diet, routine);
}

function removeButton(ctx, list, i, name, focusAfter) {
  return h('button', { type: 'button', class: 'remove', 'aria-label': t('remove', { name }), onclick: () => {
    list.splice(i, 1);
    ctx.rebuild(focusAfter);
  } }, '×');
}

function productRow(ctx, x, i) {
  const base = `/products/${i}`;
  const legend = t('product', { n: i + 1 });
  const form = input(x.form, (v) => { x.form = v; }, ctx);
  const formField = field(t('form'), form, `${base}/form`, t('formHint'));
  formField.classList.add('combo');
  form.after(combobox(form, `lb-p${i}`, (text) => {
    const calc = ctx.calc();
    if (!calc) return [];
    if (!text.trim()) return calc.forms(locale).map((g) => ({ value: g.name, label: g.name }));
    return calc.searchNames(text, 8, 'form', ctx.state.lang).map((m) => ({ value: m.name, label: m.name,
      hint: m.matched.toLowerCase() === m.name.toLowerCase() ? '' : m.matched }));
  }));
  const basisHelpId = `basis-help-${i}`;
  const basis = radios(t('basis'), `basis-${i}`, [['elemental', t('basis_elemental')], ['compound', t('basis_compound')]], x.basis,
    (v) => { x.basis = v; ctx.changed(); }, `${base}/amount_basis`);
  basis.setAttribute('aria-describedby', basisHelpId);
  basis.append(h('p', { class: 'hint', id: basisHelpId }, t('basisHelp')));
  return h('fieldset', { class: 'item', 'data-path': base }, h('legend', {}, legend),
    removeButton(ctx, ctx.state.products, i, legend, 'add-product'),
    formField,
    h('div', { class: 'row' },
      field(t('amount'), decimal(x.amount, (v) => { x.amount = v; }, ctx), `${base}/amount_mg`),
      field(t('units'), decimal(x.units, (v) => { x.units = v; }, ctx), `${base}/units_per_dose`),
      field(t('doses'), decimal(x.doses, (v) => { x.doses = v; }, ctx), `${base}/doses_per_day`)),
    basis,
    h('div', { class: 'row' },
      field(t('percent'), decimal(x.pct, (v) => { x.pct = v; }, ctx), `${base}/elemental_percent`),
      field(t('times'), clock(x.times, (v) => { x.times = v; }, ctx), `${base}/times`)));
}

function medicineRow(ctx, x, i) {
  const base = `/medicines/${i}`;
  const legend = t('medicine', { n: i + 1 });
  const name = input(x.name, (v) => { x.name = v; }, ctx);
  const nameField = field(t('medName'), name, `${base}/name`, t('medHint'));
  nameField.classList.add('combo');
  name.after(combobox(name, `lb-m${i}`, (text) => {
    const calc = ctx.calc();
    if (!calc || !text.trim()) return [];
    return calc.searchNames(text, 8, 'medicine,supplement', ctx.state.lang).map((m) => ({ value: m.matched, label: m.matched,
      hint: m.matched.toLowerCase() === m.name.toLowerCase() ? '' : m.name }));
  }));
  const freq = select([['', t('freq_')], ...['1', '2', '3', '4'].map((n) => [n, freqText(n)])], x.freq,
    (v) => { x.freq = v; ctx.changed(); });
  return h('fieldset', { class: 'item', 'data-path': base }, h('legend', {}, legend),
    removeButton(ctx, ctx.state.medicines, i, legend, 'add-medicine'),
    nameField,
    h('div', { class: 'row' },
      field(t('times'), clock(x.times, (v) => { x.times = v; }, ctx), `${base}/times`),
      field(t('freq'), freq, `${base}/freq`)));
}
