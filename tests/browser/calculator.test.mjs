// Filling the form the way a person would, and checking that what the page shows is what the wasm core
// computes for the same input (the core is run in Node for the expected values).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmt, exampleRequest, assertNoJunk, useBrowserSuite } from './helpers.mjs';

const suite = useBrowserSuite('calculator');
const { fresh } = suite;

test('first open shows the worked example with the core numbers', async () => {
  const { context, page, problems } = await fresh();
  const expected = suite.calc.assess(exampleRequest);
  const product = expected.products[0];
  // Sourced fact: 500 mg magnesium citrate (compound weight) → the elemental magnesium the core reports.
  assert.equal(product.compound_mg_per_unit, 500);
  const row = page.locator('table.products tbody tr').first();
  assert.equal((await row.locator('[data-k=dose]').innerText()).trim(), `${fmt(product.elemental_mg_per_dose)} mg`);
  const day = await row.locator('[data-k=day]').innerText();
  assert.ok(day.includes(`${fmt(product.elemental_mg_per_day)} mg`), day);
  assert.ok(day.includes(`${fmt(product.mmol_per_day, 'en', 2)} mmol`), day);
  assert.ok(day.includes(`${fmt(product.meq_per_day, 'en', 2)} mEq`), day);
  const nutrient = expected.nutrients[0];
  const card = page.locator(`.nutrient[data-nutrient=${nutrient.nutrient}]`);
  assert.ok((await card.innerText()).includes(nutrient.authority_name), 'jurisdiction named');
  assert.ok((await card.locator('[data-k=total]').innerText()).includes(`${fmt(nutrient.total_mg_per_day)} mg`));
  assert.equal(await page.locator('#results article.card').count(), expected.interactions.length);
  assert.ok(expected.interactions.length > 0, 'the example shows what an interaction card looks like');
  const firstCard = page.locator('#results article.card').first();
  assert.ok((await firstCard.innerText()).includes(expected.interactions[0].management));
  assert.equal(await firstCard.locator('svg.icon').count(), 1, 'severity has an icon');
  assert.ok((await page.locator('#version').innerText()).includes(expected.data_version));
  assert.equal(await page.locator('.notice[role=note]').count(), 1);
  // The banner states the example's main numbers, as the core computed them.
  const summary = await page.locator('#example-result').innerText();
  assert.ok(summary.includes(`${fmt(nutrient.supplement_mg_per_day)} mg`), summary);
  assert.ok(summary.includes(`${fmt(nutrient.upper_limit_mg_per_day)} mg`), summary);
  assert.ok(summary.includes(nutrient.authority_name), summary);
  await assertNoJunk(assert, page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone, the worked example\'s result is in the first screen, and goes once the person changes anything', async () => {
  const { context, page, problems } = await fresh({ width: 360, height: 740 });
  const nutrient = suite.calc.assess(exampleRequest).nutrients[0];
  const box = await page.locator('#example-result').boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 740, `summary at ${JSON.stringify(box)}`);
  assert.ok((await page.locator('#example-result').innerText()).includes(`${fmt(nutrient.supplement_mg_per_day)} mg`));
  assert.ok(await page.locator('#report table.products').boundingBox().then((b) => b.y > 740), 'the full results are further down');
  await page.locator('#f-person-age_years').fill('60');
  await page.locator('#example-result').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the built page shows the worked example before any script runs, and the live form replaces it', async () => {
  // Without JavaScript: the prerendered page (scripts/prerender.mjs), inert, with the example's values.
  const still = await suite.browser.newContext({ javaScriptEnabled: false });
  const before = await still.newPage();
  await before.goto(suite.server.url);
  const fields = async (page) => page.locator('#inputs input[type=text], #inputs select')
    .evaluateAll((els) => els.map((el) => `${el.id}=${el.value}`));
  const prerendered = await fields(before);
  assert.ok(prerendered.includes('f-person-age_years=45'), prerendered.join(' '));
  assert.ok(prerendered.includes('f-products-0-amount_mg=500'), prerendered.join(' '));
  assert.equal(await before.locator('main[inert] #inputs').count(), 1, 'the copy cannot be typed into');
  assert.equal(await before.locator('#report .loading').count(), 1);
  assert.ok(await before.locator('noscript').count());
  await still.close();
  // With JavaScript: the first result goes into the copy and is drawn there (an animation frame runs
  // between its insertion and the first-result mark), and only then does the live page replace the copy.
  const { context, page, problems } = await fresh(undefined, undefined, () => {
    const seen = globalThis.firstResultSeen = {};
    new MutationObserver(() => {
      if (seen.inserted || !document.querySelector('#report table.products')) return;
      seen.inserted = true;
      requestAnimationFrame(() => { seen.frameAfterInsertion = true; });
    }).observe(document, { childList: true, subtree: true });
    const mark = performance.mark.bind(performance);
    performance.mark = (name, options) => {
      if (name === 'dosecalc:first-result') {
        seen.atMark = { frameAfterInsertion: seen.frameAfterInsertion === true,
          inCopy: document.querySelector('main[data-prerendered] #report table.products') !== null,
          liveForm: document.querySelector('main:not([data-prerendered]) #inputs') !== null };
      }
      return mark(name, options);
    };
  });
  assert.deepEqual(await page.evaluate(() => window.firstResultSeen.atMark), { frameAfterInsertion: true, inCopy: true, liveForm: false });
  assert.ok(await page.evaluate(() => performance.getEntriesByName('dosecalc:form-rendered')[0].startTime >
    performance.getEntriesByName('dosecalc:first-result')[0].startTime));
  // Then one live form, nothing inert, the same fields and values as the copy.
  assert.equal(await page.locator('#inputs').count(), 1);
  assert.equal(await page.locator('[inert]').count(), 0);
  assert.deepEqual(await fields(page), prerendered);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a person enters their own supplement and medicine', async () => {
  const { context, page, problems } = await fresh({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Start with an empty form' }).click();
  await page.getByLabel('Age (years)').fill('62');
  await page.getByRole('radio', { name: 'Male', exact: true }).check();
  const form = page.getByRole('combobox', { name: 'Form (what the label calls it)' });
  await form.fill('glycin');
  await page.locator('#lb-p0 [role=option]').first().waitFor();
  await form.press('ArrowDown');
  await form.press('Enter');
  const chosenForm = await form.inputValue();
  assert.match(chosenForm, /glycinate/i);
  await page.getByLabel('Amount per unit (mg)').fill('120');
  await page.getByLabel('Doses per day').fill('2');
  await page.getByRole('radio', { name: "The label's magnesium amount" }).check();
  const medicine = page.getByRole('combobox', { name: 'Name (brand, generic or supplement)' });
  await medicine.pressSequentially('cipro');
  await page.locator('#lb-m0 [role=option]').first().waitFor();
  await medicine.press('ArrowDown');
  await medicine.press('Enter');
  const chosenMedicine = await medicine.inputValue();
  await page.locator('#f-medicines-0-times').fill('09:00');
  await page.waitForTimeout(100);

  const expected = suite.calc.assess({
    reference: 'us', locale: 'en', person: { age_years: 62, sex: 'male' },
    products: [{ form: chosenForm, amount_mg: 120, amount_basis: 'elemental', units_per_dose: 1, doses_per_day: 2 }],
    medicines: [{ name: chosenMedicine, times: ['09:00'] }],
  });
  assert.ok(!expected.errors, JSON.stringify(expected.errors));
  const day = await page.locator('table.products [data-k=day]').innerText();
  assert.ok(day.includes(`${fmt(expected.products[0].elemental_mg_per_day)} mg`), day);
  assert.ok(day.includes(`${fmt(expected.products[0].meq_per_day, 'en', 2)} mEq`), day);
  const supp = await page.locator('.nutrient [data-k=supp]').innerText();
  assert.ok(supp.includes(`${fmt(expected.nutrients[0].supplement_mg_per_day)} mg`), supp);
  assert.equal(await page.locator('#results article.card').count(), expected.interactions.length);
  for (const ix of expected.interactions) {
    assert.ok((await page.locator(`article[data-rule="${ix.rule_id}"]`).innerText()).includes(ix.summary));
  }
  assert.ok((await page.locator('ul.times').innerText()).includes('09:00'));
  await assertNoJunk(assert, page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an invalid entry shows the core error beside the field, never NaN', async () => {
  const { context, page, problems } = await fresh();
  const amount = page.locator('#f-products-0-amount_mg');
  await amount.fill('-5');
  const bad = { ...exampleRequest, products: [{ ...exampleRequest.products[0], amount_mg: -5 }] };
  const expected = suite.calc.assess(bad).errors.find((e) => e.path === '/products/0/amount_mg');
  assert.ok(expected, 'the core rejects a negative amount');
  const error = page.locator('#f-products-0-amount_mg + .err, .field:has(#f-products-0-amount_mg) .err');
  await error.first().waitFor();
  const tail = expected.message.replace(/^\/\S*/, '').trim();
  assert.ok((await error.first().innerText()).includes(tail), await error.first().innerText());
  assert.equal(await amount.getAttribute('aria-invalid'), 'true');
  assert.ok((await page.locator('.stale').innerText()).length > 0, 'says the results are for the last valid entry');
  await amount.fill('abc');
  const typeError = suite.calc.assess({ ...exampleRequest, products: [{ ...exampleRequest.products[0], amount_mg: 'abc' }] })
    .errors.find((e) => e.path === '/products/0/amount_mg');
  const typeTail = typeError.message.replace(/^\/\S*/, '').trim();
  assert.notEqual(typeTail, tail, 'the core words the two errors differently');
  await page.waitForFunction((text) => document.querySelector('.field:has(#f-products-0-amount_mg) .err')?.textContent.includes(text), typeTail);
  // The error box is a live region: a keystroke that leaves the errors as they are must not rebuild it,
  // or a screen reader reads the whole list again.
  const box = await page.locator('#errors .errbox').elementHandle();
  await page.locator('#f-diet-magnesium_mg_per_day').fill('260');
  await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))));
  assert.ok(await box.evaluate((el) => el.isConnected), 'the same error box is still in the page');
  await page.locator('#f-person-age_years').fill('');
  await page.locator('.field:has(#f-person-age_years) .err').waitFor();
  assert.equal(await box.evaluate((el) => el.isConnected), false, 'a new error rewrites the box');
  await assertNoJunk(assert, page);
  await page.locator('#f-person-age_years').fill('45');
  await amount.fill('500');
  await page.waitForFunction(() => !document.querySelector('.err'));
  assert.equal(await amount.getAttribute('aria-invalid'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an error naming two fields names both by their labels, never by JSON path', async () => {
  const { context, page, problems } = await fresh();
  await page.locator('#f-person-pregnancy').selectOption('pregnant');
  await page.locator('#f-person-age_years').fill('65');
  const error = page.locator('.field:has(#f-person-pregnancy) .err');
  await error.waitFor();
  const text = await error.innerText();
  assert.ok(text.includes('Pregnancy') && text.includes('Age (years)'), text);
  assert.doesNotMatch(text, /\/person|"pregnant"/, text);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a typo in a medicine name offers the core suggestion', async () => {
  const { context, page, problems } = await fresh();
  const typo = 'ciproflaxin';
  const expected = suite.calc.assess({ ...exampleRequest, medicines: [{ name: typo }] });
  const suggestion = expected.unrecognized[0].suggestions[0];
  assert.ok(suggestion, 'the core has a suggestion for the typo');
  const medicine = page.locator('#f-medicines-0-name');
  await medicine.fill(typo);
  await medicine.press('Escape');
  const button = page.getByRole('button', { name: `Use “${suggestion}” for ${typo}` });
  await button.waitFor();
  assert.ok((await page.locator('.unrec').innerText()).includes(typo));
  await button.click();
  assert.equal(await medicine.inputValue(), suggestion);
  const fixed = suite.calc.assess({ ...exampleRequest, medicines: [{ name: suggestion }] });
  await page.waitForFunction((n) => document.querySelectorAll('#results article.card').length === n, fixed.interactions.length);
  assert.equal(await page.locator('.unrec').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a suggestion from results that are out of date never changes another medicine', async () => {
  const { context, page, problems } = await fresh();
  const typo = 'ciproflaxin';
  const suggestion = suite.calc.assess({ ...exampleRequest, medicines: [{ name: typo }] }).unrecognized[0].suggestions[0];
  await page.locator('#f-medicines-0-name').fill(typo);
  await page.locator('#f-medicines-0-name').press('Escape');
  await page.getByRole('button', { name: 'Add a medicine or supplement' }).click();
  await page.locator('#f-medicines-1-name').fill('Synthroid');
  await page.locator('#f-medicines-1-name').press('Escape');
  const button = page.getByRole('button', { name: `Use “${suggestion}” for ${typo}` });
  await button.waitFor();
  // An invalid age keeps these results on screen, then the misspelt medicine is removed: the button is
  // still there, and its medicine is gone.
  await page.locator('#f-person-age_years').fill('');
  await page.locator('.stale').waitFor();
  await page.getByRole('button', { name: 'Remove Medicine or supplement 1', exact: true }).click();
  assert.equal(await page.locator('#f-medicines-0-name').inputValue(), 'Synthroid');
  await button.click();
  assert.equal(await page.locator('#f-medicines-0-name').inputValue(), 'Synthroid', 'the remaining medicine is left as it was');
  assert.equal(await page.locator('#f-medicines-1-name').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('starting with an empty form drops the worked example\'s results', async () => {
  const { context, page, problems } = await fresh();
  await page.getByRole('button', { name: 'Start with an empty form' }).click();
  await page.locator('.field:has(#f-person-age_years) .err').waitFor();
  assert.equal(await page.locator('#report table.products').count(), 0, 'no results computed for the example remain');
  assert.equal(await page.locator('.stale').count(), 0);
  assert.doesNotMatch(await page.locator('#results').innerText(), /levothyroxine|citrate/i);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a supplement such as melatonin is found in the medicines box and checked against medicines', async () => {
  const { context, page, problems } = await fresh();
  const medicine = page.locator('#f-medicines-0-name');
  await medicine.fill('melaton');
  const option = page.getByRole('option', { name: /Melatonin/ }).first();
  await option.waitFor();
  await option.click();
  assert.match(await medicine.inputValue(), /^melatonin$/i);
  await page.getByRole('button', { name: 'Add a medicine or supplement' }).click();
  await page.locator('#f-medicines-1-name').fill('Luvox');
  await page.locator('#f-medicines-1-name').press('Escape');
  const expected = suite.calc.assess({ ...exampleRequest, medicines: [{ name: await medicine.inputValue() }, { name: 'Luvox' }] });
  assert.ok(expected.interactions.some((ix) => ix.substances.join() === 'melatonin,fluvoxamine' && ix.severity === 'avoid'));
  await page.waitForFunction((n) => document.querySelectorAll('#results article.card').length === n, expected.interactions.length);
  assert.match(await page.locator('#results').innerText(), /Avoid/i);
  assert.match(await page.locator('#ddi-scope').innerText(), /two medicines are not checked/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the routine shows on the timeline: hours asleep shaded, meals marked, and the same in words', async () => {
  const { context, page, problems } = await fresh();
  assert.equal(await page.locator('.timeline .sleep').count(), 0, 'the worked example has no routine');
  await page.locator('#f-routine-wake').fill('07:00');
  await page.locator('#f-routine-bed').fill('23:00');
  await page.locator('#f-routine-meals').fill('07:30, 12:30');
  // Each keystroke recomputes in the next frame: wait for the result of the last one.
  await page.waitForFunction(() => document.getElementById('routine-legend')?.textContent.includes('12:30'));
  assert.equal(await page.locator('#routine-legend').innerText(), 'Shaded: asleep from 23:00 to 07:00. Dashed lines: meals at 07:30, 12:30.');
  // Bedtime after wake-up: asleep across midnight, two shaded spans (23:00–24:00 and 00:00–07:00).
  const spans = await page.locator('.timeline .sleep').evaluateAll((rects) => rects.map((r) => [Number(r.getAttribute('x')), Number(r.getAttribute('width'))]));
  assert.equal(spans.length, 2);
  const ticks = await page.locator('.timeline .grid').evaluateAll((lines) => lines.map((l) => Number(l.getAttribute('x1'))));
  const at = (hour) => ticks[0] + ((ticks.at(-1) - ticks[0]) * hour) / 24;
  const near = (a, b) => Math.abs(a - b) < 0.01;
  assert.ok(near(spans[0][0], at(23)) && near(spans[0][0] + spans[0][1], at(24)), JSON.stringify(spans));
  assert.ok(near(spans[1][0], at(0)) && near(spans[1][0] + spans[1][1], at(7)), JSON.stringify(spans));
  const meals = await page.locator('.timeline .meal').evaluateAll((lines) => lines.map((l) => Number(l.getAttribute('x1'))));
  assert.deepEqual(meals.map((m) => near(m, at(7.5)) || near(m, at(12.5))), [true, true]);
  assert.match(await page.locator('.timeline').getAttribute('aria-label'), /asleep from 23:00 to 07:00/);
  assert.ok((await page.locator('#inputs fieldset[aria-describedby="routine-help"]').count()) === 1, 'the form says what the routine is for');
  assert.deepEqual(problems, []);
  await context.close();
});

test('times that break a separation are flagged under "Your day", as the core finds them', async () => {
  const { context, page, problems } = await fresh();
  // The worked example keeps levothyroxine (07:00) and magnesium (12:00, 20:00) apart: nothing flagged.
  assert.equal(await page.locator('#timing-conflicts').count(), 0);
  await page.locator('#f-products-0-times').fill('08:00, 20:00');
  const expected = suite.calc.assess({ ...exampleRequest, products: [{ ...exampleRequest.products[0], times: ['08:00', '20:00'] }] });
  assert.equal(expected.timing_conflicts.length, 1);
  await page.locator('#timing-conflicts').waitFor();
  assert.equal(await page.locator('#timing-conflicts li').innerText(), expected.timing_conflicts[0].message);
  assert.deepEqual(problems, []);
  await context.close();
});
