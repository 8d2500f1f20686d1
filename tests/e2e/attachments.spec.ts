import { test, expect } from '@playwright/test';
import { expectAccessible, fillUpToAttachments, next, signIn } from './helpers';
import { cameraJpeg, GPS_MARKER, jpegSize, withGpsExif } from './photos';

test('a photo with GPS is shrunk on the phone, survives a reload, uploads with progress, and is stored without EXIF', async ({
  browser,
  request,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const title = `Banjir merendam jalan desa ${Date.now()}`;
  await page.goto('/lapor');
  const photo = withGpsExif(await cameraJpeg(page));
  expect(photo.includes(Buffer.from('Exif'))).toBeTruthy();

  await fillUpToAttachments(page, title);
  await page.locator('#files').setInputFiles({ name: 'banjir.jpg', mimeType: 'image/jpeg', buffer: photo });
  const item = page.locator('.file-item', { hasText: 'banjir.jpg' });
  await expect(item).toBeVisible();
  // Shown as "before → after": the phone sends far less than the camera made.
  await expect(item).toContainText('→');
  await expectAccessible(page, 'attachments step');

  // Reload: the photo is still there (IndexedDB), with the text.
  await page.reload();
  await expect(page.locator('.file-item', { hasText: 'banjir.jpg' })).toBeVisible();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByLabel('Judul laporan')).toHaveValue(title);
  await next(page);
  await next(page);
  await next(page);
  await page.getByLabel('Nama', { exact: true }).fill('Stefanus');
  await page.getByLabel('Nomor HP').fill('0813 9999 0000');
  await next(page);
  await page.getByLabel(/Saya menyatakan laporan ini benar/).check();

  // A slow upload shows its progress bar while the report waits.
  await page.route('**/api/v1/attachments', async (route) => {
    await new Promise((r) => setTimeout(r, 1200));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.getByTestId('delivery').locator('progress')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Laporan terkirim' })).toBeVisible({ timeout: 30_000 });
  const number = (await page.getByTestId('tracking-number').innerText()).replace(/-/g, '');
  const code = (await page.getByTestId('access-code').innerText()).replace(/-/g, '');

  // The stored file: a JPEG no larger than 1600 px, with no EXIF and no GPS left.
  const view = await request.post('/api/v1/track', { data: { tracking_number: number, access_code: code } });
  expect(view.ok()).toBeTruthy();
  const attachments = (await view.json()).attachments as Array<{ id: string; kind: string; size: number }>;
  expect(attachments).toHaveLength(1);
  expect(attachments[0].kind).toBe('photo');
  const file = await request.post(`/api/v1/track/attachments/${attachments[0].id}`, {
    data: { tracking_number: number, access_code: code },
  });
  expect(file.ok()).toBeTruthy();
  const stored = await file.body();
  expect(stored.includes(Buffer.from('Exif'))).toBeFalsy();
  expect(stored.includes(Buffer.from(GPS_MARKER))).toBeFalsy();
  const { width, height } = jpegSize(stored);
  expect(Math.max(width, height)).toBeLessThanOrEqual(1600);
  expect(stored.length).toBeLessThan(photo.length / 2);
  console.log(`photo upload: camera ${photo.length} bytes → sent ${stored.length} bytes (${width}x${height})`);

  // The reporter sees it on the tracking page; so does the coordinator.
  await page.getByRole('link', { name: 'Lacak laporan ini' }).click();
  await expect(page.getByTestId('attachments').locator('img')).toBeVisible();
  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(admin, 'koordinator');
  await admin.getByRole('link', { name: title }).click();
  await expect(admin.getByTestId('attachments').locator('img')).toBeVisible();
  await context.close();
});

test('files that are not what they claim, too large, or too many are refused with a message; nothing is lost', async ({ page }) => {
  await page.goto('/lapor');
  await fillUpToAttachments(page, 'Sekolah roboh di Belitang Hulu');
  const files = page.locator('#files');
  await files.setInputFiles({ name: 'surat.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% surat keterangan\n%%EOF\n') });
  await expect(page.locator('.file-item', { hasText: 'surat.pdf' })).toBeVisible();

  // A text file named like a photo.
  await files.setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('ini bukan foto, hanya teks') });
  await expect(page.locator('#err-file')).toContainText('foto.jpg: Jenis berkas tidak didukung');
  // A PDF over 10 MB.
  const big = Buffer.alloc(10 * 1024 * 1024 + 100, 0x20);
  big.write('%PDF-1.7\n', 0);
  await files.setInputFiles({ name: 'scan-besar.pdf', mimeType: 'application/pdf', buffer: big });
  await expect(page.locator('#err-file')).toContainText('scan-besar.pdf: Berkas terlalu besar: paling besar 10 MB.');
  await expectAccessible(page, 'attachments step with errors');

  // Six at once when four places are left: the extra ones are named.
  const six = Array.from({ length: 6 }, (_, n) => ({
    name: `dok-${n + 1}.pdf`,
    mimeType: 'application/pdf',
    buffer: Buffer.from(`%PDF-1.4\n% ${n}\n`),
  }));
  await files.setInputFiles(six);
  await expect(page.locator('.file-item')).toHaveCount(5);
  await expect(page.locator('#err-file')).toContainText('dok-6.pdf: Paling banyak 5 lampiran.');

  // Nothing lost: the first file and the text are still there.
  await expect(page.locator('.file-item', { hasText: 'surat.pdf' })).toBeVisible();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByLabel('Judul laporan')).toHaveValue('Sekolah roboh di Belitang Hulu');
});
