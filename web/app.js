// The page: state ⇄ form, state → core request → report → results. Holds no clinical rule or number.
import { applyPagePolicy } from './lib/csp.js';
import { createEarlyCalculator, NotReadyError } from './dosecalc.js';
import { h } from './lib/dom.js';
import { t, num, locale, setLocale, date } from './lib/i18n.js';
import { emptyState, exampleState, encode, decode, isSharedLink, toRequest } from './lib/state.js';
import { renderForm, freqText } from './lib/form.js';
import { renderReport, fitTimeline, icon } from './lib/results.js';

applyPagePolicy(document);  // before anything else this script does (web/lib/csp.js says why it is set here)

// The wasm download was started by the HTML's preload; this call picks it up. The calculator is ready
// as soon as the module's first part is (what the first result needs); name search and the knowledge
// bundle wait for the second part (calc.complete).
const calculatorReady = createEarlyCalculator();
// The interaction knowledge bundle is not needed for the first result (the worked example has no
// medicines), so it is fetched only after that result is on screen and never competes with the wasm.
const knowledgeUrl = new URL('./generated/dosecalc-knowledge.json', import.meta.url).href;
let knowledgeState = 'loading';  // 'loading' | 'loaded' | 'failed'
let calc = null;
let completeCalc = null;  // calc, once the module's second part has loaded
let retryQueued = false;
let state;
let isExample = false;
let lastGood = null;  // {report, request, state}: the last valid input (a copy of the state) and its report
let lastMedicineRows = [];  // the state's medicine objects behind lastGood.request.medicines, in order
let firstResult = true;
let firstResultPainted = null;  // a promise, once the first result is in the page
let pending = 0;
let writtenHash = null;
let liveTimer = 0;
let errorTimer = 0;  // errors in the field being typed in, shown after a pause
let flushErrors = null;  // shows them now, while they wait
let linkUnreadable = false;  // the page was opened with (or moved to) a shared link that could not be read
let shownErrors = '';  // what the error box says now: it is rewritten (and announced) only when that changes

const app = document.getElementById('app');
const ctx = {
  get state() { return state; },
  /** Before anything leaves the page (the calendar file, a printout): errors still held back are shown. */
  flushPendingErrors() { flushErrors?.(); },
  get knowledge() { return knowledgeState; },
  calc: () => completeCalc,
  changed() {
    if (isExample) { isExample = false; document.getElementById('example')?.remove(); }
    if (linkUnreadable) { linkUnreadable = false; document.getElementById('link-error')?.remove(); }  // the input is the person's now
    if (!pending) pending = requestAnimationFrame(() => { pending = 0; compute(true); });
  },
  rebuild(focusId) {
    ctx.changed();
    renderFormInto();
    document.getElementById(focusId)?.focus();
  },
  /** A "did you mean" choice: only while that medicine is still on the page with the name it was checked under. */
  replaceName(path, name) {
    const m = /^\/medicines\/(\d+)\/name$/.exec(path);
    const medicine = m ? lastMedicineRows[Number(m[1])] : undefined;
    const row = state.medicines.indexOf(medicine);
    if (row < 0 || medicine.name.trim() !== lastGood?.request.medicines?.[Number(m[1])]?.name) return;
    medicine.name = name;
    ctx.rebuild(`f-medicines-${row}-name`);
  },
};

function renderFormInto() {
  document.getElementById('form-slot').replaceChildren(renderForm(ctx));
  if (lastGood || calc) compute(false);
}

