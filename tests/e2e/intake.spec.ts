import { Browser, expect, Page, test } from '@playwright/test';
import { decodeQr, expectAccessible, signIn, track } from './helpers';

// A coordinator at 1280×800 enters a complaint that came as a letter, with
// the scanned letter, in /admin/terima: what is missing is said on the
// fields, a reload loses nothing, and the saved report's receipt prints on
// A4 and on a 58 mm roll (checked in the print media and in the PDF's page
// size). The reporter follows it with the receipt's number and code, and
// the queue filters it by channel.
test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

/** A date `days` before today, as YYYY-MM-DD in Jakarta. */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 24 * 3600 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(d);
}

/** A real one-page PDF letter, printed by the browser itself. */
async function scannedLetter(browser: Browser): Promise<Buffer> {
  const page = await browser.newPage();
  await page.setContent('<h1>Kepada Yth. Bupati Sekadau</h1><p>Jembatan Sungai Ayak patah sejak banjir.</p>');
  const pdf = await page.pdf({ format: 'A4' });
  await page.close();
  return pdf;
}

/** The size of the first page of a PDF that Chromium printed, in points. */
function pageSize(pdf: Buffer): [number, number] {
  const m = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  expect(m, 'a MediaBox in the PDF').not.toBeNull();
  return [Number(m![1]), Number(m![2])];
}

const MM = 72 / 25.4;

async function fillLetter(page: Page, title: string) {
  await page.getByRole('radio', { name: 'Surat' }).check();
  await page.getByLabel('Tanggal diterima').fill(daysAgo(8));
  await page.getByLabel('Jenis').selectOption('pengaduan');
  await page.getByLabel('Judul', { exact: true }).fill(title);
  await page.getByLabel(/^Isi laporan/).fill(
    'Jembatan kayu penghubung Dusun Sungai Ayak patah sejak banjir bulan lalu. Anak sekolah menyeberang dengan perahu setiap pagi.',
  );
  await page.getByLabel(/^Tanggal kejadian/).fill(daysAgo(20));
  // West Kalimantan's coordinator starts in its province.
  await expect(page.getByLabel('Provinsi')).toHaveValue('61');
  await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Sekadau' });
  await page.getByLabel('Nama pelapor').fill('Yohanes Sudin');
  await page.getByLabel(/^Kontak lain/).fill('Jl. Merdeka No. 5, Sekadau Hilir');
}

