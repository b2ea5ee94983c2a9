// Build-time prerendering for scripts/build-web.mjs: the page as app.js first draws it (header, the
// worked example's form, "Loading the calculator…"), captured in headless Chromium, so that dist/index.html
// can carry it in place of the small static shell.
//
// Why: the browser lays out and paints that HTML while the wasm is still downloading. The first layout
// of the form was ~100 ms of main-thread work at 4x CPU slowdown (most of it one-time costs: fonts, text
// shaping, style caches), and it used to run just as the wasm arrived, delaying the first result.
// When a visit shows the English worked example, app.js puts the first result into this copy and then
// replaces the copy with the live page (whose layout is cheap by then); otherwise it replaces it at once.
// Until then the copy is `inert` (it cannot be focused or typed into, and assistive technologies skip
// it), so nothing typed is lost. The markup is the app's own output, never a hand-written copy.
import { chromium } from 'playwright-core';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
};
const origin = 'http://prerender.invalid/';

/**
 * @param {Map<string, string|Buffer>} files dist-relative name → contents (index.html included)
 * @returns {Promise<string>} the inner HTML of <div id="app"> before the core is ready
 */
export async function prerenderApp(files, { executablePath = '/usr/bin/chromium' } = {}) {
  const browser = await chromium.launch({ executablePath, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      const name = decodeURIComponent(url.pathname.slice(1)) || 'index.html';
      if (url.origin !== new URL(origin).origin || !files.has(name)) return route.abort();
      // The wasm is held back, so the page stays as it is before the core is ready.
      if (name.endsWith('.wasm')) return undefined;
      const extension = name.slice(name.lastIndexOf('.'));
      return route.fulfill({ status: 200, contentType: types[extension] ?? 'application/octet-stream', body: files.get(name) });
    });
    await page.goto(origin);
    await page.waitForFunction(() => performance.getEntriesByName('dosecalc:form-rendered').length > 0, null, { timeout: 30000 });
    return await page.evaluate(() => {
      const app = document.getElementById('app');
      if (!app.querySelector('#inputs') || app.querySelector('#report .loading') === null) {
        throw new Error('prerender: the page did not draw the form and "Loading…"');
      }
      // Values live in properties; the markup needs them as attributes.
      for (const el of app.querySelectorAll('input, option')) {
        if (el.tagName === 'OPTION') el.toggleAttribute('selected', el.selected);
        else if (el.type === 'radio' || el.type === 'checkbox') el.toggleAttribute('checked', el.checked);
        else el.setAttribute('value', el.value);
      }
      for (const el of app.querySelectorAll(':scope > .skip, .lang, :scope > main')) el.inert = true;
      // What the copy shows, so that app.js can tell whether this visit shows the same thing.
      if (document.documentElement.lang !== 'en' || !app.querySelector('#example')) throw new Error('prerender: not the English worked example');
      app.querySelector(':scope > main').dataset.prerendered = 'example-en';
      return app.innerHTML;
    });
  } finally {
    await browser.close();
  }
}
