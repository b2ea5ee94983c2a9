// Renders a core report. Every number and every clinical sentence shown here comes from the report;
// this file only chooses words for the report's enums (from i18n) and lays them out.
import { h } from './dom.js';
import { t, num, date } from './i18n.js';
import { freqText } from './form.js';
import { computedSchedule, scheduleItems, timeline, routineOf, routineLegend, ics, download } from './schedule.js';

const ICON = { danger: 'danger', warning: 'warning', caution: 'caution', info: 'info', ok: 'ok',
  avoid: 'danger', major: 'warning', moderate: 'caution', minor: 'info' };
export const icon = (name) => h('svg:svg', { class: `icon i-${ICON[name]}`, 'aria-hidden': 'true', focusable: 'false' },
  h('svg:use', { href: `#i-${ICON[name]}` }));

const mg = (v) => t('mg', { v: num(v, 1) });

// In-page source links must not replace the URL fragment, which holds the shared input.
function showSource(event) {
  event.preventDefault();
  const target = document.getElementById(event.currentTarget.getAttribute('href').slice(1));
  if (!target) return;
  target.closest('details').open = true;
  target.tabIndex = -1;
  target.focus();
}

function refs(report, ids) {
  const links = (ids || []).map((id) => {
    const n = report.sources.findIndex((s) => s.id === id);
    return n < 0 ? null : h('a', { href: `#src-${id}`, class: 'ref', onclick: showSource }, `[${n + 1}]`);
  }).filter(Boolean);
  return links.length ? h('span', { class: 'refs' }, `${t('sources')}: `, links.flatMap((a) => [a, ' '])) : null;
}