test('a letter is entered with its scan, survives a reload, prints its receipt on A4 and 58 mm, and the reporter follows it', async ({ page, browser }) => {
  const title = `Jembatan Sungai Ayak patah ${Date.now()}`;
  await signIn(page, 'koordinator');
  await page.getByRole('link', { name: /^Catat laporan dari surat/ }).click();
  await expect(page.getByRole('heading', { name: 'Laporan dari saluran lain' })).toBeVisible();
  await expect(page.getByLabel('Provinsi')).toHaveValue('61');
  await expectAccessible(page, 'the intake form');

  // Nothing filled in: each missing field says so, and the focus goes to the first.
  await page.getByRole('button', { name: 'Simpan dan buat tanda terima' }).click();
  await expect(page.locator('#err-title')).toHaveText('Wajib diisi.');
  await expect(page.locator('#err-body')).toHaveText('Wajib diisi.');
  await expect(page.locator('#err-regency_code')).toHaveText('Wajib diisi.');
  await expect(page.locator('#err-reporter_phone')).toContainText('Isi nomor HP atau e-mail');
  await expect(page.getByLabel('Judul', { exact: true })).toBeFocused();
  await expectAccessible(page, 'the intake form with its errors');

  await fillLetter(page, title);
  // An incident after the letter arrived is refused before anything is sent.
  await page.getByLabel(/^Tanggal kejadian/).fill(daysAgo(2));
  await page.getByRole('button', { name: 'Simpan dan buat tanda terima' }).click();
  await expect(page.locator('#err-incident_date')).toHaveText('Tanggal kejadian tidak boleh sesudah tanggal laporan diterima.');
  await page.getByLabel(/^Tanggal kejadian/).fill(daysAgo(20));

  await page.locator('#intake-files').setInputFiles({ name: 'surat-yohanes.pdf', mimeType: 'application/pdf', buffer: await scannedLetter(browser) });
  await expect(page.getByTestId('intake-files').locator('.file-item', { hasText: 'surat-yohanes.pdf' })).toContainText('terunggah');

  // A reload (or a crash) before saving loses nothing, the uploaded scan included.
  await page.reload();
  await expect(page.getByLabel('Judul', { exact: true })).toHaveValue(title);
  await expect(page.getByLabel(/^Kontak lain/)).toHaveValue('Jl. Merdeka No. 5, Sekadau Hilir');
  await expect(page.getByLabel('Kabupaten/kota')).toHaveValue('61.09');
  await expect(page.getByTestId('intake-files')).toContainText('surat-yohanes.pdf');

  await page.getByRole('button', { name: 'Simpan dan buat tanda terima' }).click();
  await expect(page.getByRole('heading', { name: 'Laporan tersimpan' })).toBeFocused();
  const receipt = page.getByTestId('receipt');
  const number = (await receipt.getByTestId('receipt-number').innerText()).replace(/\D/g, '');
  const code = (await receipt.getByTestId('receipt-code').innerText()).replace(/[^A-Za-z0-9]/g, '');
  expect(number).toMatch(/^\d{12}$/);
  expect(code).toMatch(/^[A-Za-z0-9]{10}$/);
  await expect(receipt.getByTestId('receipt-received')).toContainText('Surat');
  await expect(receipt).toContainText(title);
  await expect(receipt).toContainText('Yohanes Sudin');
  // The QR code opens the report with its code.
  const link = await decodeQr(receipt.getByTestId('qr'));
  expect(link).toMatch(new RegExp(`/lacak\\?no=${number}#kode=${code}$`, 'i'));
  await expectAccessible(page, 'the receipt');

  // On paper only the receipt prints: the console's bar, the buttons and the choice of paper do not.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.console-bar')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Cetak tanda terima' })).toBeHidden();
  await expect(receipt).toBeVisible();
  await page.screenshot({ path: 'test-results/receipt-a4-print.png', fullPage: true });
  const [a4w, a4h] = pageSize(await page.pdf({ preferCSSPageSize: true }));
  expect(Math.abs(a4w - 210 * MM)).toBeLessThan(2);
  expect(Math.abs(a4h - 297 * MM)).toBeLessThan(2);

  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('radio', { name: 'Struk 58 mm' }).check();
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: 'test-results/receipt-58mm-print.png', fullPage: true });
  const box = (await receipt.boundingBox())!;
  expect(box.width, 'the printed receipt fits a 58 mm roll').toBeLessThanOrEqual(58 * 96 / 25.4);
  await expect(receipt.getByTestId('receipt-number')).toBeVisible();
  const qrBox = (await receipt.getByTestId('qr').boundingBox())!;
  expect(qrBox.width, 'the QR code stays large enough to scan').toBeGreaterThanOrEqual(25 * 96 / 25.4);
  const roll = await page.pdf({ preferCSSPageSize: true });
  const [rollW] = pageSize(roll);
  expect(Math.abs(rollW - 58 * MM), `page width ${rollW} pt`).toBeLessThan(1);
  await page.emulateMedia({ media: 'screen' });

  // The reporter, on a phone, with the receipt's number and code.
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' })).newPage();
  await track(phone, { tracking_number: number, access_code: code });
  const result = phone.getByTestId('track-result');
  await expect(result.getByRole('heading', { name: title })).toBeVisible();
  await expect(phone.getByText(/^Diterima melalui surat pada \d+ \w+ \d{4}, dicatat oleh admin koordinator\.$/)).toBeVisible();
  await expect(phone.getByTestId('attachments')).toContainText('PDF');
  // Received eight days ago, three working days to verify: already late.
  await expect(result.getByTestId('deadline')).toContainText('terlambat');

  // The queue lists it under its channel; the report shows where it came from.
  await page.goto('/admin');
  await page.getByLabel('Saluran').selectOption('surat');
  await expect(page).toHaveURL(/channel=surat/);
  const row = page.getByTestId('queue-row').filter({ hasText: title });
  await expect(row).toContainText('Surat');
  await row.getByRole('link', { name: title }).click();
  await expect(page.getByTestId('channel')).toContainText('Surat');
  await expect(page.getByTestId('reporter')).toContainText('Jl. Merdeka No. 5, Sekadau Hilir');
  await expectAccessible(page, "an entered report's page");
});
