import { expect, test } from '@playwright/test';
import { adminId, expectAccessible, signIn, submitReport } from './helpers';

// A regency's own coordinator at 1280×800: the console is the regency's —
// its queue, its reports, its recap — and another regency's report is as
// missing as one that does not exist.
test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test("a regency's coordinator works on the regency's reports only", async ({ page, request }) => {
  const stamp = Date.now();
  const ours = `Lampu jalan padam di Sekadau Hilir ${stamp}`;
  const theirs = `Air PDAM keruh di Kapuas Sanggau ${stamp}`;
  await submitReport(request, ours, '61.09');
  const theirNumber = (await submitReport(request, theirs, '61.03')).tracking_number;
  expect((await request.post('/api/v1/auth/login', { data: { username: 'koordinator', password: 'lapor-demo' } })).ok()).toBeTruthy();
  const theirId = await adminId(request, { tracking: theirNumber });

  await signIn(page, 'koordinator-sekadau');
  await expect(page.getByTestId('who')).toContainText('Kabupaten Sekadau');
  const rows = page.getByTestId('queue-row');
  await expect(rows.first()).toBeVisible();
  // Every row is Sekadau's; the new report is there, Sanggau's is not.
  const regions = await rows.locator('td.region').allTextContents();
  expect(regions.length).toBeGreaterThan(0);
  for (const r of regions) expect(r).toContain('Sekadau');
  await page.getByLabel('Cari nomor pelacakan atau kata').fill(String(stamp));
  await page.getByLabel('Cari nomor pelacakan atau kata').press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(ours);
  await expectAccessible(page, 'the regency coordinator\'s queue');

  // Sanggau's report by its address: not found, nothing of it shown.
  await page.goto(`/admin/laporan/${theirId}`);
  await expect(page.getByRole('alert')).toContainText('Laporan tidak ditemukan');
  await expect(page.getByText(theirs)).toHaveCount(0);

  // The account and the recap name the regency; the recap's region is fixed.
  await page.goto('/admin/akun');
  await expect(page.getByTestId('jurisdiction')).toHaveText('Kabupaten Sekadau');
  await page.goto('/admin/rekap');
  await expect(page.getByTestId('recap-scope')).toContainText('Kabupaten Sekadau');
  await expect(page.getByLabel('Provinsi')).toBeDisabled();
  await expect(page.getByLabel('Provinsi')).toHaveValue('61');
  await expect(page.getByLabel('Kabupaten/kota')).toBeDisabled();
  await expect(page.getByLabel('Kabupaten/kota')).toHaveValue('61.09');
  await expectAccessible(page, 'the regency coordinator\'s recap');
});
