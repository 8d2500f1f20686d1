import { test, expect, APIRequestContext, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { adminId, decodeQr, expectAccessible, SAMPLE_BODY, signIn, signOut, yesterday } from './helpers';
import { cameraJpeg } from './photos';

type Receipt = { tracking_number: string; access_code: string };

/** A report sent through the API, as the phone would. */
async function sendReport(request: APIRequestContext, title: string): Promise<Receipt> {
  const sent = await request.post('/api/v1/reports', {
    data: {
      kind: 'pengaduan', title, body: SAMPLE_BODY, incident_date: yesterday(), province_code: '61', regency_code: '61.09',
      reporter_name: 'Agustina Lidia', reporter_phone: '0812 3333 4444', idempotency_key: randomUUID(),
    },
  });
  expect(sent.status()).toBe(201);
  return sent.json();
}

/** The coordinator forwards the report to Sekadau's public works office (through the API). */
async function dispatch(request: APIRequestContext, receipt: Receipt) {
  expect((await request.post('/api/v1/auth/login', { data: { username: 'sekadau-pupr', password: 'lapor-demo' } })).ok()).toBeTruthy();
  const agencyId = (await (await request.get('/api/v1/auth/me')).json()).agency_id;
  expect((await request.post('/api/v1/auth/login', { data: { username: 'koordinator', password: 'lapor-demo' } })).ok()).toBeTruthy();
  const id = await adminId(request, { tracking: receipt.tracking_number });
  const res = await request.post(`/api/v1/admin/reports/${id}/actions`, { data: { action: 'dispatch', agency_id: agencyId, category_id: 8 } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return id;
}

async function track(page: Page, receipt: Receipt, withCode = true) {
  await page.goto('/lacak');
  await page.getByLabel('Nomor pelacakan').fill(receipt.tracking_number);
  if (withCode) await page.getByLabel(/^Kode akses/).fill(receipt.access_code);
  await page.getByRole('button', { name: 'Lacak' }).click();
  await expect(page.getByTestId('track-result')).toBeVisible();
}

test('the deadline counts working days; the agency\'s files come with its follow-up; the reporter accepts with a rating', async ({
  browser,
  page,
  request,
}) => {
  const title = `Gorong-gorong tersumbat di Nanga Taman ${Date.now()}`;
  const receipt = await sendReport(request, title);
  const id = await dispatch(request, receipt);

  // The countdown the server counted with the holiday calendar, in the reporter's words.
  const view = await (await request.post('/api/v1/track', { data: receipt })).json();
  expect(view.working_days_left).toBe(5);
  await track(page, receipt);
  const deadline = page.getByTestId('track-result').getByTestId('deadline');
  await expect(deadline).toContainText('Instansi wajib menindaklanjuti paling lambat');
  await expect(deadline).toContainText('— 5 hari kerja lagi');
  const dueText = await page.evaluate(
    (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
    view.due_date,
  );
  await expect(deadline).toContainText(dueText);
  // The number alone shows the countdown too.
  const stranger = await (await browser.newContext()).newPage();
  await track(stranger, receipt, false);
  await expect(stranger.getByTestId('deadline')).toContainText('— 5 hari kerja lagi');
  await stranger.close();

  // The agency follows up in its console, with a photo of the cleared culvert.
  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(admin, 'sekadau-pupr');
  await admin.goto(`/admin/laporan/${id}`);
  await expect(admin.getByRole('heading', { name: title })).toBeVisible();
  const photo = await cameraJpeg(admin, 800, 600);
  await admin.getByLabel(/^Lampiran tindak lanjut/).setInputFiles({ name: 'gorong-gorong.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(admin.getByTestId('respond-files')).toContainText('gorong-gorong.jpg');
  await expectAccessible(admin, 'respond form with a file');
  await admin.getByLabel('Tindak lanjut untuk pelapor').fill('Gorong-gorong sudah dibersihkan oleh tim UPT.');
  await admin.getByRole('button', { name: 'Kirim tindak lanjut' }).click();
  await expect(admin.locator('.status-line').getByText('Ditindaklanjuti')).toBeVisible();
  await expect(admin.getByTestId('followup-attachments').locator('img')).toBeVisible();
  await signOut(admin);

  // The reporter sees the follow-up with its photo, and the reply window.
  await track(page, receipt);
  const result = page.getByTestId('track-result');
  await expect(result.getByText('Ditindaklanjuti')).toBeVisible();
  await expect(result.getByTestId('deadline')).toContainText('Pelapor dapat menanggapi paling lambat');
  await expect(result.getByTestId('deadline')).toContainText('— 10 hari kerja lagi');
  const files = page.getByTestId('followup-attachments');
  await expect(files.locator('img')).toBeVisible();
  expect(await files.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(800);

  // A rating is required; the radio group works with the keyboard.
  await page.getByRole('button', { name: 'Terima tindak lanjut & kirim penilaian' }).click();
  await expect(page.locator('#err-rating')).toHaveText('Pilih penilaian dari 1 (sangat tidak puas) sampai 5 (sangat puas).');
  await expect(page.getByLabel('1 — Sangat tidak puas')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('4 — Puas')).toBeChecked();
  await page.getByLabel('Komentar (tidak wajib)').fill('Cepat ditangani, terima kasih.');
  await expectAccessible(page, 'accept form with a rating');
  await page.getByRole('button', { name: 'Terima tindak lanjut & kirim penilaian' }).click();

  await expect(result.getByText('Selesai')).toBeVisible();
  const given = page.getByTestId('rating-given');
  await expect(given).toContainText('4 dari 5 — Puas');
  await expect(given).toContainText('Cepat ditangani, terima kasih.');
  await expect(page.getByRole('button', { name: 'Buka kembali laporan' })).toHaveCount(0);
  await expect(result.getByTestId('deadline')).toHaveCount(0);
  await expectAccessible(page, 'tracking page after the rating');

  // The coordinator sees the rating.
  await signIn(admin, 'koordinator');
  await admin.goto(`/admin/laporan/${id}`);
  await expect(admin.getByTestId('rating')).toHaveText('4/5 — Puas');
});

test('the public link\'s QR code reads as /laporan/<number>, the private one opens the report on another phone', async ({
  browser,
  page,
  request,
}) => {
  const title = `Air PDAM keruh di Sekadau Hilir ${Date.now()}`;
  const receipt = await sendReport(request, title);
  const number = receipt.tracking_number;

  // Not verified yet: not public, so no public link.
  await track(page, receipt);
  await expect(page.getByRole('heading', { name: 'Buka di ponsel lain' })).toBeVisible();
  await expect(page.getByTestId('share-public')).toHaveCount(0);

  await dispatch(request, receipt);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await track(page, receipt);
  await expect(page.getByTestId('track-result').getByText('Didisposisikan')).toBeVisible();
  const share = page.getByTestId('share-public');
  const publicUrl = `${new URL(page.url()).origin}/laporan/${number}`;
  expect(await decodeQr(share.getByRole('img', { name: 'Kode QR tautan halaman publik laporan' }))).toBe(publicUrl);
  await expect(share.getByRole('link', { name: publicUrl })).toBeVisible();
  await expect(share).not.toContainText(receipt.access_code);
  const canShare = await page.evaluate(() => typeof navigator.share === 'function');
  if (!canShare) {
    await share.getByRole('button', { name: 'Salin tautan' }).click();
    await expect(share.getByRole('status')).toHaveText('Tautan disalin.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(publicUrl);
  } else {
    await expect(share.getByRole('button', { name: 'Bagikan tautan' })).toBeVisible();
  }
  await expectAccessible(page, 'tracking page with the share card');

  // The scanned link opens the report's public page on a phone that knows nothing of it.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(publicUrl);
  await expect(visitor.getByRole('heading', { name: title })).toBeVisible();
  await expect(visitor.getByTestId('deadline')).toContainText('hari kerja');
  await expect(visitor.locator('body')).not.toContainText(receipt.access_code);
  await visitor.context().close();

  // The private link: behind a button, with a warning, carrying the code in the fragment only.
  const own = page.getByRole('button', { name: 'Tampilkan kode QR & tautan pribadi' });
  await expect(own).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('img', { name: 'Kode QR tautan pribadi laporan ini' })).toHaveCount(0);
  await own.click();
  await expect(page.getByRole('button', { name: 'Sembunyikan' })).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByText('siapa pun yang memindainya dapat membaca seluruh laporan')).toBeVisible();
  const ownUrl = await decodeQr(page.getByRole('img', { name: 'Kode QR tautan pribadi laporan ini' }));
  expect(ownUrl).toBe(`${new URL(page.url()).origin}/lacak?no=${number}#kode=${receipt.access_code}`);
  await expectAccessible(page, 'tracking page with the private link');

  // Another phone (no saved code) opens it: the code is filled in, the report opens,
  // and the code leaves the address bar at once.
  const phone = await (await browser.newContext()).newPage();
  const seen: string[] = [];
  phone.on('request', (r) => seen.push(r.url()));
  await phone.goto(ownUrl);
  await expect(phone.getByTestId('track-result').getByRole('heading', { name: title })).toBeVisible();
  expect(phone.url()).toBe(`${new URL(ownUrl).origin}/lacak?no=${number}`);
  expect(await phone.evaluate(() => location.hash)).toBe('');
  await expect(phone.getByLabel(/^Kode akses/)).not.toHaveValue('');
  expect(seen.filter((u) => u.includes(receipt.access_code)), 'the code is never in a requested URL').toEqual([]);
  await expectAccessible(phone, 'report opened from the private link');
});
