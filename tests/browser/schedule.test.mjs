// "Your day": once the interaction data is loaded, the page shows the schedule the core computed (the
// doses' times, why a dose was moved, what could not be placed), and its .ics file holds those times.
// Every expected time and sentence comes from the wasm core run in Node on the same input; the page's
// own words are read from web/i18n/*.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { root, exampleRequest, assertNoJunk, openPage, waitForInteractions, useBrowserSuite } from './helpers.mjs';
import { emptyState, encode } from '../../web/lib/state.js';

const suite = useBrowserSuite('schedule');
const { fresh } = suite;
const strings = (lang) => JSON.parse(readFileSync(path.join(root, 'web/i18n', `${lang}.json`), 'utf8'));
const fill = (template, vars) => template.replace(/\{(\w+)\}/g, (_, name) => String(vars[name]));

/** The request the page sends for the person below, written out independently of the page's code. */
const personRequest = (locale = 'en') => ({
  reference: 'us', locale, person: { age_years: 45, sex: 'female' },
  products: [{ form: 'magnesium citrate', amount_mg: 500, amount_basis: 'compound', units_per_dose: 1, doses_per_day: 2, times: ['08:00', '20:00'] }],
  medicines: [{ name: 'levothyroxine', times: ['08:00'] }, { name: 'Cipro', times: ['21:00'] }, { name: 'gabapentin' }],
  routine: { wake: '07:00', bed: '23:00' },
});

/** The same person as a shared link's page state. */
function personLink(lang = 'en') {
  const state = emptyState(lang);
  state.person.age = '45';
  state.products = [{ form: 'magnesium citrate', amount: '500', basis: 'compound', units: '1', doses: '2', pct: '', times: '08:00, 20:00' }];
  state.medicines = [{ name: 'levothyroxine', times: '08:00', freq: '' }, { name: 'Cipro', times: '21:00', freq: '' }, { name: 'gabapentin', times: '', freq: '' }];
  state.routine = { wake: '07:00', bed: '23:00', meals: '' };
  return `${suite.server.url}#${encode(state)}`;
}

const listed = (page) => page.locator('#report ul.times > li').evaluateAll((lis) => lis.map((li) => ({
  time: li.querySelector('time')?.textContent, text: li.textContent, origin: li.dataset.origin ?? null,
  note: li.querySelector('.note')?.textContent ?? '',
  head: [...li.childNodes].filter((n) => !n.classList?.contains('note')).map((n) => n.textContent).join('') })));

/** Waits until the list under "Your day" shows these times, in this order. */
async function waitForTimes(page, times) {
  await page.waitForFunction((want) => JSON.stringify([...document.querySelectorAll('#report ul.times > li > time')]
    .map((el) => el.textContent)) === want, JSON.stringify(times), { timeout: 15000 });
}

async function axe(page, label) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = result.violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], summary.join('\n'));
}

