// The schedule's items (web/lib/schedule.js) from the core's report, and the .ics file the page offers:
// what calendar apps need of it (RFC 5545).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ics, scheduleItems, computedSchedule } from '../../web/lib/schedule.js';
import { calculator } from './load.mjs';

const items = [
  { time: '07:00', label: 'levothyroxine' },
  { time: '12:00', label: 'Magnesium citrate (trimagnesium dicitrate, anhydrous), citrato de magnesio — añadido' },
  { time: '20:00', label: 'Magnesium citrate (trimagnesium dicitrate, anhydrous), citrato de magnesio — añadido' },
];
const octets = (line) => new TextEncoder().encode(line).length;
const unfold = (text) => text.replace(/\r\n /g, '');

test('lines are CRLF-terminated and folded at 75 octets without splitting a character', () => {
  const text = ics(items, new Date('2026-11-23T10:00:00Z'));
  assert.ok(text.endsWith('\r\n'));
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
  const lines = text.split('\r\n').slice(0, -1);
  for (const line of lines) assert.ok(octets(line) <= 75, `${octets(line)} octets: ${line}`);
  assert.ok(lines.some((line) => line.startsWith(' ')), 'the long name is folded');
  assert.ok(unfold(text).includes('SUMMARY:Magnesium citrate (trimagnesium dicitrate\\, anhydrous)\\, citrato de magnesio — añadido'));
  assert.equal(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(text)), text);
});

test('each dose keeps its UID whatever the day or order of the download, so a new file updates the events', () => {
  const uids = (text) => unfold(text).match(/^UID:.*$/gm).sort();
  const first = ics(items, new Date('2026-11-23T10:00:00Z'));
  const later = ics([...items].reverse(), new Date('2026-12-24T18:00:00Z'));
  assert.deepEqual(uids(first), uids(later));
  assert.equal(new Set(uids(first)).size, 3, 'one per dose');
  assert.match(unfold(later), /DTSTART:20261224T070000/, 'starting on the day of the download');
  assert.equal(uids(ics([...items, items[0]])).length, 3, 'the same dose entered twice is one event');
  // A dose whose time changed is the same event at its new time, not a second reminder beside the old one.
  const moved = ics([items[0], { ...items[1], time: '13:15' }, items[2]], new Date('2026-11-23T10:00:00Z'));
  assert.deepEqual(uids(moved), uids(first));
  assert.match(unfold(moved), /DTSTART:20261123T131500/);
});

test('a dose\'s UID is its name\'s n-th time of the day: other rows and the schedule being computed do not change it', async () => {
  const calc = await calculator();
  const bare = await calculator({ knowledge: false });
  const uids = (text) => unfold(text).match(/^UID:.*$/gm).sort();
  // The times entered (before the interactions load) and the computed schedule, when it keeps them,
  // give the same events: downloading again after the interactions load does not duplicate them.
  const kept = { ...request, products: [{ ...request.products[0], times: ['12:00', '23:00'] }] };
  const before = bare.assess(kept), after = calc.assess(kept);
  assert.equal(after.schedule.status, 'solved');
  assert.deepEqual(after.schedule.doses.filter((d) => d.kind === 'product').map((d) => d.time), ['12:00', '23:00']);
  assert.deepEqual(uids(ics(scheduleItems(before, kept))), uids(ics(scheduleItems(after, kept))));
  // Removing an earlier row leaves Cipro's event as it was.
  const fewer = { ...kept, medicines: kept.medicines.slice(1) };
  const cipro = (report, req) => unfold(ics(scheduleItems(report, req))).split('BEGIN:VEVENT').find((e) => e.includes('SUMMARY:Cipro'));
  assert.equal(cipro(calc.assess(fewer), fewer).match(/UID:.*/)[0], cipro(after, kept).match(/UID:.*/)[0]);
  // Two products with one name at one time stay two events.
  const dose = (path, n, time) => ({ time, label: 'magnesium citrate', dose: { path, dose: n, every_days: 1 } });
  assert.equal(new Set(uids(ics([dose('/products/0', 1, '09:00'), dose('/products/1', 1, '09:00')]))).size, 2);
});

// scheduleItems: what the timeline, the list and the .ics are drawn from. Reports come from the core.

const request = {
  reference: 'us', locale: 'en', person: { age_years: 45, sex: 'female' },
  products: [{ form: 'magnesium citrate', amount_mg: 500, amount_basis: 'compound', doses_per_day: 2, times: ['20:00', '08:00'] }],
  medicines: [{ name: 'levothyroxine', times: ['08:00'] }, { name: 'Cipro', times: ['21:00'] }],
  supplements: [{ name: 'zinc', times: ['13:00'] }],
  routine: { wake: '07:00', bed: '23:00' },
};

