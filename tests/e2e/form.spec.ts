import { test, expect } from '@playwright/test';
import { expectAccessible, fillReport, next, SAMPLE_BODY, yesterday } from './helpers';

test('bad input gets a message on its field, in each step, and loses nothing', async ({ page }) => {
  await page.goto('/lapor');
  await expect(page.getByText('Langkah 1 dari 5')).toBeVisible();
  await expectAccessible(page, 'step 1');
  await page.getByLabel('Judul laporan').fill('Air mati');
  await next(page);
  // Messages sit on their fields, in Indonesian; the first bad field has focus; the step does not advance.
  await expect(page.locator('#err-title')).toHaveText('Terlalu pendek: paling sedikit 10 karakter.');
  await expect(page.locator('#err-body')).toHaveText('Wajib diisi.');
  await expect(page.locator('#err-incident_date')).toHaveText('Wajib diisi.');
  await expect(page.getByLabel('Judul laporan')).toBeFocused();
  await expect(page.getByLabel('Judul laporan')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Judul laporan')).toHaveValue('Air mati');
  await expect(page.getByText('Langkah 1 dari 5')).toBeVisible();
  await expectAccessible(page, 'step 1 with errors');

  // A date in the future is refused.
  await page.getByLabel('Judul laporan').fill('Air PDAM mati tiga hari di Sekadau');
  await page.getByLabel('Isi laporan', { exact: true }).fill('Sejak Senin air PDAM di RT 02 tidak mengalir sama sekali, warga membeli air galon.');
  await page.getByLabel('Tanggal kejadian').fill('2099-01-01');
  await next(page);
  await expect(page.locator('#err-incident_date')).toHaveText('Tanggal tidak boleh di masa depan.');
  await page.getByLabel('Tanggal kejadian').fill('2026-01-05');
  await next(page);

  // Step 2: the region is required.
  await expect(page.getByText('Langkah 2 dari 5')).toBeVisible();
  await expectAccessible(page, 'step 2');
  await next(page);
  await expect(page.locator('#err-regency_code')).toHaveText('Wajib diisi.');
  await page.getByLabel('Provinsi').selectOption({ label: 'Kalimantan Barat' });
  await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Sanggau' });
  await page.getByLabel(/^Kecamatan/).selectOption({ label: 'Kapuas' });
  await page.getByLabel(/^Desa\/kelurahan/).selectOption({ index: 1 });
  await next(page);
  await expect(page.getByText('Langkah 3 dari 5')).toBeVisible();
  await expectAccessible(page, 'step 3');
  await next(page);

  // Step 4: a contact unless anonymous.
  await expect(page.getByText('Langkah 4 dari 5')).toBeVisible();
  await expectAccessible(page, 'step 4');
  await page.getByLabel('Nama', { exact: true }).fill('Maria');
  await page.getByLabel('E-mail').fill('maria@contoh');
  await next(page);
  await expect(page.locator('#err-reporter_email')).toHaveText('Alamat e-mail tidak valid.');
  await page.getByLabel('E-mail').fill('');
  await next(page);
  await expect(page.locator('#err-reporter_phone')).toContainText('Isi nomor HP atau e-mail');
  await page.getByLabel('Nomor HP').fill('0813-4567-8901');
  await next(page);

  // Step 5: the review shows what was typed; sending needs the consent line.
  await expect(page.getByText('Langkah 5 dari 5')).toBeVisible();
  await expect(page.getByText('Air PDAM mati tiga hari di Sekadau')).toBeVisible();
  await expect(page.getByText(/Kapuas, Kabupaten Sanggau, Kalimantan Barat/)).toBeVisible();
  await expectAccessible(page, 'step 5');
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.locator('#err-consent')).toHaveText('Wajib diisi.');

  // Going back keeps everything.
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByLabel('Nomor HP')).toHaveValue('0813-4567-8901');
});

test('the tracking page rejects a mistyped number before asking the server', async ({ page }) => {
  await page.goto('/lacak');
  await page.getByLabel('Nomor pelacakan').fill('1234-5678-9999');
  await page.getByRole('button', { name: 'Lacak' }).click();
  await expect(page.locator('#err-tracking_number')).toContainText('Nomor pelacakan tidak valid');
  await expectAccessible(page, '/lacak with an error');
});

test('English is one tap away and is remembered', async ({ page }) => {
  await page.goto('/lapor');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Write a report' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Write a report' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('#err-body')).toHaveText('Required.');
});

