import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expectAccessible, SAMPLE_BODY, signIn, signOut, yesterday } from './helpers';
import { cameraJpeg } from './photos';

// The officers' console on a desktop: the whole lifecycle through its
// branches, the audit log, the wide table, and the keyboard alone.
const desktop = { viewport: { width: 1280, height: 800 } };

async function submit(request: APIRequestContext, title: string, body = SAMPLE_BODY) {
  const res = await request.post('/api/v1/reports', {
    data: {
      kind: 'pengaduan', title, body, incident_date: yesterday(), province_code: '61', regency_code: '61.09',
      district_code: '61.09.01', reporter_name: 'Petrus Alo', reporter_phone: '0812 3333 4444', idempotency_key: randomUUID(),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { tracking_number: string; access_code: string };
}

async function openFromQueue(page: Page, search: string, title: string) {
  await page.getByLabel('Cari nomor pelacakan atau kata').fill(search);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
}

test('a report goes to the wrong agency, comes back, goes to the right one, and is followed up with a photo; the audit log tells it all', async ({ browser, request }) => {
  const word = `simpang${Date.now() % 1000000}`;
  const title = `Jalan Sekadau–Sintang di ${word} berlubang dalam`;
  const receipt = await submit(request, title, `${SAMPLE_BODY} Lubang di ruas jalan dekat ${word} sudah sebulan.`);

  // Coordinator: finds it by a word, forwards it to the suggested regency office.
  const coord = await (await browser.newContext(desktop)).newPage();
  await signIn(coord, 'koordinator');
  await expect(coord.getByTestId('who')).toContainText('Admin Koordinator SP4N-LAPOR! Kalbar');
  await expect(coord.getByTestId('who')).toContainText('Admin koordinator');
  await expectAccessible(coord, 'the queue');
  await openFromQueue(coord, word, title);
  await expectAccessible(coord, 'the report page');
  await coord.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Infrastruktur jalan' });
  const suggestions = coord.getByTestId('suggestions');
  await expect(suggestions.locator('label').first()).toContainText('Dinas Pekerjaan Umum dan Penataan Ruang — Kabupaten Sekadau');
  await suggestions.getByRole('radio').first().check();
  await coord.getByRole('button', { name: 'Verifikasi & disposisikan' }).click();
  await expect(coord.locator('.status-line').getByText('Didisposisikan')).toBeVisible();
  await expect(coord.getByTestId('agency')).toHaveText('Dinas Pekerjaan Umum dan Penataan Ruang');
  await signOut(coord);

  // The regency's office: not its road.
  await signIn(coord, 'sekadau-pupr');
  await expect(coord.getByTestId('who')).toContainText('Dinas Pekerjaan Umum dan Penataan Ruang');
  await openFromQueue(coord, receipt.tracking_number, title);
  await coord.locator('summary', { hasText: 'Kembalikan (bukan wewenang)' }).click();
  await coord.getByLabel('Alasan bukan wewenang').fill('Ruas Sekadau–Sintang adalah jalan provinsi, bukan jalan kabupaten.');
  await coord.getByRole('button', { name: 'Kembalikan (bukan wewenang)' }).click();
  await expect(coord.getByTestId('handed-back')).toBeVisible();
  await expect(coord.locator('.status-line').getByText('Dikembalikan')).toBeVisible();
  await signOut(coord);

  // Coordinator: reads why, forwards it to the province's office.
  await signIn(coord, 'koordinator');
  await coord.getByRole('button', { name: /^Dikembalikan/ }).click();
  await openFromQueue(coord, receipt.tracking_number, title);
  await expect(coord.getByTestId('returned-reason')).toContainText('jalan provinsi');
  await coord.getByLabel('Kewenangan tingkat').selectOption({ label: 'Provinsi' });
  await expect(suggestions.locator('label').first()).toContainText('Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Kalimantan Barat');
  await suggestions.getByRole('radio').first().check();
  await coord.getByLabel('Batas tindak lanjut').first().selectOption({ label: 'Dengan cek lapangan — 60 hari kerja' });
  await coord.getByRole('button', { name: 'Verifikasi & disposisikan' }).click();
  await expect(coord.getByTestId('agency')).toHaveText('Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Kalimantan Barat');
  await signOut(coord);

  // The province's office follows up with a photo of the repair.
  await signIn(coord, 'kalbar-pupr');
  await openFromQueue(coord, receipt.tracking_number, title);
  const photo = await cameraJpeg(coord, 640, 480);
  await coord.getByLabel(/^Lampiran tindak lanjut/).setInputFiles({ name: 'tambalan.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(coord.getByTestId('respond-files')).toContainText('tambalan.jpg');
  await coord.getByLabel('Tindak lanjut untuk pelapor').fill('Lubang sudah ditambal oleh UPT Jalan Provinsi wilayah Sekadau.');
  await coord.getByRole('button', { name: 'Kirim tindak lanjut' }).click();
  await expect(coord.locator('.status-line').getByText('Ditindaklanjuti')).toBeVisible();
  await signOut(coord);

  // The reporter sees the follow-up and its photo.
  const phone = await (await browser.newContext()).newPage();
  await phone.goto('/lacak');
  await phone.getByLabel('Nomor pelacakan').fill(receipt.tracking_number);
  await phone.getByLabel(/^Kode akses/).fill(receipt.access_code);
  await phone.getByRole('button', { name: 'Lacak' }).click();
  await expect(phone.getByText('Lubang sudah ditambal oleh UPT Jalan Provinsi')).toBeVisible();
  await expect(phone.getByTestId('followup-attachments').locator('img')).toBeVisible();

  // The audit log: every step, who, and the values before and after.
  await signIn(coord, 'koordinator');
  await coord.getByRole('link', { name: 'Log audit' }).click();
  await coord.getByLabel('Nomor laporan').fill(receipt.tracking_number);
  await coord.getByRole('button', { name: 'Tampilkan' }).click();
  const rows = coord.getByTestId('audit-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('Tindak lanjut');
  await expect(rows.nth(0)).toContainText('kalbar-pupr');
  await expect(rows.nth(0)).toContainText('Status: Didisposisikan → Ditindaklanjuti');
  await expect(rows.nth(0)).toContainText('Lampiran: — → 1');
  await expect(rows.nth(1)).toContainText('Status: Dikembalikan → Didisposisikan');
  await expect(rows.nth(1)).toContainText('Instansi: — → Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Kalimantan Barat');
  await expect(rows.nth(1)).toContainText('Batas tindak lanjut: Biasa — 5 hari kerja → Dengan cek lapangan — 60 hari kerja');
  await expect(rows.nth(2)).toContainText('sekadau-pupr');
  await expect(rows.nth(2)).toContainText('Status: Didisposisikan → Dikembalikan');
  await expect(rows.nth(3)).toContainText('Status: Menunggu verifikasi → Didisposisikan');
  await expect(rows.nth(3)).toContainText('Kategori: — → Infrastruktur jalan');
  await expectAccessible(coord, 'the audit log');
  expect(coord.url()).toContain(`report=${receipt.tracking_number}`);
  await coord.getByRole('link', { name: 'Akun saya' }).click();
  await expect(coord.getByRole('heading', { name: 'Ganti kata sandi' })).toBeVisible();
  await expectAccessible(coord, 'the account page');
});

test('the queue is a dense table on a desktop: 20 rows or more in view, filters in the address, late rows marked in words', async ({ browser, request }) => {
  for (let k = 0; k < 22; k++) await submit(request, `Laporan antrean padat nomor ${k} ${Date.now()}`);
  const page = await (await browser.newContext(desktop)).newPage();
  await signIn(page, 'koordinator');
  const rows = page.getByTestId('queue-row');
  await expect(rows.nth(21)).toBeAttached();
  const inView = await rows.evaluateAll((trs) => trs.filter((tr) => tr.getBoundingClientRect().bottom <= window.innerHeight).length);
  expect(inView).toBeGreaterThanOrEqual(20);

  // A late row says so in words, not only in colour.
  await page.getByRole('button', { name: /Terlambat/ }).click();
  await expect(page).toHaveURL(/late=true/);
  const deadlines = page.getByTestId('row-deadline');
  await expect.poll(async () => (await deadlines.allInnerTexts()).every((t) => t.includes('terlambat'))).toBe(true);
  expect(await deadlines.count()).toBeGreaterThan(0);
  // The address is the filter: a reload, back and forward keep it.
  await page.getByLabel('Urutkan').selectOption({ label: 'Batas waktu terdekat' });
  await expect(page).toHaveURL(/sort=deadline/);
  await page.reload();
  await expect(page.getByLabel('Urutkan')).toHaveValue('deadline');
  await expect(page.getByRole('button', { name: /Terlambat/ })).toHaveAttribute('aria-pressed', 'true');
  await page.goBack();
  await expect(page).not.toHaveURL(/sort=deadline/);
  await expect(page).toHaveURL(/late=true/);

  // Coordinators archive several at once, with one reason.
  await page.goto('/admin?q=padat');
  await expect(rows).toHaveCount(22);
  await page.getByRole('checkbox', { name: /^Pilih laporan/ }).nth(0).check();
  await page.getByRole('checkbox', { name: /^Pilih laporan/ }).nth(1).check();
  await expect(page.getByRole('heading', { name: '2 laporan dipilih' })).toBeVisible();
  await page.getByLabel('Alasan diarsipkan').selectOption({ label: 'Spam, iklan atau uji coba' });
  await expectAccessible(page, 'the queue with a bulk selection');
  await page.getByRole('button', { name: 'Arsipkan 2 laporan' }).click();
  await expect(page.getByTestId('bulk-result')).toContainText('2 laporan diarsipkan');
  await expect(rows.filter({ hasText: 'Diarsipkan' })).toHaveCount(2);
});

test('the queue and a report are worked with the keyboard alone, with a visible focus and no trap', async ({ browser, request }) => {
  const title = `Papan nama kantor desa rusak ${Date.now()}`;
  const receipt = await submit(request, title);
  const page = await (await browser.newContext(desktop)).newPage();
  await page.goto('/admin');
  // Tabbing starts once the console has drawn its sign-in form (a slow
  // machine may still be starting the wasm when the page has loaded).
  await expect(page.getByLabel('Nama pengguna')).toBeVisible();
  await page.keyboard.press('Tab'); // the skip link
  const focusVisible = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'none';
      const s = getComputedStyle(el);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? 'visible' : `${el.tagName} ${s.outlineStyle}`;
    });
  const tabTo = async (matches: () => Promise<boolean>, what: string) => {
    for (let n = 0; n < 80; n++) {
      if (await matches()) return;
      await page.keyboard.press('Tab');
      expect(await focusVisible(), `focus shown while tabbing to ${what}`).toBe('visible');
    }
    throw new Error(`never reached ${what} with Tab`);
  };
  const focused = (sel: string) => () => page.evaluate((s) => document.activeElement?.matches(s) ?? false, sel);
  await tabTo(focused('#username'), 'the user name');
  await page.keyboard.type('koordinator');
  await page.keyboard.press('Tab');
  await page.keyboard.type('lapor-demo');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Antrean laporan' })).toBeVisible();
  await tabTo(focused('#queue-q'), 'the search box');
  await page.keyboard.type(receipt.tracking_number);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await tabTo(() => page.evaluate((t) => document.activeElement?.textContent === t, title), 'the report link');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  // The internal note: open its section, write, send, all from the keyboard.
  await tabTo(() => page.evaluate(() => document.activeElement?.textContent === 'Catatan internal'), 'the note section');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Dicek lewat telepon dengan kepala desa.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('.event-message', { hasText: 'Dicek lewat telepon dengan kepala desa.' })).toBeVisible();
  // No trap: Tab goes on through the page and out of it.
  let left = false;
  for (let n = 0; n < 200 && !left; n++) {
    await page.keyboard.press('Tab');
    left = await page.evaluate(() => document.activeElement === document.body || document.activeElement?.classList.contains('skip-link') === true);
  }
  expect(left, 'Tab leaves the page at its end').toBe(true);
});
