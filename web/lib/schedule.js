// The daily schedule: a 24-hour SVG timeline, a list and an .ics file. Once the core has computed the
// schedule (report.schedule.status "solved" or "incomplete", which needs the interaction knowledge), they
// show its doses; before that, and when it cannot be computed, the times the person entered.
import { h } from './dom.js';
import { t } from './i18n.js';

const minutes = (time) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

/** The report's schedule when the core has computed one (solved or incomplete), else null. */
export function computedSchedule(report) {
  const s = report.schedule;
  return (s?.status === 'solved' || s?.status === 'incomplete') && Array.isArray(s.doses) ? s : null;
}

/**
 * [{time, label, kind, dose?, note?}]: kind is "supplement" (drawn as a circle) or "medicine" (a square).
 * From a computed schedule, its doses in the core's order (the day's, from waking), each with the core's
 * dose object and note; otherwise the times entered, sorted by the clock.
 */
export function scheduleItems(report, request) {
  const schedule = computedSchedule(report);
  if (schedule) {
    return schedule.doses.filter((d) => minutes(d.time) !== null).map((d) => ({ time: d.time, label: d.item,
      kind: d.kind === 'medicine' ? 'medicine' : 'supplement', dose: d, note: d.note || undefined }));
  }
  const items = [];
  (request.products || []).forEach((p, i) => {
    // As typed, as the computed schedule names it: the same dose keeps its calendar event either way.
    for (const time of p.times || []) items.push({ time, label: p.form || report.products[i]?.form_name, kind: 'supplement' });
  });
  for (const m of request.medicines || []) for (const time of m.times || []) items.push({ time, label: m.name, kind: 'medicine' });
  for (const x of request.supplements || []) for (const time of x.times || []) items.push({ time, label: x.name, kind: 'supplement' });
  return items.filter((x) => minutes(x.time) !== null).sort((a, b) => minutes(a.time) - minutes(b.time));
}

// Text in the timeline is the size of the page's hints (.9rem in style.css), one size fewer for the
// browser to look up and easier to read on a phone than the 10–11 px it once was.
const PAD = 26, ROW = 38, TOP = 30, TICK_LABEL_MIN_GAP = 46, CHAR_WIDTH = 8.5;

/** The person's day from the request's routine, as valid clock times: {wake, bed, meals[]} (any may be missing). */
export function routineOf(request) {
  const r = request.routine || {};
  const valid = (time) => (typeof time === 'string' && minutes(time) !== null ? time : undefined);
  return { wake: valid(r.wake), bed: valid(r.bed), meals: (Array.isArray(r.meals) ? r.meals : []).map(valid).filter(Boolean) };
}

/** "Asleep 23:00–07:00 (shaded). Meals: 07:30, 12:30." or '' when no routine was given: the timeline's legend. */
export function routineLegend(routine) {
  const parts = [];
  if (routine.wake && routine.bed) parts.push(t('asleep', { bed: routine.bed, wake: routine.wake }));
  else if (routine.wake) parts.push(t('wakeAt', { wake: routine.wake }));
  else if (routine.bed) parts.push(t('bedAt', { bed: routine.bed }));
  if (routine.meals.length) parts.push(t('mealsAt', { list: routine.meals.join(', ') }));
  return parts.join(' ');
}

/** The SVG is drawn in CSS pixels of its container's width, so its text stays the same size on any screen.
 *  With a routine, the hours asleep (bedtime to wake-up) are shaded and meal times marked with dashed lines. */
