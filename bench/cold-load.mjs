// What bench/load.mjs, bench/ab.mjs and bench/trace.mjs share: a built page served by scripts/serve.mjs,
// Debian's Chromium, and a fresh page throttled to the budget's phone (issue 4: 4x CPU slowdown,
// 1.6 Mbps down / 750 kbps up, 150 ms RTT) in a context with service workers blocked (CDP throttling does
// not apply to a page a worker controls) and the HTTP cache disabled, so that every load is cold.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

export const profile = { cpu: 4, downloadKbps: 1600, uploadKbps: 750, rttMs: 150 };

/** Serves DIR on a free loopback port; resolves to {url, stop()}. */
export function serve(dir) {
  const child = spawn(process.execPath, [new URL('../scripts/serve.mjs', import.meta.url).pathname, dir, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    child.stdout.on('data', (text) => {
      const m = /http:\/\/\S+\//.exec(String(text));
      if (m) resolve({ url: m[0], stop: () => child.kill() });
    });
  });
}

export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}

/** A new context and page, throttled before anything loads; the caller closes the context. */
export async function coldPage(browser, cpu = profile.cpu) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 412, height: 915 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: profile.rttMs,
    downloadThroughput: (profile.downloadKbps * 1000) / 8, uploadThroughput: (profile.uploadKbps * 1000) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  return { context, page, cdp };
}
