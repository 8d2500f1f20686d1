import { test, expect, Page } from '@playwright/test';
import { countOnServer, fillReport, SAMPLE_BODY, yesterday } from './helpers';

// Each area of the citizen app is its own page and wasm (a phone downloads
// only what it opens). After the first visit to any of them, the service
// worker holds them all: every page opens offline, and the draft and the
// outbox go with the person from one area to the next.

const PAGES: Array<[string, string]> = [
  ['/', 'Sampaikan laporan Anda'],
  ['/lapor', 'Buat laporan'],
  ['/saya', 'Laporan saya'],
  ['/lacak', 'Lacak laporan'],
  ['/laporan', 'Laporan warga'],
];

async function serviceWorkerReady(page: Page) {
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
}

test('after the first visit to any page, every other page of the citizen app opens offline', async ({ browser }) => {
  for (const [first] of PAGES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(first);
    await serviceWorkerReady(page);
    await context.setOffline(true);
    for (const [path, heading] of PAGES) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading }), `${path} offline after visiting ${first}`).toBeVisible();
    }
    // A public report's page opens too, and says why its report cannot be shown.
    await page.goto('/laporan/8169-1278-9498');
    await expect(page.getByRole('alert')).toContainText(/sambungan|koneksi|jaringan|sinyal/i);
    await context.close();
  }
});

test('moving between areas keeps the draft, and a report queued offline waits on /saya and is sent from there', async ({ browser, request }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const title = `Saluran air tersumbat di Jalan Merdeka ${Date.now()}`;
  await page.goto('/lapor');
  await serviceWorkerReady(page);
  await page.getByLabel('Judul laporan').fill(title);
  // To the public list and back through the menu: two other pages, two other wasm files.
  await page.getByRole('link', { name: 'Laporan warga' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Laporan warga' })).toBeVisible();
  await page.getByRole('link', { name: 'Buat laporan' }).first().click();
  await expect(page.getByLabel('Judul laporan')).toHaveValue(title);

  await fillReport(page, { title, body: SAMPLE_BODY, date: yesterday(), name: 'Yohanes', phone: '0813 4444 5555' });
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.getByRole('heading', { name: 'Menunggu dikirim' })).toBeVisible();
  // Offline, through another area, to "my reports": the report waits there.
  await page.goto('/lacak');
  await expect(page.getByRole('heading', { level: 1, name: 'Lacak laporan' })).toBeVisible();
  await page.getByRole('link', { name: 'Laporan saya' }).first().click();
  await expect(page.getByTestId('waiting-reports').getByText(title)).toBeVisible();
  await context.setOffline(false);
  // Back online, /saya sends it by itself, and the server has it once.
  await expect(page.getByTestId('my-reports').getByText(title)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('waiting')).toBeHidden();
  expect(await countOnServer(request, title)).toBe(1);
  await context.close();
});

test('on Slow 3G the first step takes typing before the app has loaded, and the app keeps every letter', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  // The Slow 3G: 400 ms round trip, 400 kbit/s.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8,
  });
  await page.goto('/lapor', { waitUntil: 'commit' });
  const plain = page.locator('#first-step');
  await expect(plain).toBeVisible({ timeout: 20_000 });
  const before = await page.locator('main').innerText();
  await page.getByLabel('Aspirasi').check();
  await page.getByLabel('Judul laporan').fill('Trotoar di depan pasar');
  await page.getByLabel('Isi laporan').click();
  await page.keyboard.type('Trotoar berlubang');
  // All of it typed before the app started (the plain step is still the page).
  await expect(plain).toBeAttached();
  await expect(page.locator('#body-count')).toHaveText('17 / 50+ karakter');

  // The app takes over: same text on screen, same fields filled, the caret where it was.
  await expect(plain).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByLabel('Judul laporan')).toHaveValue('Trotoar di depan pasar');
  await expect(page.getByLabel('Isi laporan')).toHaveValue('Trotoar berlubang');
  await expect(page.getByLabel('Aspirasi')).toBeChecked();
  await expect(page.getByLabel('Isi laporan')).toBeFocused();
  await page.keyboard.type(' dan licin');
  await expect(page.getByLabel('Isi laporan')).toHaveValue('Trotoar berlubang dan licin');
  // The plain step looked like the app's step 1 (nothing moves when it is replaced).
  await page.getByLabel('Isi laporan').fill('');
  await page.getByLabel('Judul laporan').fill('');
  await page.getByLabel('Pengaduan').check();
  // The first-time tour floats over the page (fixed), so it moves nothing either.
  const tour = page.getByTestId('tour');
  await expect(tour).toBeVisible();
  expect(await tour.evaluate((e) => getComputedStyle(e).position)).toBe('fixed');
  const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
  const fresh = squash(await page.locator('main').innerText()).replace(squash(await tour.innerText()), '');
  expect(squash(fresh)).toBe(squash(before));
  await context.close();
});
