// The .ics file the page offers (web/lib/schedule.js): what calendar apps need of it (RFC 5545).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ics } from '../../web/lib/schedule.js';

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
});
