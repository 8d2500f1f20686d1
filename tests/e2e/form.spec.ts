import { test, expect } from '@playwright/test';
import { expectAccessible } from './helpers';

test('bad input gets a message on its field and loses nothing', async ({ page }) => {
  await page.goto('/lapor');
  await page.getByLabel('Judul laporan').fill('Air mati');
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  // Messages sit on their fields, in Indonesian; the first bad field has focus.
  await expect(page.locator('#err-title')).toHaveText('Terlalu pendek: paling sedikit 10 karakter.');
  await expect(page.locator('#err-body')).toHaveText('Wajib diisi.');
  await expect(page.locator('#err-incident_date')).toHaveText('Wajib diisi.');
  await expect(page.locator('#err-regency_code')).toHaveText('Wajib diisi.');
  await expect(page.locator('#err-reporter_phone')).toContainText('Isi nomor HP atau e-mail');
  await expect(page.getByLabel('Judul laporan')).toBeFocused();
  await expect(page.getByLabel('Judul laporan')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Judul laporan')).toHaveValue('Air mati');
  await expectAccessible(page, '/lapor with errors');

  // A date in the future is refused.
  await page.getByLabel('Tanggal kejadian').fill('2099-01-01');
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.locator('#err-incident_date')).toHaveText('Tanggal kejadian tidak boleh di masa depan.');
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
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.locator('#err-body')).toHaveText('Required.');
});
