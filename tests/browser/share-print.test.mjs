// Share link round-trip, Spanish, the print stylesheet, the .ics download and screenshots at phone and
// desktop widths (saved under test-results/ for a person to look at).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fmt, exampleRequest, assertNoJunk, artefacts, useBrowserSuite } from './helpers.mjs';

const suite = useBrowserSuite('share');
const { fresh } = suite;

test('the share link restores the whole input and the same results', async () => {
  const { context, page, problems } = await fresh();
  await page.locator('#f-person-age_years').fill('71');
  await page.locator('#f-kidney').selectOption('egfr');
  await page.locator('#f-person-kidney').fill('42');
  await page.getByRole('radio', { name: 'United Kingdom' }).check();
  await page.getByRole('button', { name: 'Add a medicine or supplement' }).click();
  await page.locator('#f-medicines-1-name').fill('Synthroid');
  await page.locator('#f-medicines-1-name').press('Escape');
  await page.locator('#f-medicines-1-times').fill('06:30');
  await page.waitForTimeout(150);
  const link = await page.locator('#share-url').inputValue();
  assert.ok(link.startsWith(suite.server.url) && link.includes('#s='), link);
  assert.equal(new URL(page.url()).hash, new URL(link).hash, 'the address bar holds the same fragment');
  const before = await page.locator('#report').innerText();

  const second = await fresh(undefined, link);
  assert.equal(await second.page.locator('#f-person-age_years').inputValue(), '71');
  assert.equal(await second.page.locator('#f-person-kidney').inputValue(), '42');
  assert.equal(await second.page.locator('#f-medicines-1-name').inputValue(), 'Synthroid');
  assert.ok(await second.page.getByRole('radio', { name: 'United Kingdom' }).isChecked());
  assert.equal(await second.page.locator('#example').count(), 0, 'a fragment replaces the worked example');
  assert.equal(await second.page.locator('#report').innerText(), before);
  assert.deepEqual([...problems, ...second.problems], []);
  await second.context.close();
  await context.close();
});

