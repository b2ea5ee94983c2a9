// Accessibility: axe-core finds no violations (worked example, errors shown, Spanish, phone width, the
// autocomplete open), and the whole flow works with the keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { fmt, useBrowserSuite } from './helpers.mjs';

const suite = useBrowserSuite('a11y');
const { fresh } = suite;

async function axe(page, label) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = result.violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], summary.join('\n'));
}

test('axe-core: no violations in any state of the page', async () => {
  const { context, page } = await fresh();
  await axe(page, 'example');
  await page.locator('#f-products-0-amount_mg').fill('-1');
  await page.locator('#f-medicines-0-name').fill('ciproflaxin');
  await page.locator('#f-medicines-0-name').press('Escape');
  await page.locator('.err').first().waitFor();
  await axe(page, 'errors and unrecognised name');
  await page.locator('#f-medicines-0-name').fill('');
  await page.locator('#f-medicines-0-name').pressSequentially('zolo');
  await page.locator('#lb-m0 [role=option]').first().waitFor();
  await axe(page, 'autocomplete open');
  await page.locator('#f-medicines-0-name').press('Escape');
  await page.locator('#lang').selectOption('es');
  await page.waitForFunction(() => document.documentElement.lang === 'es');
  await axe(page, 'Spanish');
  await context.close();
  const phone = await fresh({ width: 360, height: 780 });
  await axe(phone.page, 'phone');
  await phone.context.close();
});

/** Presses Tab until the focused element matches selector (at most `limit` presses). */
async function tabTo(page, selector, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('keyboard only: clear, enter a person, a product and a medicine, follow a suggestion', async () => {
  const { context, page, problems } = await fresh({ width: 390, height: 844 });
  const kb = page.keyboard;
  await tabTo(page, '#example button');
  await kb.press('Enter');
  assert.ok(await page.evaluate(() => document.activeElement.id === 'f-person-age_years'), 'focus moves to the first field');
  await kb.type('30');
  await tabTo(page, '#sex-female');
  await kb.press('ArrowRight');  // radio group: arrows move the choice
  assert.ok(await page.locator('#sex-male').isChecked());
  await tabTo(page, '#f-products-0-form');
  await kb.type('oxide');
  await page.locator('#lb-p0 [role=option]').first().waitFor();
  await kb.press('ArrowDown');
  await kb.press('Enter');
  const form = await page.locator('#f-products-0-form').inputValue();
  assert.match(form, /oxide/i);
  await kb.press('Tab');
  await tabTo(page, '#f-products-0-amount_mg');
  await kb.type('400');
  await tabTo(page, '[name=basis-0][value=elemental]');
  await kb.press('ArrowDown');  // → compound weight
  assert.ok(await page.locator('[name=basis-0][value=compound]').isChecked());
  await tabTo(page, '#f-medicines-0-name');
  await kb.type('ciproflaxin');
  await kb.press('Escape');
  await tabTo(page, 'button.suggest');
  await kb.press('Enter');
  const medicine = await page.locator('#f-medicines-0-name').inputValue();
  assert.ok(await page.evaluate(() => document.activeElement.id === 'f-medicines-0-name'), 'focus returns to the corrected field');
  await tabTo(page, '#add-medicine', 80);
  await kb.press('Enter');
  assert.ok(await page.evaluate(() => document.activeElement.id === 'f-medicines-1-name'), 'a new medicine row takes focus');
  await page.waitForTimeout(100);
  const expected = suite.calc.assess({ reference: 'us', locale: 'en', person: { age_years: 30, sex: 'male' },
    products: [{ form, amount_mg: 400, amount_basis: 'compound', units_per_dose: 1, doses_per_day: 1 }], medicines: [{ name: medicine }] });
  assert.ok((await page.locator('table.products [data-k=day]').innerText()).includes(`${fmt(expected.products[0].elemental_mg_per_day)} mg`));
  assert.equal(await page.locator('#results article.card').count(), expected.interactions.length);
  // focus is visible: the focused control draws an outline
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  assert.deepEqual(problems, []);
  await context.close();
});