function productsTable(report, request) {
  if (!report.products.length) return h('p', {}, t('noProducts'));
  return h('table', { class: 'products' },
    h('caption', {}, t('perProduct')),
    h('thead', {}, h('tr', {}, ['colProduct', 'colDose', 'colDay'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, report.products.map((p, i) => {
      const entered = request.products?.[i];
      return h('tr', {},
        h('th', { scope: 'row' }, h('span', { class: 'pname' }, p.form_name),
          h('small', {}, t('fraction', { p: `${num(p.elemental_fraction * 100, 2)} %`, basis: t(`fb_${p.elemental_fraction_basis}`) })),
          entered ? h('small', { class: 'entered' }, t('entered', { amount: t(`amt_${entered.amount_basis}`, { v: num(entered.amount_mg, 2) }), units: num(entered.units_per_dose ?? 1, 2), doses: num(entered.doses_per_day ?? 1, 2) })) : null,
          p.laxative_form ? h('small', { class: 'lax' }, icon('info'), t('laxForm')) : null),
        h('td', { 'data-k': 'dose' }, mg(p.elemental_mg_per_dose)),
        h('td', { 'data-k': 'day' }, h('strong', {}, mg(p.elemental_mg_per_day)),
          h('small', {}, t('mmol', { v: num(p.mmol_per_day, 2) })), h('small', {}, t('meq', { v: num(p.meq_per_day, 2) }))));
    })));
}

function bar(value, mark, scale) {
  const fill = h('span', { class: 'fill' });
  fill.style.width = `${Math.min(100, (value / scale) * 100)}%`;
  const m = h('span', { class: 'mark' });
  m.style.left = `${Math.min(100, (mark / scale) * 100)}%`;
  return h('div', { class: 'bar', 'aria-hidden': 'true' }, fill, m);
}

// The authorities' names for their recommended values, spelt out once in the reader's language.
const KINDS = ['RDA', 'AI', 'RNI'];
const kindName = (kind) => (KINDS.includes(kind) ? t(`kind_${kind}`) : kind ?? '');

function nutrient(n) {
  const values = [n.total_mg_per_day, n.supplement_mg_per_day, n.recommended_mg_per_day, n.upper_limit_mg_per_day]
    .filter((v) => typeof v === 'number' && Number.isFinite(v));
  const scale = Math.max(1, ...values) * 1.15;  // display scale only
  const statusIcon = { below_recommended: 'info', meets_recommended: 'ok', above_upper_limit: 'warning' }[n.status] || 'info';
  const rec = n.recommended_mg_per_day != null;
  const ul = n.upper_limit_mg_per_day != null;
  return h('div', { class: `nutrient st-${n.status}`, 'data-nutrient': n.nutrient },
    h('h3', {}, n.name),
    h('p', { class: 'authority' }, t('againstRef', { name: n.authority_name })),
    h('p', { class: 'status' }, icon(statusIcon), h('strong', {}, t(`st_${n.status}`))),
    h('p', { 'data-k': 'total' }, t('total', { v: mg(n.total_mg_per_day) })),
    rec ? bar(n.total_mg_per_day, n.recommended_mg_per_day, scale) : null,
    h('p', { class: rec ? 'aside' : null }, rec ? t('rec', { kind: kindName(n.recommended_kind), v: mg(n.recommended_mg_per_day) }) : t('noValue')),
    n.recommended_note ? h('p', { class: 'note' }, n.recommended_note) : null,
    h('p', { 'data-k': 'supp' }, t('supp', { v: `${mg(n.supplement_mg_per_day)} (${t('mmol', { v: num(n.supplement_mmol_per_day, 2) })}, ${t('meq', { v: num(n.supplement_meq_per_day, 2) })})` })),
    ul ? bar(n.supplement_mg_per_day, n.upper_limit_mg_per_day, scale) : null,
    ul ? h('p', { class: 'aside' }, t('ul', { v: mg(n.upper_limit_mg_per_day) })) : null,
    n.upper_limit_note ? h('p', { class: 'note' }, n.upper_limit_note) : null,
    n.upper_limit_scope ? h('p', { class: 'note' }, n.upper_limit_scope) : null);
}

function warning(report, w) {
  return h('li', { class: `card sev-${w.severity}`, 'data-code': w.code },
    h('p', { class: 'sev' }, icon(w.severity), h('strong', {}, t(`sev_${w.severity}`))),
    h('p', {}, w.message), refs(report, w.sources));
}

function hours(range, value) {
  if (range && range.min !== range.max) return t('range', { a: num(range.min, 1), b: num(range.max, 1) });
  return t('hours', { v: num(value, 1) });
}

function interaction(report, ix) {
  const [sup, med] = ix.substance_names;
  const s = ix.separation;
  const r = ix.separation_range;
  return h('article', { class: `card sev-${ix.severity}`, 'data-rule': ix.rule_id },
    h('h3', {}, icon(ix.severity), h('span', { class: 'sevword' }, t(`ix_${ix.severity}`)), h('span', { class: 'pair' }, `${sup} + ${med}`)),
    h('p', {}, ix.summary),
    h('p', {}, h('strong', {}, `${t('todo')}: `), ix.management),
    s ? h('p', { class: 'sep' }, h('strong', {}, `${t('spacing')}: `),
      // A zero in one direction is no wait that way: only the other is said ("at least 0 h" read oddly).
      t(s.medicine_first_hours === 0 ? 'sepAfterOnly' : s.supplement_first_hours === 0 ? 'sepBeforeOnly' : 'sep',
        { med, sup, a: hours(r?.medicine_first_hours, s.medicine_first_hours), b: hours(r?.supplement_first_hours, s.supplement_first_hours) })) : null,
    ix.separation_note ? h('p', { class: 'note' }, ix.separation_note) : null,
    ix.condition_note ? h('p', { class: 'note' }, ix.condition_note) : null,
    ix.mechanism ? h('details', {}, h('summary', {}, t('why')), h('p', {}, ix.mechanism)) : null,
    h('p', { class: 'meta' }, refs(report, ix.sources), ix.last_reviewed ? ` ${t('reviewed', { d: date(ix.last_reviewed) })}` : null));
}

function section(id, title, ...children) {
  return h('section', { class: 'block', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

let timelineInput = null;  // {items, routine} of the timeline in the page, to redraw it at a new width

/** Redraws the timeline for the report's current width: its SVG is drawn in CSS pixels, so that its text
 *  keeps its size, and would otherwise be stretched or squeezed when a phone turns or a window is resized. */
export function fitTimeline() {
  const drawn = document.querySelector('#report .timeline');
  const width = document.getElementById('report')?.clientWidth;
  if (!drawn || !timelineInput || !width) return;
  const next = timeline(timelineInput.items, width, timelineInput.routine);
  if (next.getAttribute('viewBox') !== drawn.getAttribute('viewBox')) drawn.replaceWith(next);
}

/** One line of the list under "Your day": the time and name, and for a product's dose of a computed
 *  schedule what the core says of it (its number in the day, moved or entered, at a meal, its note). */
function doseLine(item) {
  const d = item.dose;
  const facts = [];
  // Every line says whose time it is: the person's (entered, a medicine's), or one the schedule chose
  // (placed, or moved from an entered time, which the core's note explains).
  if (d?.kind === 'product' && d.of > 1) facts.push(t('doseOf', { k: num(d.dose, 0), n: num(d.of, 0) }));
  if (!d || d.origin === 'entered' || d.origin === 'fixed') facts.push(t('yourTime'));  // no dose: a time entered
  else if (d?.origin === 'placed') facts.push(t('suggested'));
  else if (d?.origin === 'moved' && d.entered_time) facts.push(t('movedFrom', { time: d.entered_time }));
  if (d?.kind === 'product' && d.at_meal) facts.push(t('withMeal'));
  return h('li', { 'data-origin': d?.origin }, h('time', {}, item.time), ` ${item.label}`,
    facts.length ? ` · ${facts.join(' · ')}` : null, d?.note ? h('span', { class: 'note' }, d.note) : null);
}

/** "Your day": the core's schedule once it is computed, else the times entered. */
function daySchedule(report, request, shown, ctx) {
  const schedule = computedSchedule(report);
  const items = scheduleItems(report, request);
  const routine = routineOf(request);
  const legend = routineLegend(routine);
  timelineInput = items.length ? { items, routine } : null;
  // A medicine the schedule could not keep apart for want of a time is said once, in the core's words.
  const unplacedNames = new Set((schedule?.unplaced || []).map((u) => u.item));
  const untimed = shown.medicines.filter((m) => m.name.trim() && !m.times.trim() && m.freq && !unplacedNames.has(m.name.trim()))
    .map((m) => h('li', {}, t('notTimed', { name: m.name.trim(), freq: freqText(m.freq) })));
  // Conflicts between the entered times and the interactions' separations, as the core found them.
  const conflicts = report.timing_conflicts?.length
    ? h('div', { class: 'conflicts', role: 'note', id: 'timing-conflicts' }, h('h3', {}, icon('warning'), t(schedule ? 'conflictsEntered' : 'conflicts')),
      h('ul', { class: 'plain' }, report.timing_conflicts.map((c) => h('li', {}, c.message))),
      schedule ? h('p', {}, t('conflictsResolved')) : null)
    : null;
  // The calendar file holds the suggested times: before they are computed it would hold entered times
  // the interactions may rule out, so it waits for the interactions (with no product there is nothing to
  // suggest), or for them to have failed to load, which it then says.
  const offerIcs = schedule || report.interaction_data === 'loaded' || ctx?.knowledge === 'failed';
  const unchecked = !schedule && ctx?.knowledge === 'failed' ? h('p', { class: 'hint', id: 'ics-unchecked' }, t('icsUnchecked')) : null;
  const drawn = items.length ? [timeline(items, document.getElementById('report')?.clientWidth, routine),
    legend ? h('p', { class: 'hint', id: 'routine-legend' }, legend) : null,
    h('ul', { class: 'plain times' }, items.map(doseLine), untimed),
    unchecked,
    offerIcs ? h('button', { type: 'button', id: 'ics', onclick: () => { ctx?.flushPendingErrors?.(); download('dosecalc.ics', 'text/calendar', ics(items)); } }, t('ics'))
      : h('p', { class: 'hint', id: 'ics-later' }, t('icsLater'))] : null;
  if (!schedule) {
    return [conflicts, drawn ? [h('p', { class: 'hint' }, t('scheduleNote')), drawn]
      : [h('p', {}, t('noTimes')), untimed.length ? h('ul', { class: 'plain' }, untimed) : null]];
  }
  const unplaced = schedule.unplaced?.length
    ? h('div', { class: 'conflicts', role: 'note', id: 'schedule-unplaced' }, h('h3', {}, icon('caution'), t('unplaced')),
      h('ul', { class: 'plain' }, schedule.unplaced.map((u) => h('li', { 'data-reason': u.reason }, u.message))))
    : null;
  const suggested = schedule.doses.some((d) => d.kind === 'product');
  return [conflicts,
    h('p', { class: 'hint', id: 'schedule-intro' }, suggested ? [t('scheduleSolved'), ' '] : null, schedule.message),
    schedule.assumed?.length ? h('p', { class: 'hint', id: 'schedule-assumed' }, t('scheduleAssumed', { wake: schedule.wake, bed: schedule.bed, routine: t('routine') })) : null,
    unplaced, drawn, !drawn && untimed.length ? h('ul', { class: 'plain' }, untimed) : null];
}

/** `shown` is the page state the report was computed from (the form may have changed since). */
export function renderReport(report, request, shown, ctx) {
  const out = [];
  out.push(section('h-amounts', t('perProduct'), productsTable(report, request)));
  out.push(section('h-nutrients', t('nutrients'), report.nutrients.map(nutrient),
    report.egfr ? h('p', { class: 'egfr' }, t('egfr', { v: num(report.egfr.value, 1), cat: report.egfr.category_name ? `${report.egfr.category}, ${report.egfr.category_name}` : report.egfr.category, basis: t(`eb_${report.egfr.basis}`) }), ' ', refs(report, report.egfr.sources)) : null));
  if (report.warnings.length) out.push(section('h-warnings', t('warnings'), h('ul', { class: 'cards' }, report.warnings.map((w) => warning(report, w)))));

  const names = [];
  if (report.interpreted.length) names.push(h('ul', { class: 'plain' }, report.interpreted.map((x) => h('li', {}, t('interpreted', { name: x.name, as: x.as })))));
  if (report.unrecognized.length) names.push(h('h3', {}, icon('caution'), t('unrecognized')), h('ul', { class: 'plain unrec' }, report.unrecognized.map((u) =>
    h('li', {}, h('strong', {}, t('quoted', { name: u.name })), ' ', u.suggestions.length
      ? [t('didYouMean'), ' ', u.suggestions.map((s) => h('button', { type: 'button', class: 'suggest', 'aria-label': t('use', { s, name: u.name }),
        onclick: () => ctx.replaceName(u.path, s) }, s))]
      : t('noSuggest')))));
  if (report.no_interaction_found.length) names.push(h('h3', {}, icon('info'), t('nothingFound')), h('ul', { class: 'plain nofind' }, report.no_interaction_found.map((x) => h('li', {}, x.message))));
  out.push(section('h-interactions', t('interactions'), report.interaction_data === 'not_loaded'
    ? h('p', { class: 'loading', id: 'ix-status' }, ctx.knowledge === 'failed' ? t('ixFailed') : t('ixLoading')) :
    report.interactions.length ? report.interactions.map((ix) => interaction(report, ix)) : h('p', {}, t('noInteractions')), names,
    h('p', { class: 'hint', id: 'ddi-scope' }, t('ddiScope'))));

  out.push(section('h-schedule', t('schedule'), daySchedule(report, request, shown, ctx)));
  out.push(h('details', { class: 'block sources' }, h('summary', { id: 'sources-summary' }, t('allSources')),
    h('ol', {}, report.sources.map((s) => h('li', { id: `src-${s.id}` },
      h('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank' }, s.title))))));
  return out;
}