test('before the interaction data is loaded, the items are the times entered, by the clock', async () => {
  const report = (await calculator({ knowledge: false })).assess(request);
  assert.equal(report.schedule.status, 'not_computed');
  assert.equal(computedSchedule(report), null);
  // Named as typed, as the computed schedule names them.
  assert.deepEqual(scheduleItems(report, request).map(({ time, label, kind }) => [time, label, kind]), [
    ['08:00', 'magnesium citrate', 'supplement'], ['08:00', 'levothyroxine', 'medicine'], ['13:00', 'zinc', 'supplement'],
    ['20:00', 'magnesium citrate', 'supplement'], ['21:00', 'Cipro', 'medicine']]);
  assert.ok(scheduleItems(report, request).every((item) => item.dose === undefined && item.note === undefined));
});

test('once the core has solved the schedule, the items are its doses in its order, a circle for products and supplements', async () => {
  const report = (await calculator()).assess(request);
  const { schedule } = report;
  assert.equal(schedule.status, 'solved');
  assert.ok(schedule.doses.some((d) => d.kind === 'supplement') && schedule.doses.some((d) => d.origin === 'moved'));
  const items = scheduleItems(report, request);
  assert.deepEqual(items.map((item) => item.time), schedule.doses.map((d) => d.time));
  items.forEach((item, i) => {
    const d = schedule.doses[i];
    assert.equal(item.dose, d);
    assert.equal(item.label, d.item);
    assert.equal(item.kind, d.kind === 'medicine' ? 'medicine' : 'supplement');
    assert.equal(item.note, d.note || undefined);
  });
});

test('an incomplete schedule is drawn from its doses too; a time that is not a clock time is left out', async () => {
  const partial = { ...request, products: [...request.products, { form: 'magnesium oxide', amount_mg: 100, amount_basis: 'elemental', doses_per_day: 1.5 }] };
  const report = (await calculator()).assess(partial);
  assert.equal(report.schedule.status, 'incomplete');
  assert.ok(report.schedule.unplaced.some((u) => u.kind === 'product'));
  assert.deepEqual(scheduleItems(report, partial).map((item) => item.time), report.schedule.doses.map((d) => d.time));
  const odd = { ...report, schedule: { ...report.schedule, doses: [{ ...report.schedule.doses[0], time: '' }, ...report.schedule.doses.slice(1)] } };
  assert.equal(scheduleItems(odd, partial).length, report.schedule.doses.length - 1);
});

test('a dose\'s note is its event\'s description in the .ics file', () => {
  const note = 'Moved from 08:00; at least 4 h after levothyroxine, (08:00).';
  const text = unfold(ics([{ time: '12:00', label: 'Magnesium citrate', note }, { time: '21:00', label: 'Cipro' }], new Date('2026-11-23T10:00:00Z')));
  assert.ok(text.includes('DESCRIPTION:Moved from 08:00\\; at least 4 h after levothyroxine\\, (08:00).'), text);
  assert.equal((text.match(/^DESCRIPTION:/gm) || []).length, 1, 'no description for a dose without a note');
});

test('a product taken every other day repeats every 2 days in the .ics file; an irregular one is a single event', async () => {
  const request = { person: { age_years: 45, sex: 'female' },
    products: [{ id: 'alt', form: 'magnesium glycinate', amount_mg: 100, amount_basis: 'elemental', doses_per_day: 0.5, times: ['09:00'] },
      { id: 'odd', form: 'magnesium glycinate', amount_mg: 100, amount_basis: 'elemental', doses_per_day: 0.4, times: ['18:00'] }] };
  const report = (await calculator()).assess(request);
  const byId = (id) => report.schedule.doses.find((d) => d.product_id === id);
  assert.equal(byId('alt').every_days, 2);
  assert.equal(byId('odd').every_days, null);
  const text = unfold(ics(scheduleItems(report, request), new Date('2026-11-23T10:00:00Z')));
  const events = text.split('BEGIN:VEVENT').slice(1);
  const eventAt = (time) => events.find((e) => e.includes(`T${time.replace(':', '')}00`));
  assert.match(eventAt('09:00'), /RRULE:FREQ=DAILY;INTERVAL=2\r\n/);
  assert.doesNotMatch(eventAt('18:00'), /RRULE/);
  assert.match(eventAt('18:00'), /DESCRIPTION:Less than once a day/);
});
