// Measures what a phone downloads to open a page of LAPOR!, and how long the
// page takes until it can be used, under emulated mobile networks.
//   node bench/first-load.mjs http://127.0.0.1:18090 /lapor [/lacak …]
// Prints one JSON object per page and network profile:
// - usable_ms: until the page takes input (on /lapor: the first text field,
//   which is plain HTML before the app has loaded; elsewhere: the app's heading);
// - app_ms: until the app itself runs (its footer is on the page);
// - transferred_bytes: everything the page fetched, headers included (the
//   service worker's background caching is not the page's and is not counted).
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:18090';
const paths = process.argv.slice(3).length ? process.argv.slice(3) : ['/lapor'];

// Chrome DevTools' Fast 3G; Slow 3G as issue 9 defines it (400 ms round trip, 400 kbit/s).
const profiles = [
  { name: 'unthrottled', latency: 0, down: -1, up: -1 },
  { name: 'fast-3g', latency: 562.5, down: (1.6 * 1024 * 1024) / 8 * 0.9, up: (750 * 1024) / 8 * 0.9 },
  { name: 'slow-3g', latency: 400, down: 400_000 / 8, up: 400_000 / 8 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--disable-quic', '--no-first-run'],
});
for (const path of paths) {
  const usable = path === '/lapor' ? 'form.report-form input#title:visible' : 'main h1';
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
    cdp.on('Network.responseReceived', (e) => bytes.set(e.requestId, { url: e.response.url, size: 0 }));
    cdp.on('Network.loadingFinished', (e) => { const r = bytes.get(e.requestId); if (r) r.size = e.encodedDataLength; });
    const t0 = Date.now();
    await page.goto(base + path, { waitUntil: 'commit' });
    await page.waitForSelector(usable, { timeout: 120_000 });
    const usableMs = Date.now() - t0;
    await page.waitForSelector('footer.footer', { state: 'attached', timeout: 120_000 });
    const appMs = Date.now() - t0;
    await page.waitForLoadState('load');
    const files = [...bytes.values()].map((r) => ({ file: new URL(r.url).pathname, bytes: r.size }));
    const total = files.reduce((s, f) => s + f.bytes, 0);
    console.log(JSON.stringify({ path, profile: p.name, usable_ms: usableMs, app_ms: appMs, transferred_bytes: total, files }));
    await context.close();
  }
}
await browser.close();