function renderAll(focusId) {
  document.title = t('title');
  shownErrors = '';  // the error box below is new and empty
  const lang = h('select', { id: 'lang', onchange: async (e) => {
    // The worked example's names are written in its language: untouched, it is swapped for the other one.
    if (isExample) state = exampleState(e.target.value);
    state.lang = e.target.value;
    await setLocale(state.lang);
    renderAll('lang');  // recomputes with the new locale; the worked example stays an example
  } }, ['en', 'es'].map((l) => h('option', { value: l, lang: l, selected: l === state.lang }, t(`lang_${l}`))));
  app.replaceChildren(...[
    h('a', { class: 'skip', href: '#results', onclick: (e) => { e.preventDefault(); document.getElementById('results').focus(); } }, t('skip')),
    h('header', { class: 'top' },
      h('div', {}, h('h1', {}, t('heading')), h('p', { class: 'tagline' }, t('tagline'))),
      h('div', { class: 'lang' }, h('label', { for: 'lang' }, t('language')), lang),
      h('p', { class: 'notice', role: 'note' }, icon('info'), t('notice'))),
    h('main', {},
      linkUnreadable ? h('p', { id: 'link-error', class: 'errbox', role: 'alert' }, icon('warning'), t(isExample ? 'badLinkExample' : 'badLink')) : null,
      isExample ? h('div', { id: 'example', class: 'example' }, h('p', {}, t('example')),
        h('p', { id: 'example-result', class: lastGood ? null : 'pending' }, lastGood ? exampleSummary(lastGood.report) : t('exampleResultPending')),
        h('a', { href: '#results', class: 'see', onclick: (e) => { e.preventDefault(); document.getElementById('results').focus(); } }, t('seeResults')), ' ',
        h('button', { type: 'button', onclick: () => {
          state = emptyState(state.lang);
          isExample = false;
          lastGood = null;  // the example's results must not stay beside an empty form
          ctx.rebuild('f-person-age_years');
          document.getElementById('example')?.remove();
        } }, t('clear'))) : null,
      h('div', { class: 'cols' },
        h('div', { id: 'form-slot' }),
        h('section', { id: 'results', tabindex: '-1', 'aria-labelledby': 'h-results' },
          h('h2', { id: 'h-results' }, t('results')),
          h('p', { id: 'live', class: 'sr-only', 'aria-live': 'polite' }),
          h('div', { id: 'summary', class: 'print-only' }),
          h('div', { id: 'errors' }),
          h('div', { id: 'report' }, calc ? null : h('p', { class: 'loading' }, t('loading'))),
          shareBlock()))),
    h('footer', {}, h('p', {}, t('notice')), h('p', { id: 'version' }))].filter(Boolean));
  renderFormInto();
  if (focusId) document.getElementById(focusId)?.focus();
}

function shareBlock() {
  const status = h('p', { class: 'hint', role: 'status', id: 'copy-status' });
  return h('section', { class: 'block share no-print', 'aria-labelledby': 'h-share' },
    h('h2', { id: 'h-share' }, t('share')),
    h('p', { class: 'hint', id: 'share-help' }, t('shareHelp')),
    h('label', { for: 'share-url' }, t('shareLink')),
    h('input', { id: 'share-url', type: 'text', readonly: true, 'aria-describedby': 'share-help', onfocus: (e) => e.target.select() }),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', id: 'copy', onclick: async () => {
        const field = document.getElementById('share-url');
        try { await navigator.clipboard.writeText(field.value); } catch { field.select(); document.execCommand?.('copy'); }
        status.textContent = t('copied');
      } }, t('copy')),
      h('button', { type: 'button', id: 'print', onclick: () => window.print() }, t('print'))),
    status);
}

/** Maps a core error path (request indices) to the page's path (row indices). */
function pagePath(path, rows) {
  return path.replace(/^\/(products|medicines)\/(\d+)/, (all, list, i) => (rows[list][Number(i)] === undefined ? all : `/${list}/${rows[list][Number(i)]}`));
}