test('a person enters their day: the page shows the core\'s schedule, moved doses, what could not be placed, and the .ics has those times', async () => {
  const en = strings('en');
  const { context, page, problems } = await fresh({ width: 390, height: 844 });
  await page.getByRole('button', { name: en.clear }).click();
  await page.getByLabel(en.age).fill('45');
  await page.locator('#f-products-0-form').fill('magnesium citrate');
  await page.locator('#f-products-0-form').press('Escape');
  await page.locator('#f-products-0-amount_mg').fill('500');
  await page.getByRole('radio', { name: en.basis_compound }).check();
  await page.locator('#f-products-0-doses_per_day').fill('2');
  await page.locator('#f-products-0-times').fill('08:00, 20:00');
  await page.locator('#f-medicines-0-name').fill('levothyroxine');
  await page.locator('#f-medicines-0-name').press('Escape');
  await page.locator('#f-medicines-0-times').fill('08:00');
  await page.getByRole('button', { name: en.addMedicine }).click();
  await page.locator('#f-medicines-1-name').fill('Cipro');
  await page.locator('#f-medicines-1-name').press('Escape');
  await page.locator('#f-medicines-1-times').fill('21:00');
  await page.getByRole('button', { name: en.addMedicine }).click();
  await page.locator('#f-medicines-2-name').fill('gabapentin');
  await page.locator('#f-medicines-2-name').press('Escape');
  await page.getByLabel(en.wake).fill('07:00');
  await page.getByLabel(en.bed).fill('23:00');

  const expected = suite.calc.assess(personRequest());
  assert.ok(!expected.errors, JSON.stringify(expected.errors));
  const schedule = expected.schedule;
  assert.equal(schedule.status, 'solved');
  const moved = schedule.doses.filter((d) => d.origin === 'moved');
  assert.ok(moved.length > 0, 'the core moves a dose entered next to levothyroxine or Cipro');
  const gabapentin = schedule.unplaced.find((u) => u.item === 'gabapentin');
  assert.ok(gabapentin, 'the core says gabapentin, with no time, could not be kept apart');

  // The list: the core's times, in its order, each product dose with what the core says of it.
  await waitForTimes(page, schedule.doses.map((d) => d.time));
  const lines = await listed(page);
  schedule.doses.forEach((d, i) => {
    const line = lines[i];
    assert.ok(line.text.includes(d.item), line.text);
    assert.equal(line.origin, d.origin);
    assert.equal(line.note, d.note);
    if (d.kind !== 'product') return;
    // Besides the core's note, the line itself says it (the note's wording is the core's to change).
    assert.equal(line.head.includes(fill(en.doseOf, { k: d.dose, n: d.of })), d.of > 1, line.head);
    assert.equal(line.head.includes(fill(en.movedFrom, { time: d.entered_time })), d.origin === 'moved', `a moved dose shows its entered time: ${line.head}`);
    assert.equal(line.head.includes(en.yourTime), d.origin === 'entered', line.head);
    assert.equal(line.head.includes(en.withMeal), d.at_meal, line.head);
  });
  const intro = await page.locator('#schedule-intro').innerText();
  assert.ok(intro.includes(en.scheduleSolved) && intro.includes(schedule.message), intro);
  assert.equal(await page.locator('#schedule-assumed').count(), 0, 'the routine gave the waking day');
  // What could not be placed: the core's messages, in a note with an icon and a heading in words.
  const unplaced = page.locator('#schedule-unplaced');
  assert.equal(await unplaced.getAttribute('role'), 'note');
  assert.equal(await unplaced.locator('h3 svg.icon').count(), 1);
  assert.equal(await unplaced.locator('h3').innerText(), en.unplaced);
  assert.deepEqual(await unplaced.locator('li').allInnerTexts(), schedule.unplaced.map((u) => u.message));
  // The entered times broke the separations: the core's conflicts stay, about the times entered.
  assert.equal(await page.locator('#timing-conflicts h3').innerText(), en.conflictsEntered);

  // The timeline: a circle per product dose, a square per medicine dose, at the core's times.
  const ticks = await page.locator('#report .timeline .grid').evaluateAll((els) => els.map((l) => Number(l.getAttribute('x1'))));
  const at = (time) => { const [hh, mm] = time.split(':').map(Number); return ticks[0] + ((ticks.at(-1) - ticks[0]) * (hh * 60 + mm)) / 1440; };
  const near = (xs, want) => xs.length === want.length && [...xs].sort((a, b) => a - b).every((x, i) => Math.abs(x - want[i]) < 0.01);
  const circles = await page.locator('#report .timeline circle.sup').evaluateAll((els) => els.map((c) => Number(c.getAttribute('cx'))));
  const squares = await page.locator('#report .timeline rect.med').evaluateAll((els) => els.map((r) => Number(r.getAttribute('x')) + 5));
  const xsOf = (kinds) => schedule.doses.filter((d) => kinds.includes(d.kind)).map((d) => at(d.time)).sort((a, b) => a - b);
  assert.ok(near(circles, xsOf(['product', 'supplement'])), `circles at ${circles}`);
  assert.ok(near(squares, xsOf(['medicine'])), `squares at ${squares}`);
  assert.match(await page.locator('#report .timeline').getAttribute('aria-label'), new RegExp(`${moved[0].time} `));

  // The calendar file: one daily event per dose of the schedule, at the core's times, with its note.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#ics').click()]);
  const ics = readFileSync(await download.path(), 'utf8').replace(/\r\n /g, '');
  const starts = [...ics.matchAll(/^DTSTART:\d{8}T(\d{2})(\d{2})00$/gm)].map((m) => `${m[1]}:${m[2]}`);
  assert.deepEqual(starts.sort(), schedule.doses.map((d) => d.time).sort());
  for (const d of moved) {
    assert.ok(ics.includes(`DESCRIPTION:${d.note.replace(/[\\;,]/g, (c) => `\\${c}`)}`), 'the note explains the moved time');
  }

  await assertNoJunk(assert, page);
  await axe(page, 'solved schedule');
  // At 320 px nothing scrolls sideways (WCAG 1.4.10).
  await page.setViewportSize({ width: 320, height: 640 });
  await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `320 px: no horizontal scrolling (${overflow}px)`);
  // Printed: the list with the notes and the words saying the times are suggestions; no timeline, no button.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#schedule-intro').isVisible(), true);
  assert.equal(await page.locator('#report ul.times').isVisible(), true);
  assert.equal(await page.locator('#report ul.times .note').first().isVisible(), true);
  assert.equal(await page.locator('#schedule-unplaced').isVisible(), true);
  assert.equal(await page.locator('#report .timeline').isVisible(), false);
  assert.equal(await page.locator('#ics').isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('before the interaction data has loaded, "Your day" shows the times entered; then the core\'s schedule', async () => {
  const en = strings('en');
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route(/dosecalc-knowledge[^/]*\.json$/, async (route) => {
    await held;
    await route.continue();
  });
  const { page, problems } = await openPage(context, personLink());
  // The first result: the core has no schedule yet (it needs the interactions), so the entered times.
  await page.locator('#ix-status').waitFor();
  const entered = personRequest().products[0].times.concat(...personRequest().medicines.map((m) => m.times || [])).sort();
  await waitForTimes(page, entered);
  assert.equal(await page.locator('#schedule-intro').count(), 0);
  assert.ok((await page.locator('section[aria-labelledby=h-schedule]').innerText()).includes(en.scheduleNote));
  assert.equal(await page.locator('#report ul.times [data-origin]').count(), 0);
  // No calendar file of times the interactions may rule out: it waits for the suggested times.
  assert.equal(await page.locator('#ics').count(), 0);
  assert.equal(await page.locator('#ics-later').innerText(), en.icsLater);
  // Keyboard focus inside the results stays where it is when they are redrawn with the interactions.
  await page.locator('#sources-summary').focus();
  release();
  await waitForInteractions(page);
  const schedule = suite.calc.assess(personRequest()).schedule;
  await waitForTimes(page, schedule.doses.map((d) => d.time));
  assert.ok((await page.locator('#schedule-intro').innerText()).includes(schedule.message));
  assert.ok(!(await page.locator('section[aria-labelledby=h-schedule]').innerText()).includes(en.scheduleNote));
  assert.equal(await page.locator('#ics').count(), 1);
  assert.equal(await page.locator('#ics-later').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'sources-summary');
  // Every line says whose time it is.
  for (const line of await page.locator('#report ul.times li').all()) {
    const origin = await line.getAttribute('data-origin');
    const text = await line.innerText();
    const tag = origin === 'placed' ? en.suggested : origin === 'moved' ? null : en.yourTime;
    if (tag) assert.ok(text.includes(tag), `${origin}: ${text}`);
  }
  // The conflicts box, about the times entered, says the suggested times keep the separations.
  assert.ok((await page.locator('#timing-conflicts').innerText()).includes(en.conflictsResolved));
  // The screen reader hears that the suggested times are ready.
  await page.waitForFunction((text) => document.getElementById('live').textContent.includes(text),
    en.updatedSchedule.split(';')[1].trim().replace('.', ''));
  assert.deepEqual(problems, []);
  await context.close();
});

test('Spanish: the schedule\'s words are Spanish, the page\'s and the core\'s', async () => {
  const es = strings('es');
  const { context, page, problems } = await fresh(undefined, personLink('es'));
  const schedule = suite.calc.assess(personRequest('es')).schedule;
  await waitForTimes(page, schedule.doses.map((d) => d.time));
  const intro = await page.locator('#schedule-intro').innerText();
  assert.ok(intro.includes(es.scheduleSolved) && intro.includes(schedule.message), intro);
  assert.match(schedule.message, /horas/, 'the core wrote its message in Spanish');
  const lines = await listed(page);
  for (const [i, d] of schedule.doses.entries()) {
    assert.ok(lines[i].text.includes(d.item), lines[i].text);
    assert.equal(lines[i].note, d.note);
    if (d.of > 1) assert.ok(lines[i].text.includes(fill(es.doseOf, { k: d.dose, n: d.of })), lines[i].text);
    if (d.origin === 'moved') assert.ok(lines[i].text.includes(fill(es.movedFrom, { time: d.entered_time })), lines[i].text);
  }
  assert.equal(await page.locator('#schedule-unplaced h3').innerText(), es.unplaced);
  assert.deepEqual(await page.locator('#schedule-unplaced li').allInnerTexts(), schedule.unplaced.map((u) => u.message));
  assert.equal(await page.locator('#timing-conflicts h3').innerText(), es.conflictsEntered);
  await assertNoJunk(assert, page);
  await axe(page, 'Spanish schedule');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with no routine, the page says which waking day the core assumed', async () => {
  const en = strings('en');
  // The worked example gives no wake-up time or bedtime.
  const { context, page, problems } = await fresh();
  await page.locator('#schedule-assumed').waitFor();
  const schedule = suite.calc.assess(exampleRequest).schedule;
  assert.deepEqual(schedule.assumed, ['wake', 'bed']);
  assert.equal(await page.locator('#schedule-assumed').innerText(), fill(en.scheduleAssumed, { wake: schedule.wake, bed: schedule.bed, routine: en.routine }));
  await waitForTimes(page, schedule.doses.map((d) => d.time));
  // Filling in the routine: nothing assumed any more, and a dose at a meal says so.
  await page.getByLabel(en.wake).fill('06:30');
  await page.getByLabel(en.bed).fill('22:30');
  await page.getByLabel(en.meals).fill('12:00, 19:00');
  const withRoutine = suite.calc.assess({ ...exampleRequest, routine: { wake: '06:30', bed: '22:30', meals: ['12:00', '19:00'] } }).schedule;
  assert.deepEqual(withRoutine.assumed, []);
  assert.ok(withRoutine.doses.some((d) => d.kind === 'product' && d.at_meal), 'the core puts a dose at a meal');
  await page.waitForFunction(() => document.getElementById('routine-legend')?.textContent.includes('19:00'));
  await page.locator('#schedule-assumed').waitFor({ state: 'detached' });
  await waitForTimes(page, withRoutine.doses.map((d) => d.time));
  const lines = await listed(page);
  withRoutine.doses.forEach((d, i) => assert.equal(lines[i].head.includes(en.withMeal), d.kind === 'product' && d.at_meal, lines[i].head));
  assert.deepEqual(problems, []);
  await context.close();
});

test('an incomplete schedule with nothing to draw still says what could not be placed, and offers no empty calendar', async () => {
  const state = emptyState('en');
  state.person.age = '45';
  state.products = [{ form: 'magnesium citrate', amount: '500', basis: 'compound', units: '1', doses: '1.5', pct: '', times: '' }];
  state.medicines = [];
  const { context, page, problems } = await fresh(undefined, `${suite.server.url}#${encode(state)}`);
  const expected = suite.calc.assess({ reference: 'us', locale: 'en', person: { age_years: 45, sex: 'female' },
    products: [{ form: 'magnesium citrate', amount_mg: 500, amount_basis: 'compound', units_per_dose: 1, doses_per_day: 1.5 }], medicines: [] });
  assert.equal(expected.schedule.status, 'incomplete');
  assert.equal(expected.schedule.doses.length, 0);
  await page.locator('#schedule-unplaced').waitFor();
  assert.deepEqual(await page.locator('#schedule-unplaced li').allInnerTexts(), expected.schedule.unplaced.map((u) => u.message));
  assert.ok((await page.locator('#schedule-intro').innerText()).includes(expected.schedule.message));
  assert.equal(await page.locator('#ics').count(), 0);
  assert.equal(await page.locator('#report .timeline').count(), 0);
  assert.ok(!(await page.locator('section[aria-labelledby=h-schedule]').innerText()).includes(strings('en').noTimes));
  await assertNoJunk(assert, page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing a time: the half-typed value is not flagged on every keystroke, and the results do not jump', async () => {
  const { context, page, problems } = await fresh(undefined, personLink());
  await waitForInteractions(page);
  const field = page.locator('[data-path="/medicines/1/times"]');
  await field.fill('');
  await field.pressSequentially('2');  // "2" is not a time yet
  await page.waitForTimeout(150);
  assert.equal(await page.locator('#errors .errbox').count(), 0, 'no error box mid-word');
  const top = await page.locator('section[aria-labelledby=h-schedule]').evaluate((el) => el.getBoundingClientRect().top);
  // Left as it is, it is an error: after a pause the page says so, next to the field and in the box.
  await page.locator('#errors .errbox').waitFor({ timeout: 3000 });
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  await field.pressSequentially('2:30');
  await page.locator('#errors .errbox').waitFor({ state: 'detached', timeout: 3000 });
  const schedule = suite.calc.assess({ ...personRequest(), medicines: personRequest().medicines.map((m, i) => (i === 1 ? { ...m, times: ['22:30'] } : m)) }).schedule;
  await waitForTimes(page, schedule.doses.map((d) => d.time));
  assert.equal(await page.locator('section[aria-labelledby=h-schedule]').evaluate((el) => el.getBoundingClientRect().top), top,
    'with no error box left, "Your day" is where it was');
  assert.deepEqual(problems, []);
  await context.close();
});

test('when the interactions cannot be loaded: no "updated" announcement, and the calendar says its times are unchecked', async () => {
  const en = strings('en');
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(/dosecalc-knowledge[^/]*\.json$/, (route) => route.abort());
  const { page, problems } = await openPage(context, personLink());
  await page.locator('#ics-unchecked').waitFor({ timeout: 15000 });
  assert.equal(await page.locator('#ics-unchecked').innerText(), en.icsUnchecked);
  assert.equal(await page.locator('#ics').count(), 1, 'the entered times can still go to a calendar');
  await page.waitForTimeout(1200);  // past the live region's delay
  assert.equal(await page.locator('#live').innerText(), '', 'no "Updated: 0 interactions"');
  await context.close();
  assert.ok(problems.every((p) => /knowledge|Failed to fetch|net::/.test(p)), problems.join('\n'));
});

test('medicines without products: the calendar is offered once the interactions are in', async () => {
  const state = emptyState('en');
  state.person.age = '45';
  state.products = [];
  state.medicines = [{ name: 'levothyroxine', times: '08:00', freq: '' }, { name: 'Cipro', times: '21:00', freq: '' }];
  const { context, page, problems } = await fresh(undefined, `${suite.server.url}#${encode(state)}`);
  await waitForInteractions(page);
  await page.locator('#ics').waitFor();
  assert.equal(await page.locator('#ics-later').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an open sources list stays open, and focus on a source link stays, when the interactions arrive', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route(/dosecalc-knowledge[^/]*\.json$/, async (route) => { await held; await route.continue(); });
  const { page, problems } = await openPage(context, personLink());
  await page.locator('#ix-status').waitFor();
  await page.locator('#sources-summary').click();
  const link = page.locator('#report .sources li a').first();
  const title = await link.innerText();
  await link.focus();
  release();
  await waitForInteractions(page);
  await page.locator('#schedule-intro').waitFor();
  assert.equal(await page.locator('#report details.sources').evaluate((d) => d.open), true);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), title);
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing a time while another field has an error: the box is not rewritten per keystroke; the calendar button shows held errors first', async () => {
  const { context, page, problems } = await fresh(undefined, personLink());
  await waitForInteractions(page);
  await page.locator('#f-person-age_years').fill('');
  await page.locator('#errors .errbox').waitFor();
  const before = await page.locator('#errors').innerText();
  const field = page.locator('[data-path="/medicines/1/times"]');
  await field.fill('');
  await field.pressSequentially('2');
  await page.waitForTimeout(150);
  assert.equal(await page.locator('#errors').innerText(), before, 'only the age error, as before');
  // Restore both so that the calendar is offered, then type half a time and press the button at once.
  await field.fill('21:00');
  await page.locator('#f-person-age_years').fill('45');
  await page.locator('#errors .errbox').waitFor({ state: 'detached' });
  await field.fill('');
  await field.pressSequentially('2');
  await page.locator('#ics').click();
  assert.equal(await page.locator('#errors .errbox').count(), 1, 'the held error is shown before the file leaves');
  assert.equal(await page.locator('#errors .stale').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('filling in a new product: its other fields are not flagged on the first keystroke of its name', async () => {
  const { context, page, problems } = await fresh(undefined, personLink());
  await waitForInteractions(page);
  await page.locator('#add-product').click();
  const form = page.locator('[data-path="/products/1/form"]');
  await form.focus();
  await form.pressSequentially('m');
  await page.waitForTimeout(150);
  assert.equal(await page.locator('#errors .errbox').count(), 0, 'no "amount is required" while the name is typed');
  // After a pause the row's missing fields are said, as before.
  await page.locator('#errors .errbox').waitFor({ timeout: 3000 });
  assert.deepEqual(problems, []);
  await context.close();
});