export function timeline(items, width, routine = { meals: [] }) {
  const W = Math.max(280, Math.min(720, Math.round(width) || 360));
  const x = (time) => PAD + (minutes(time) / 1440) * (W - 2 * PAD);
  const labels = [...new Set(items.map((i) => i.label))];
  const height = TOP + labels.length * ROW + 4;
  const legend = routineLegend(routine);
  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${height}`, class: 'timeline', role: 'img',
    'aria-label': [t('timeline', { items: items.map((i) => `${i.time} ${i.label}`).join(', ') }), legend].filter(Boolean).join(' ') });
  if (routine.wake && routine.bed && routine.wake !== routine.bed) {
    // Asleep from bedtime to wake-up, across midnight when bedtime is the later of the two.
    const spans = minutes(routine.bed) < minutes(routine.wake) ? [[routine.bed, routine.wake]]
      : [[routine.bed, '24:00'], ['00:00', routine.wake]];
    for (const [from, to] of spans) {
      if (x(to) > x(from)) svg.append(h('svg:rect', { x: x(from), y: 19, width: x(to) - x(from), height: height - 19, class: 'sleep' }));
    }
  }

  // Grid lines every 3 hours; their times every 3 hours where they fit, else every 6.
  const labelEvery = (W - 2 * PAD) / 8 >= TICK_LABEL_MIN_GAP ? 3 : 6;
  for (let hour = 0; hour <= 24; hour += 3) {
    const px = PAD + (hour / 24) * (W - 2 * PAD);
    svg.append(h('svg:line', { x1: px, x2: px, y1: 19, y2: height, class: 'grid' }));
    if (hour % labelEvery === 0) svg.append(h('svg:text', { x: px, y: 14, class: 'tick' }, `${String(hour).padStart(2, '0')}:00`));
  }
  // Meals over the grid lines, which would hide one at 03:00, 06:00, 09:00…
  for (const meal of routine.meals) svg.append(h('svg:line', { x1: x(meal), x2: x(meal), y1: 19, y2: height, class: 'meal' }));
  const maxChars = Math.floor((W - 2 * PAD) / CHAR_WIDTH);
  labels.forEach((label, row) => {
    const y = TOP + row * ROW;
    svg.append(h('svg:text', { x: PAD, y: y + 12, class: 'lbl' }, label.length > maxChars ? `${label.slice(0, maxChars - 1)}…` : label),
      h('svg:line', { x1: PAD, x2: W - PAD, y1: y + 26, y2: y + 26, class: 'axis' }));
    for (const item of items.filter((i) => i.label === label)) {
      const cx = x(item.time);
      svg.append(item.kind === 'medicine'
        ? h('svg:rect', { x: cx - 5, y: y + 21, width: 10, height: 10, class: 'med' })
        : h('svg:circle', { cx, cy: y + 26, r: 5.5, class: 'sup' }));
    }
  });
  return svg;
}

const esc = (s) => String(s).replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

// RFC 5545 3.1: lines longer than 75 octets are folded, each continuation starting with a space; a
// UTF-8 character is never split.
function fold(line) {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts = [];
  let part = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > (parts.length ? 74 : 75)) {
      parts.push(part);
      part = '';
      size = 0;
    }
    part += char;
    size += bytes;
  }
  parts.push(part);
  return parts.join('\r\n ');
}

// FNV-1a, 32 bits: a short fixed name for a dose's label in its UID.
function shortHash(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * An iCalendar file with one repeating event per item (a dose of the schedule, or an entered time: daily,
 * or every n days for a dose the core says is taken so),
 * starting on `now`'s day (floating local time); an item's note becomes the event's description. Each
 * event's UID names the dose (its name and which of its doses it is), not its time, so a file downloaded
 * again, on any day or after a time has changed, updates the same events in a calendar instead of adding
 * a second copy of each.
 */
export function ics(items, now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//dosecalc//schedule//EN', 'CALSCALE:GREGORIAN'];
  // Which dose each item is: its name's n-th time of the day by the clock, whether the times were
  // entered or suggested, and whatever other rows are added or removed. A time entered twice for one
  // name is one event; two computed doses are two, even at one time.
  const unique = items.filter((item, i) => item.dose || items.findIndex((x) => !x.dose && x.label === item.label && x.time === item.time) === i);
  const ordinal = (item) => {
    const alike = unique.filter((x) => x.label === item.label);
    return alike.filter((x) => minutes(x.time) < minutes(item.time) || (x.time === item.time && alike.indexOf(x) < alike.indexOf(item))).length + 1;
  };
  for (const item of unique) {
    const [hh, mm] = item.time.split(':');
    const uid = `dosecalc-${shortHash(item.label)}-${ordinal(item)}@dosecalc.local`;
    // A dose taken every n days repeats with that interval; one taken less than daily but irregularly
    // (every_days null) is a single event, whose note says "on the days you take it".
    const every = item.dose ? item.dose.every_days : 1;
    const repeat = every === 1 ? ['RRULE:FREQ=DAILY'] : every > 1 ? [`RRULE:FREQ=DAILY;INTERVAL=${every}`] : [];
    lines.push('BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp}`,
      `DTSTART:${day}T${pad(hh)}${mm}00`, 'DURATION:PT5M', ...repeat, `SUMMARY:${esc(item.label)}`);
    if (item.note) lines.push(`DESCRIPTION:${esc(item.note)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