function showErrors(errors, rows) {
  const form = document.getElementById('inputs');
  form.querySelectorAll('.err').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => {
    e.removeAttribute('aria-invalid');
    const keep = (e.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.startsWith('err-')).join(' ');
    if (keep) e.setAttribute('aria-describedby', keep); else e.removeAttribute('aria-describedby');
  });
  const targets = [...form.querySelectorAll('[data-path]')];
  // The field a core path (request indices) points into: the one with the longest matching path.
  const fieldFor = (corePath) => {
    const path = pagePath(corePath, rows);
    return targets.filter((x) => path === x.dataset.path || path.startsWith(`${x.dataset.path}/`))
      .sort((a, b) => b.dataset.path.length - a.dataset.path.length)[0];
  };
  const labelOf = (el) => (el ? (el.labels?.[0] || el.querySelector('legend'))?.textContent || '' : '');
  const listed = errors.map((error, n) => {
    const el = fieldFor(error.path || '');
    // The core's message, in the page's language, with each field path it names ("/person/age_years")
    // replaced by that field's label; a failure of the calculator itself gets the page's own words (the
    // module cannot be asked for them any more).
    const message = error.code === 'internal_error' ? t('stopped')
      : error.message.replace(/\/[\w~/]+/g, (path) => labelOf(fieldFor(path)) || path);
    if (el) {
      const id = `err-${n}`;
      const p = h('p', { class: 'err', id }, icon('warning'), message);
      (el.closest('.field') || el).append(p);
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', `${el.getAttribute('aria-describedby') || ''} ${id}`.trim());
    }
    // In the list at the top, which row of a list the field is in ("Medicine or supplement 4: …").
    const row = el?.closest('fieldset.item')?.querySelector(':scope > legend')?.textContent;
    return { message, listed: row && row !== labelOf(el) ? `${row}: ${message}` : message, fieldPath: el?.dataset.path };
  });
  // The box is a live region (role=alert): rebuilt on every keystroke, a screen reader would read the
  // whole list again each time. Its links find their field when followed, as the form may be rebuilt.
  const text = JSON.stringify([listed, Boolean(lastGood)]);
  if (text === shownErrors) return;
  shownErrors = text;
  const focusField = (fieldPath) => (event) => {
    event.preventDefault();
    const el = [...document.querySelectorAll('#inputs [data-path]')].find((x) => x.dataset.path === fieldPath);
    (el?.matches('fieldset') ? el.querySelector('input,select') : el)?.focus();
  };
  const items = listed.map(({ listed: text, fieldPath }) => h('li', {},
    fieldPath ? h('a', { href: '#inputs', onclick: focusField(fieldPath) }, text) : text));
  document.getElementById('errors').replaceChildren(...(items.length
    ? [h('div', { class: 'errbox', role: 'alert' }, h('p', {}, h('strong', {}, t('inputErrors'))), h('ul', {}, items)),
      lastGood ? h('p', { class: 'stale' }, t('stale')) : null].filter(Boolean) : []));
}

function summary(request, shown) {
  const p = request.person;
  const parts = [t('sumPerson', { age: num(p.age_years, 2), sex: t(p.sex) })];
  if (p.pregnancy) parts.push(t(`preg_${p.pregnancy}`));
  // From the request: a kind of value chosen without the value itself was not part of the assessment.
  // For a pharmacist: the measure and its value ("Creatinine (mg/dL) 1.4"), not the form's choice wording.
  const kidney = !p.kidney || p.kidney.status === 'unknown' ? t('sumKidneyNotGiven') : p.kidney.status ? t(`kid_${p.kidney.status}`)
    : `${t(`kid_${shown.person.kidney}_v`)} ${num(Object.values(p.kidney)[0], 2)}`;
  parts.push(`${t('kidney')}: ${kidney}`);
  const freq = (m) => (m.freq ? t('notTimed', { name: m.name.trim(), freq: freqText(m.freq) }) : m.name.trim());
  const meds = shown.medicines.filter((m) => m.name.trim())
    .map((m) => (m.times.trim() ? `${m.name.trim()} (${m.times.trim()})` : freq(m))).join('; ') || t('none');
  return [h('h3', {}, t('summary')), h('p', {}, parts.join(' · ')), h('p', {}, t('sumMeds', { list: meds }))];
}

/** The worked example's main numbers, for the banner at the top: on a phone the results are screens below. */
function exampleSummary(report) {
  const n = report.nutrients?.[0];
  if (!n) return '';
  const vars = { mg: t('mg', { v: num(n.supplement_mg_per_day, 1) }), nutrient: n.name.toLocaleLowerCase(locale),
    ul: t('mg', { v: num(n.upper_limit_mg_per_day, 1) }), name: n.authority_name };
  return t(n.upper_limit_mg_per_day == null ? 'exampleResultNoUl' : 'exampleResult', vars);
}

/** An element of the results by its id, or else by its tag, text and place among those alike: what a
 *  redraw keeps. */
function describe(el, root) {
  const alike = [...root.querySelectorAll(el.tagName)].filter((x) => x.textContent === el.textContent);
  return { id: el.id, tag: el.tagName, text: el.textContent, index: alike.indexOf(el) };
}
function locate(described, root) {
  const byId = described.id ? document.getElementById(described.id) : null;
  if (byId && root.contains(byId)) return byId;
  return [...root.querySelectorAll(described.tag)].filter((x) => x.textContent === described.text)[described.index] || null;
}