test('a draft survives a reload and can be discarded after a question', async ({ page }) => {
  await page.goto('/lapor');
  await page.getByLabel('Judul laporan').fill('Sampah menumpuk di pasar Sekadau');
  await page.getByLabel('Isi laporan', { exact: true }).fill('Sampah di belakang pasar tidak diangkut sejak dua minggu, baunya sampai ke rumah warga.');
  await page.getByLabel('Tanggal kejadian').fill('2026-11-02');
  await next(page);
  await page.getByLabel('Provinsi').selectOption({ label: 'Kalimantan Barat' });
  await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Sekadau' });
  await page.reload();
  // Back on the same step with the same choices, and the earlier step intact.
  await expect(page.getByText('Langkah 2 dari 5')).toBeVisible();
  await expect(page.getByLabel('Kabupaten/kota')).toHaveValue('61.09');
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByLabel('Judul laporan')).toHaveValue('Sampah menumpuk di pasar Sekadau');
  await expect(page.getByLabel('Tanggal kejadian')).toHaveValue('2026-11-02');

  await page.getByRole('button', { name: 'Buang draf' }).click();
  await expect(page.getByText('Hapus semua isian dan lampiran laporan ini?')).toBeVisible();
  await page.getByRole('button', { name: 'Batal' }).click();
  await expect(page.getByLabel('Judul laporan')).toHaveValue('Sampah menumpuk di pasar Sekadau');
  await page.getByRole('button', { name: 'Buang draf' }).click();
  await page.getByRole('button', { name: 'Ya, buang' }).click();
  await expect(page.getByLabel('Judul laporan')).toHaveValue('');
  await page.reload();
  await expect(page.getByLabel('Judul laporan')).toHaveValue('');
});

test('an error only the server can find lands on its field, and the report is kept', async ({ page }) => {
  await page.goto('/lapor');
  const title = `Pungutan liar di kantor desa ${Date.now()}`;
  await fillReport(page, { title, body: SAMPLE_BODY, date: yesterday(), name: 'Paulus', phone: '0812 3333 4444' });
  // The request is altered on its way to the real server: a regency code that does not exist.
  await page.route('**/api/v1/reports', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}');
    body.regency_code = '61.99';
    await route.continue({ postData: JSON.stringify(body) });
  });
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.getByRole('heading', { name: 'Laporan perlu diperbaiki' })).toBeVisible();
  await page.unroute('**/api/v1/reports');
  await page.getByRole('button', { name: 'Perbaiki laporan' }).click();
  // Back on the place step, the server's message on the regency field; the text is all there.
  await expect(page.getByText('Langkah 2 dari 5')).toBeVisible();
  await expect(page.locator('#err-regency_code')).toHaveText('Pilih wilayah dari daftar.');
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByLabel('Judul laporan')).toHaveValue(title);
});

test('step 2 fields are full-size touch targets and fields waiting for a choice look disabled', async ({ page }) => {
  await page.goto('/lapor');
  await page.getByLabel('Judul laporan').fill(`Ukuran kolom instansi ${Date.now()}`);
  await page.getByLabel('Isi laporan', { exact: true }).fill(SAMPLE_BODY);
  await page.getByLabel('Tanggal kejadian').fill(yesterday());
  await next(page);
  await expect(page.getByRole('heading', { name: 'Lokasi & tujuan' })).toBeVisible();
  const style = (label: string | RegExp) =>
    page.getByLabel(label).evaluate((el) => {
      const s = getComputedStyle(el);
      return { height: el.getBoundingClientRect().height, width: el.getBoundingClientRect().width, bg: s.backgroundColor, border: s.borderStyle };
    });
  // Before a province is chosen: the regency list and the agency field wait, and look it.
  const waiting = await style('Kabupaten/kota');
  const agencyWaiting = await style(/^Instansi tujuan/);
  const province = await style('Provinsi');
  expect(waiting.bg).not.toBe(province.bg);
  expect(waiting.border).toBe('dashed');
  expect(agencyWaiting.border).toBe('dashed');
  await page.getByLabel('Provinsi').selectOption({ label: 'Kalimantan Barat' });
  await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Sekadau' });
  // Then the agency field is as tall and as wide as every other field.
  const agency = await style(/^Instansi tujuan/);
  const address = await style(/^Alamat/);
  expect(agency.height).toBeGreaterThanOrEqual(48);
  expect(agency.width).toBeCloseTo(address.width, 0);
  expect(agency.bg).toBe(address.bg);
  await expectAccessible(page, 'step 2 with the agency field');
});

test('an agency typed in step 2 is still known after a reload on the review step', async ({ page }) => {
  const title = `Jalan desa rusak, instansi dipilih ${Date.now()}`;
  await page.goto('/lapor');
  await page.getByLabel('Judul laporan').fill(title);
  await page.getByLabel('Isi laporan', { exact: true }).fill(SAMPLE_BODY);
  await page.getByLabel('Tanggal kejadian').fill(yesterday());
  await next(page);
  await page.getByLabel('Provinsi').selectOption({ label: 'Kalimantan Barat' });
  await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Sekadau' });
  await page.getByLabel(/^Instansi tujuan/).fill('Dinas Pekerjaan Umum dan Penataan Ruang');
  await next(page);
  await expect(page.getByRole('heading', { name: 'Lampiran' })).toBeVisible();
  await next(page);
  await page.getByLabel('Nama', { exact: true }).fill('Agustinus');
  await page.getByLabel('Nomor HP').fill('0812 4444 5555');
  await next(page);
  await expect(page.getByRole('heading', { name: 'Periksa & kirim' })).toBeVisible();

  // Step 2 (where the agency list used to load) is not on screen after this reload.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Periksa & kirim' })).toBeVisible();
  await page.getByLabel(/Saya menyatakan laporan ini benar/).check();
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.getByRole('heading', { name: 'Laporan terkirim' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Instansi tidak dikenal')).toHaveCount(0);
});
