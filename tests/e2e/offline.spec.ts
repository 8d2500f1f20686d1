import { test, expect } from '@playwright/test';
import { countOnServer, expectAccessible, fillReport, fillUpToAttachments, next, SAMPLE_BODY, yesterday } from './helpers';
import { cameraJpeg } from './photos';

// Citizens on 3G: a report must never be lost and never arrive twice.

test('sent while offline, it waits on the phone, survives a reload, and arrives exactly once', async ({ browser, request }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const title = `Lampu jalan padam di simpang pasar ${Date.now()}`;
  await page.goto('/lapor');
  // The service worker holds the app shell before the connection goes.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await fillReport(page, { title, body: SAMPLE_BODY, date: yesterday(), name: 'Agustina', phone: '0852 1111 2222' });

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.getByRole('heading', { name: 'Menunggu dikirim' })).toBeVisible();
  await expect(page.getByText('Tidak ada sinyal. Laporan tersimpan aman di perangkat ini')).toBeVisible();
  await expect(page.getByTestId('tracking-number')).toHaveCount(0);
  await expectAccessible(page, 'waiting to be sent');

  // Closed and reopened with no connection: the app opens from the service worker, the report still waits.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Menunggu dikirim' })).toBeVisible();
  await expect(page.getByTestId('tracking-number')).toHaveCount(0);
  // (Whether the server already holds it is not asserted here: Chromium's offline emulation can
  // let a request out while failing its answer, which is exactly the lost-answer case below.)

  await context.setOffline(false);
  await expect(page.getByRole('heading', { name: 'Laporan terkirim' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('tracking-number')).toHaveText(/^\d{4}-\d{4}-\d{4}$/);
  expect(await countOnServer(request, title)).toBe(1);

  // It is listed under "my reports" with its status from the server.
  await page.getByRole('link', { name: 'Laporan saya' }).click();
  await expect(page.getByTestId('my-reports').getByText(title)).toBeVisible();
  await expect(page.getByTestId('my-reports').getByText('Menunggu verifikasi')).toBeVisible();
  await context.close();
});

test('answers lost on the way and a slow server never make a second report', async ({ browser, request }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const title = `Jembatan kayu lapuk di Nanga Mahap ${Date.now()}`;
  await page.goto('/lapor');
  await fillReport(page, { title, body: SAMPLE_BODY, date: yesterday(), anonymous: true });

  // The server receives the first two attempts but the phone never hears back;
  // after that the server answers, slowly.
  let lost = 0;
  let attempts = 0;
  await page.route('**/api/v1/reports', async (route) => {
    attempts++;
    if (lost < 2) {
      lost++;
      await route.fetch();
      await route.abort('failed');
    } else {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    }
  });
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.getByRole('heading', { name: 'Menunggu dikirim' })).toBeVisible();
  // Impatient retries: the button and several "online" events at once.
  for (let n = 0; n < 4; n++) {
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
  }
  const retry = page.getByRole('button', { name: 'Coba kirim sekarang' });
  for (let n = 0; n < 5 && (await retry.count()) > 0; n++) {
    if (await retry.isEnabled()) await retry.click();
    await page.waitForTimeout(300);
  }
  await expect(page.getByRole('heading', { name: 'Laporan terkirim' })).toBeVisible({ timeout: 30_000 });
  expect(attempts).toBeGreaterThanOrEqual(3);
  expect(await countOnServer(request, title)).toBe(1);
  await context.close();
});

test('a report with a photo, sent while the connection drops and returns, arrives once with its photo', async ({ browser, request }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const title = `Tiang listrik miring di Sanggau ${Date.now()}`;
  await page.goto('/lapor');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const photo = await cameraJpeg(page, 2000, 1500);
  await fillUpToAttachments(page, title, 'Kabupaten Sanggau');
  await page.locator('#files').setInputFiles({ name: 'tiang.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.locator('.file-item', { hasText: 'tiang.jpg' })).toBeVisible();
  await next(page);
  await page.getByLabel(/^Anonim/).check();
  await next(page);
  await page.getByLabel(/Saya menyatakan laporan ini benar/).check();

  // The first upload is cut off half-way, then the phone loses its signal.
  let cut = false;
  await page.route('**/api/v1/attachments', async (route) => {
    if (!cut) {
      cut = true;
      await context.setOffline(true);
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.getByRole('heading', { name: 'Menunggu dikirim' })).toBeVisible();
  await expect(page.getByText('Tidak ada sinyal')).toBeVisible();
  await expect(page.getByTestId('tracking-number')).toHaveCount(0);

  await context.setOffline(false);
  await expect(page.getByRole('heading', { name: 'Laporan terkirim' })).toBeVisible({ timeout: 30_000 });
  expect(await countOnServer(request, title)).toBe(1);
  const number = (await page.getByTestId('tracking-number').innerText()).replace(/-/g, '');
  const code = (await page.getByTestId('access-code').innerText()).replace(/-/g, '');
  const view = await request.post('/api/v1/track', { data: { tracking_number: number, access_code: code } });
  expect((await view.json()).attachments).toHaveLength(1);
  await context.close();
});

test('while one report waits, the next can be written at once; both wait on /saya and each arrives once', async ({ browser, request }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const stamp = Date.now();
  const first = `Pungutan di loket KTP kecamatan ${stamp}`;
  const second = `Lampu puskesmas pembantu padam ${stamp}`;
  await page.goto('/lapor');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  // The first is written online (the region lists reach the phone's cache), then the signal goes.
  await fillReport(page, { title: first, body: SAMPLE_BODY, date: yesterday(), anonymous: true });
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.getByRole('heading', { name: 'Menunggu dikirim' })).toBeVisible();
  await page.getByRole('button', { name: 'Buat laporan lain' }).click();
  // A fresh form, not the waiting screen and not the first report's text.
  await expect(page.locator('#title')).toHaveValue('');
  await fillReport(page, { title: second, body: SAMPLE_BODY, date: yesterday(), anonymous: true });
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.getByRole('heading', { name: 'Menunggu dikirim' })).toBeVisible();

  await page.getByRole('link', { name: 'Laporan saya' }).first().click();
  const waiting = page.getByTestId('waiting-reports');
  await expect(waiting.getByText(first)).toBeVisible();
  await expect(waiting.getByText(second)).toBeVisible();
  await expect(waiting.getByText('Tidak ada sinyal').first()).toBeVisible();
  await expectAccessible(page, 'my reports with two waiting');

  await context.setOffline(false);
  const mine = page.getByTestId('my-reports');
  await expect(mine.getByText(first)).toBeVisible({ timeout: 30_000 });
  await expect(mine.getByText(second)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('waiting')).toBeHidden();
  expect(await countOnServer(request, first)).toBe(1);
  expect(await countOnServer(request, second)).toBe(1);
  await context.close();
});
