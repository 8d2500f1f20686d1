// Measures what a phone downloads to open a page of LAPOR!, and how long the
// page takes until it can be used, under emulated mobile networks.
//   node bench/first-load.mjs http://127.0.0.1:18090 /lapor
// Prints one JSON object per network profile.
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:18090';
const path = process.argv[3] ?? '/lapor';
const ready = process.argv[4] ?? 'form.report-form input#title';

// Chrome DevTools' presets (throughput in bytes/s, latency in ms).
const profiles = [
  { name: 'unthrottled', latency: 0, down: -1, up: -1 },
  { name: 'fast-3g', latency: 562.5, down: (1.6 * 1024 * 1024) / 8 * 0.9, up: (750 * 1024) / 8 * 0.9 },
  { name: 'slow-3g', latency: 2000, down: (500 * 1024) / 8 * 0.8, up: (500 * 1024) / 8 * 0.8 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--disable-quic', '--no-first-run'],
});
for (const p of profiles) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: p.latency, downloadThroughput: p.down, uploadThroughput: p.up,
  });
  const bytes = new Map();
  cdp.on('Network.responseReceived', (e) => bytes.set(e.requestId, { url: e.response.url, enc: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '', size: 0 }));
  cdp.on('Network.loadingFinished', (e) => { const r = bytes.get(e.requestId); if (r) r.size = e.encodedDataLength; });
  const t0 = Date.now();
  await page.goto(base + path, { waitUntil: 'commit' });
  await page.waitForSelector(ready, { state: 'attached', timeout: 120_000 });
  const usableMs = Date.now() - t0;
  await page.waitForLoadState('networkidle');
  const files = [...bytes.values()].map((r) => ({ file: new URL(r.url).pathname, encoding: r.enc, bytes: r.size }));
  const total = files.reduce((s, f) => s + f.bytes, 0);
  console.log(JSON.stringify({ profile: p.name, path, usable_ms: usableMs, transferred_bytes: total, files }));
  await context.close();
}
await browser.close();