test('the printed summary gives a kidney measure with its unit and value', async () => {
  const { context, page, problems } = await fresh();
  await page.locator('#f-kidney').selectOption('cmg');
  await page.locator('#f-person-kidney').fill('1,4');
  await page.waitForFunction(() => document.getElementById('summary')?.textContent.includes('1.4'));
  assert.match(await page.locator('#summary').textContent(), /Kidney function: Creatinine \(mg\/dL\) 1\.4/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a shared link cut short says it could not be read; one with text appended still opens', async () => {
  const { context, page, problems } = await fresh();
  await page.locator('#f-person-age_years').fill('71');
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  const link = await page.locator('#share-url').inputValue();
  const cut = link.slice(0, link.length - 20);
  const broken = await fresh(undefined, cut);
  await broken.page.locator('#link-error').waitFor();
  assert.match(await broken.page.locator('#link-error').innerText(), /could not be read/);
  assert.equal(await broken.page.locator('#example').count(), 1, 'the worked example, and the page says it is not the link');
  await broken.page.locator('#f-person-age_years').fill('50');
  await broken.page.waitForFunction(() => !document.getElementById('link-error'));
  const padded = await fresh(undefined, `${link})&utm_source=chat`);
  assert.equal(await padded.page.locator('#f-person-age_years').inputValue(), '71');
  assert.equal(await padded.page.locator('#link-error').count(), 0);
  assert.deepEqual([...problems, ...broken.problems, ...padded.problems], []);
  await broken.context.close();
  await padded.context.close();
  await context.close();
});

test('the timeline is redrawn for a new width, so its text keeps its size', async () => {
  const { context, page, problems } = await fresh({ width: 360, height: 780 });
  const width = () => page.locator('#report .timeline').evaluate((svg) => svg.viewBox.baseVal.width);
  const narrow = await width();
  await page.setViewportSize({ width: 700, height: 780 });
  await page.waitForFunction((before) => document.querySelector('#report .timeline')?.viewBox.baseVal.width !== before, narrow);
  assert.ok((await width()) > narrow + 200, `${narrow} -> ${await width()}`);
  const scale = await page.locator('#report .timeline').evaluate((svg) => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width);
  assert.ok(Math.abs(scale - 1) < 0.05, `drawn at its own size (scale ${scale})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Spanish: UI strings, core text and numbers per locale', async () => {
  const { context, page, problems } = await fresh();
  await page.locator('#lang').selectOption('es');
  await page.waitForFunction(() => document.documentElement.lang === 'es');
  await page.waitForFunction(() => document.querySelector('#h-results')?.textContent === 'Resultados');
  // The untouched worked example is swapped for its Spanish version, names included.
  assert.equal(await page.locator('#f-products-0-form').inputValue(), 'citrato de magnesio');
  assert.equal(await page.locator('#f-medicines-0-name').inputValue(), 'levotiroxina');
  const spanishExample = { ...exampleRequest, locale: 'es', products: [{ ...exampleRequest.products[0], form: 'citrato de magnesio' }],
    medicines: [{ ...exampleRequest.medicines[0], name: 'levotiroxina' }] };
  const expected = suite.calc.assess(spanishExample);
  await page.waitForFunction((message) => document.getElementById('report')?.innerText.includes(message), expected.warnings[0].message);
  const text = await page.locator('#report').innerText();
  assert.ok(text.includes(expected.warnings[0].message), 'core text in Spanish');
  assert.ok(text.includes(`${fmt(expected.products[0].elemental_mg_per_day, 'es')} mg`), 'decimal comma');
  assert.ok(expected.interactions.every((ix) => text.includes(ix.summary)));
  assert.equal(await page.locator('#lang').evaluate((el) => el === document.activeElement), true, 'focus stays on the language menu');
  // The core's errors in Spanish too, after the field's Spanish label.
  await page.locator('#f-products-0-amount_mg').fill('-5');
  const bad = { ...exampleRequest, locale: 'es', products: [{ ...exampleRequest.products[0], amount_mg: -5 }] };
  const expectedError = suite.calc.assess(bad).errors.find((e) => e.path === '/products/0/amount_mg');
  assert.match(expectedError.message, /debe estar entre/);
  const label = await page.locator('label[for="f-products-0-amount_mg"]').innerText();
  const error = page.locator('.field:has(#f-products-0-amount_mg) .err');
  await error.waitFor();
  assert.equal((await error.innerText()).trim(), expectedError.message.replace(/^\/\S*/, label));
  await page.locator('#f-products-0-amount_mg').fill('500');
  await page.waitForFunction(() => !document.querySelector('.err'));
  await assertNoJunk(assert, page);
  await page.screenshot({ path: path.join(artefacts, 'desktop-es.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('print gives a one-page summary without the form', async () => {
  const { context, page, problems } = await fresh();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#inputs').isVisible(), false);
  assert.equal(await page.locator('#summary').isVisible(), true);
  assert.equal(await page.locator('.notice').isVisible(), true, 'the clinician notice is printed');
  await page.screenshot({ path: path.join(artefacts, 'print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `the example prints on ${pages} pages`);
  // The sources list is not printed, so neither are references to it.
  assert.equal(await page.locator('.refs').first().isVisible(), false);
  assert.doesNotMatch(await page.locator('#results').innerText(), /\[\d+\]/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('printed results that are out of date say so, and summarise the input they were computed from', async () => {
  const { context, page, problems } = await fresh();
  await page.locator('#f-kidney').selectOption('egfr');
  await page.locator('#f-person-kidney').fill('abc');
  await page.locator('.field:has(#f-person-kidney) .err').waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.stale').isVisible(), true, 'the printout says the results are for an earlier entry');
  assert.equal(await page.locator('.errbox').isVisible(), false);
  const summary = await page.locator('#summary').innerText();
  assert.doesNotMatch(summary, /abc/, summary);
  assert.ok(summary.includes('Kidney function: not given'), `the example's input, not the form's: ${summary}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the .ics download holds one daily event per dose of the core\'s schedule', async () => {
  const { context, page } = await fresh();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#ics').click()]);
  const text = readFileSync(await download.path(), 'utf8');
  const { schedule } = suite.calc.assess(exampleRequest);
  assert.equal(schedule.status, 'solved');
  const times = schedule.doses.map((d) => d.time);
  assert.equal((text.match(/BEGIN:VEVENT/g) || []).length, times.length);
  for (const time of times) assert.ok(text.includes(`T${time.replace(':', '')}00`), time);
  assert.ok(text.includes('RRULE:FREQ=DAILY'));
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'));
  await context.close();
});

test('screenshots at phone and desktop widths', async () => {
  for (const [name, viewport] of [['phone-360', { width: 360, height: 780 }], ['phone-320', { width: 320, height: 640 }], ['desktop-1280', { width: 1280, height: 900 }]]) {
    const { context, page, problems } = await fresh(viewport);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name}: no horizontal scrolling (${overflow}px)`);
    await page.screenshot({ path: path.join(artefacts, `${name}.png`), fullPage: true });
    if (viewport.width === 320) {
      // Large amounts and long Spanish words must still fit (WCAG 1.4.10, reflow at 320 px).
      await page.locator('#f-products-0-amount_mg').fill('5000');
      await page.locator('#f-diet-magnesium_mg_per_day').fill('12345');
      await page.locator('#lang').selectOption('es');
      await page.waitForFunction(() => document.querySelector('#h-results')?.textContent === 'Resultados');
      await page.getByRole('button', { name: 'Añadir un suplemento' }).click();
      await page.getByRole('button', { name: 'Añadir un medicamento o suplemento' }).click();
      await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))));
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(wide <= 0, `${name}, 5000 mg in Spanish: no horizontal scrolling (${wide}px)`);
    }
    await page.locator('#results').screenshot({ path: path.join(artefacts, `${name}-results.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  }
});
