import { test, expect, APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { adminId, expectAccessible, SAMPLE_BODY, yesterday } from './helpers';

// The public list (/laporan) and a public report page, on a phone, as a visitor finds them.

/** Submits a report and has the coordinator verify and forward it; returns its tracking number. */
async function publishedReport(request: APIRequestContext, r: { title: string; regency: string; confidential?: boolean; name?: string }) {
  const sent = await request.post('/api/v1/reports', {
    data: {
      kind: 'pengaduan', title: r.title, body: SAMPLE_BODY, incident_date: yesterday(), province_code: '61',
      regency_code: r.regency, anonymous: !r.name, confidential: !!r.confidential,
      reporter_name: r.name ?? '', reporter_phone: r.name ? '0812 3456 7890' : '', idempotency_key: randomUUID(),
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const receipt = await sent.json();
  expect((await request.post('/api/v1/auth/login', { data: { username: 'koordinator', password: 'lapor-demo' } })).ok()).toBeTruthy();
  const id = await adminId(request, { tracking: receipt.tracking_number });
  const agencies = (await (await request.get(`/api/v1/agencies?region=${r.regency}`)).json()) as Array<{ id: number; category_ids: number[] }>;
  const agency = agencies.find((a) => a.category_ids.length > 0)!;
  const done = await request.post(`/api/v1/admin/reports/${id}/actions`, {
    data: { action: 'dispatch', agency_id: agency.id, category_id: agency.category_ids[0] },
  });
  expect(done.ok()).toBeTruthy();
  await request.post('/api/v1/auth/logout');
  return receipt.tracking_number as string;
}

test('a visitor finds a report by a word, filters by regency, opens and shares it; confidential ones never show', async ({ page, request }) => {
  const word = `kalvert${Date.now() % 100000}`;
  const title = `Gorong-gorong ${word} tersumbat di depan pasar`;
  const secret = `Dugaan pungli ${word} di kantor desa`;
  const unverified = `Belum diverifikasi ${word} sama sekali`;
  const number = await publishedReport(request, { title, regency: '61.09', name: 'Yohanes Planted' });
  await publishedReport(request, { title: secret, regency: '61.09', confidential: true });
  // Sent but never verified: not public either.
  await request.post('/api/v1/reports', {
    data: { kind: 'pengaduan', title: unverified, body: SAMPLE_BODY, province_code: '61', regency_code: '61.09', anonymous: true, idempotency_key: randomUUID() },
  });

  await page.goto('/');
  await page.getByRole('link', { name: 'Laporan warga' }).first().click();
  await expect(page.getByRole('heading', { name: 'Laporan warga' })).toBeVisible();
  await expect(page.getByTestId('counts')).toBeVisible();
  await expectAccessible(page, '/laporan');

  await page.getByLabel('Cari laporan').fill(word);
  await page.getByRole('button', { name: 'Cari' }).click();
  const list = page.getByTestId('public-reports');
  await expect(list.getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByText(unverified)).toHaveCount(0);
  await expect(page.getByText('Yohanes Planted')).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`q=${word}`));

  // By regency: Sekadau has it, Sanggau does not; the filter lives in the address.
  await page.getByText('Saring dan urutkan').click();
  await page.getByLabel('Provinsi').selectOption({ label: 'Kalimantan Barat' });
  await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Sekadau' });
  await expect(page).toHaveURL(/regency=61\.09/);
  await expect(list.getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByTestId('counts')).toContainText('1 laporan');
  await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Sanggau' });
  await expect(page).toHaveURL(/regency=61\.03/);
  await expect(page.getByText('Tidak ada laporan yang cocok')).toBeVisible();
  await expectAccessible(page, '/laporan with filters open');

  // A shared link opens the same filtered list.
  await page.goto(`/laporan?q=${word}&province=61&regency=61.09`);
  await expect(list.getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByLabel('Cari laporan')).toHaveValue(word);

  await list.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(`/laporan/${number}`);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.getByText('Didisposisikan').first()).toBeVisible();
  await expect(page.getByText('Kabupaten Sekadau')).toBeVisible();
  await expect(page.getByText('Yohanes Planted')).toHaveCount(0);
  await expectAccessible(page, '/laporan/{nomor}');
});

test('a confidential or unknown number answers like a missing page', async ({ page }) => {
  await page.goto('/laporan/000000000000');
  await expect(page.getByRole('heading', { name: 'Laporan tidak ditemukan' })).toBeVisible();
  await expectAccessible(page, 'missing public report');
});