/** `announce`: say the update to screen readers even though it did not come from the person's input
 *  (the interactions and the suggested times arriving). */
function compute(fromInput, announce = false) {
  if (!calc || !document.getElementById('inputs')) return;
  const { request, rows } = toRequest(state);
  let report;
  try {
    report = calc.assess(request);
  } catch (error) {
    if (error instanceof NotReadyError) {
      // This request needs the module's second part, which is still downloading: show it once it is here.
      if (!retryQueued) {
        retryQueued = true;
        calc.complete.then(() => { retryQueued = false; compute(fromInput); }, () => loadFailed());
      }
      return;
    }
    report = { errors: [{ code: 'internal_error', path: '', message: t('loadFailed') }] };
  }
  const errors = Array.isArray(report.errors) ? report.errors : [];
  if (!errors.length) {
    lastGood = { report, request, state: structuredClone(state) };
    lastMedicineRows = rows.medicines.map((row) => state.medicines[row]);
  }
  // While a field is typed in, its half-typed value ("22:") is not an error yet: the errors of its row
  // wait for a pause, so that the error box (a live region) is not rewritten and the results not moved on
  // every keystroke. Other fields' errors show at once; printing or downloading the calendar shows the
  // held ones first (flushErrors), so nothing leaves the page without its "out of date" line.
  flushErrors = null;
  clearTimeout(errorTimer);
  // The row being filled in ("/products/1"), so that a new row's other required fields ("amount is
  // required") are not flagged on the first keystroke of its name either.
  const focusedField = document.activeElement?.closest?.('[data-path]')?.dataset.path;
  const focused = focusedField?.split('/').slice(0, /^\/(products|medicines|supplements)\//.test(focusedField) ? 3 : 2).join('/');
  const inFocused = (error) => { const path = pagePath(error.path || '', rows); return path === focused || path.startsWith(`${focused}/`); };
  const held = fromInput && focused ? errors.filter(inFocused) : [];
  if (held.length) {
    showErrors(errors.filter((error) => !inFocused(error)), rows);
    flushErrors = () => { clearTimeout(errorTimer); flushErrors = null; showErrors(errors, rows); };
    errorTimer = setTimeout(flushErrors, 700);
  } else showErrors(errors, rows);
  if (lastGood) {
    // Redrawn (the interactions arriving, an edit), the report keeps keyboard focus and open sections.
    const report = document.getElementById('report');
    const focusedResult = report.contains(document.activeElement) ? describe(document.activeElement, report) : null;
    const open = [...report.querySelectorAll('details[open] > summary')].map((summary) => describe(summary, report));
    report.replaceChildren(...renderReport(lastGood.report, lastGood.request, lastGood.state, ctx));
    for (const summary of open) { const found = locate(summary, report); if (found) found.parentElement.open = true; }
    if (focusedResult) locate(focusedResult, report)?.focus({ preventScroll: true });
    if (firstResult) {
      firstResult = false;
      firstResultPainted = afterNextPaint().then(() => performance.mark('dosecalc:first-result'));
    }
    // Into the prerendered copy too: its room is reserved (style.css), so on a phone the example's main
    // numbers are in view in the same frame as the result, without moving the form below.
    const exampleResult = document.getElementById('example-result');
    if (exampleResult) {
      exampleResult.textContent = exampleSummary(lastGood.report);
      exampleResult.classList.remove('pending');
    }
    document.getElementById('summary').replaceChildren(...summary(lastGood.request, lastGood.state));
    document.getElementById('version').textContent = t('data', { v: lastGood.report.data_version, d: date(lastGood.report.data_version) });
  } else document.getElementById('report').replaceChildren();
  if (!isExample || writtenHash !== null) {
    writtenHash = `#${encode(state)}`;
    if (location.hash !== writtenHash) history.replaceState(null, '', writtenHash);
  }
  document.getElementById('share-url').value = `${location.href.split('#')[0]}#${encode(state)}`;
  clearTimeout(liveTimer);  // an update still to be announced is replaced by this one, or by none
  if ((fromInput || announce) && lastGood && !errors.length) {
    const { report: shown } = lastGood;
    liveTimer = setTimeout(() => {
      const count = (key, n) => (n === 1 ? t(`${key}1`) : t(`${key}N`, { n }));
      const suggested = shown.schedule?.doses?.some((d) => d.kind === 'product');
      document.getElementById('live').textContent = t(suggested ? 'updatedSchedule' : 'updated', {
        i: count('interactions', shown.interactions.length), w: count('warnings', shown.warnings.length) });
    }, 800);
  }
}

window.addEventListener('hashchange', async () => {
  if (location.hash === writtenHash) return;
  const next = decode(location.hash);
  if (!next) {
    // Say so rather than leave the page looking as if it showed that link's input.
    if (isSharedLink(location.hash)) {
      linkUnreadable = true;
      renderAll();
    }
    return;
  }
  linkUnreadable = false;
  state = next;
  isExample = false;
  lastGood = null;
  await setLocale(state.lang);
  renderAll();
});

let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(fitTimeline, 150);
});

