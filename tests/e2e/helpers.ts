import { APIRequestContext, expect, Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { randomUUID } from 'node:crypto';

/** Fails with the list of axe-core violations (WCAG 2.1 A/AA) on the current page. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe-core violations on ${what}`).toEqual([]);
}

export async function signIn(page: Page, username: string, password = 'lapor-demo') {
  await page.goto('/admin');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('heading', { name: 'Antrean laporan' })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk admin' })).toBeVisible();
}

/** Yesterday as YYYY-MM-DD in the browser's zone (Asia/Jakarta in these tests). */
export function yesterday(): string {
  const d = new Date(Date.now() - 24 * 3600 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(d);
}

/** A citizen's complaint sent straight to the API, as the form would; its receipt. */
export async function submitReport(request: APIRequestContext, title: string, regency = '61.09', body = SAMPLE_BODY) {
  const res = await request.post('/api/v1/reports', {
    data: {
      kind: 'pengaduan', title, body, incident_date: yesterday(), province_code: '61', regency_code: regency,
      reporter_name: 'Petrus Alo', reporter_phone: '0812 3333 4444', idempotency_key: randomUUID(),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { tracking_number: string; access_code: string; due_date: string };
}

/** Opens the report's tracking page with its number and access code. */
export async function track(page: Page, receipt: { tracking_number: string; access_code: string }) {
  await page.goto('/lacak');
  await page.getByLabel('Nomor pelacakan').fill(receipt.tracking_number);
  await page.getByLabel(/^Kode akses/).fill(receipt.access_code);
  await page.getByRole('button', { name: 'Lacak' }).click();
}

export type ReportInput = {
  title: string;
  body: string;
  date?: string;
  province?: string;
  regency?: string;
  district?: string;
  address?: string;
  name?: string;
  phone?: string;
  anonymous?: boolean;
};

export async function next(page: Page) {
  await page.getByRole('button', { name: 'Lanjut' }).click();
}

/** Walks the report form's steps up to the review step (consent ticked), without sending. */
export async function fillReport(page: Page, r: ReportInput) {
  await expect(page.getByRole('heading', { name: 'Isi laporan' })).toBeVisible();
  await page.getByLabel('Judul laporan').fill(r.title);
  await page.getByLabel('Isi laporan', { exact: true }).fill(r.body);
  if (r.date) await page.getByLabel('Tanggal kejadian').fill(r.date);
  await next(page);
  await expect(page.getByRole('heading', { name: 'Lokasi & tujuan' })).toBeVisible();
  await page.getByLabel('Provinsi').selectOption({ label: r.province ?? 'Kalimantan Barat' });
  await page.getByLabel('Kabupaten/kota').selectOption({ label: r.regency ?? 'Kabupaten Sekadau' });
  if (r.district) await page.getByLabel(/^Kecamatan/).selectOption({ label: r.district });
  if (r.address) await page.getByLabel(/^Alamat/).fill(r.address);
  await next(page);
  await expect(page.getByRole('heading', { name: 'Lampiran' })).toBeVisible();
  await next(page);
  await expect(page.getByRole('heading', { name: 'Identitas' })).toBeVisible();
  if (r.anonymous) await page.getByLabel(/^Anonim/).check();
  if (r.name) await page.getByLabel('Nama', { exact: true }).fill(r.name);
  if (r.phone) await page.getByLabel('Nomor HP').fill(r.phone);
  await next(page);
  await expect(page.getByRole('heading', { name: 'Periksa & kirim' })).toBeVisible();
  await page.getByLabel(/Saya menyatakan laporan ini benar/).check();
}

/** How many reports with this title the server holds (asked as the coordinator). */
export async function countOnServer(request: APIRequestContext, title: string): Promise<number> {
  const login = await request.post('/api/v1/auth/login', { data: { username: 'koordinator', password: 'lapor-demo' } });
  expect(login.ok()).toBeTruthy();
  const res = await request.get(`/api/v1/admin/reports?limit=100&q=${encodeURIComponent(title)}`);
  expect(res.ok()).toBeTruthy();
  const page = (await res.json()) as { items: Array<{ title: string }> };
  return page.items.filter((r) => r.title === title).length;
}

/** The admin id of a report found in the signed-in officer's queue by its number or title. */
export async function adminId(request: APIRequestContext, by: { tracking?: string; title?: string }): Promise<number> {
  const q = by.tracking ?? by.title ?? '';
  const res = await request.get(`/api/v1/admin/reports?limit=100&q=${encodeURIComponent(q)}`);
  expect(res.ok(), await res.text()).toBeTruthy();
  const items = ((await res.json()) as { items: Array<{ id: number; title: string; tracking_number: string }> }).items;
  const row = items.find((r) => (by.tracking ? r.tracking_number === by.tracking : r.title === by.title));
  expect(row, `${q} in the queue`).toBeTruthy();
  return row!.id;
}

export const SAMPLE_BODY =
  'Sudah tiga hari lampu penerangan jalan di simpang pasar padam. Malam hari sangat gelap dan rawan kecelakaan serta pencurian.';

/** Fills step 1 (text and date) and step 2 (province and regency), ending on the attachments step. */
export async function fillUpToAttachments(page: Page, title: string, regency = 'Kabupaten Sekadau') {
  await page.getByLabel('Judul laporan').fill(title);
  await page.getByLabel('Isi laporan', { exact: true }).fill(SAMPLE_BODY);
  await page.getByLabel('Tanggal kejadian').fill(yesterday());
  await next(page);
  await page.getByLabel('Provinsi').selectOption({ label: 'Kalimantan Barat' });
  await page.getByLabel('Kabupaten/kota').selectOption({ label: regency });
  await next(page);
  await expect(page.getByRole('heading', { name: 'Lampiran' })).toBeVisible();
}

/** Reads a QR code for real: a screenshot of the element, decoded by jsQR. */
export async function decodeQr(qr: Locator): Promise<string> {
  await expect(qr).toBeVisible();
  const png = PNG.sync.read(await qr.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code, 'a QR code is found in the picture').not.toBeNull();
  return code!.data;
}