/** Resolves once the browser has drawn the frame that shows what is in the DOM now: requestAnimationFrame
 * runs just before that frame's style, layout and paint, and a task queued from it runs after them. A
 * hidden page draws no frames, so there it resolves at once. */
function afterNextPaint() {
  return new Promise((resolve) => {
    if (document.visibilityState === 'hidden') setTimeout(resolve, 0);
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

function loadFailed() {
  document.getElementById('report').replaceChildren(h('p', { class: 'errbox', role: 'alert' }, t('loadFailed')));
}

async function start() {
  const shared = decode(location.hash);
  linkUnreadable = !shared && isSharedLink(location.hash);
  isExample = !shared;
  state = shared || exampleState(/^es\b/i.test(navigator.language || '') ? 'es' : 'en');
  await setLocale(state.lang);
  // The built index.html already shows this page as it first looks with the English worked example
  // (scripts/prerender.mjs), inert. When that is what this visit shows, the first result is put into that
  // copy and the live page replaces it right after: building and laying out the live form first would
  // hold the result back by ~100 ms at 4x CPU slowdown (docs/performance.md).
  const prerendered = isExample && !linkUnreadable && state.lang === 'en' && document.querySelector('main[data-prerendered="example-en"]') !== null;
  if (!prerendered) {
    renderAll();
    performance.mark('dosecalc:form-rendered');
  }
  try {
    calc = await calculatorReady;
    performance.mark('dosecalc:core-ready');
  } catch {
    if (prerendered) renderAll();
    loadFailed();
    return;
  }
  compute(false);
  if (prerendered) {
    // Let the browser show the result in the prerendered copy before building the live page.
    await firstResultPainted;
    renderAll();
    performance.mark('dosecalc:form-rendered');
  }
  await loadInteractions();
  keepOfflineCopy();
}

/** The module's second part and the knowledge bundle, then the result again with interactions. */
async function loadInteractions() {
  // The knowledge bundle downloads alongside the module's second part; loading it needs both.
  const knowledgeText = fetch(knowledgeUrl).then((response) => {
    if (!response.ok) throw new Error(`knowledge bundle: HTTP ${response.status}`);
    return response.text();
  });
  knowledgeText.catch(() => {});
  try {
    await calc.complete;
    completeCalc = calc;
  } catch {
    knowledgeState = 'failed';
    compute(false);
    return;
  }
  try {
    const status = calc.loadKnowledge(await knowledgeText);
    knowledgeState = status.ok ? 'loaded' : 'failed';
  } catch {
    knowledgeState = 'failed';
  }
  compute(false, knowledgeState === 'loaded');  // a failure is said on the page, not as "updated"
  performance.mark('dosecalc:interactions-ready');
}

window.addEventListener('beforeprint', () => ctx.flushPendingErrors());

/** Registers the offline copy (sw.js, written by scripts/build-web.mjs; in development there is none). Only
 * once everything else has loaded: its first download of the page's files must not compete with them. */
function keepOfflineCopy() {
  if (typeof DOSECALC_SERVICE_WORKER !== 'string' || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register(DOSECALC_SERVICE_WORKER).catch(() => {});  // e.g. storage disabled: online only
}

start();
