import { expect, test } from '@playwright/test';
import { expectAccessible, fillUpToAttachments, signIn } from './helpers';

// A superadmin at 1280×800 adds a category, renames it and retires it in
// /admin/kategori; the citizen's form offers it, then no longer does.
test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test('a superadmin adds, renames and retires a category; the form stops offering it', async ({ page, browser }) => {
  const name = `Transportasi ${Date.now()}`;
  await signIn(page, 'superadmin');
  await page.getByRole('link', { name: 'Kategori', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kategori pengaduan' })).toBeVisible();
  await page.getByRole('button', { name: 'Tambah' }).click();
  await expect(page.locator('#c-error')).toHaveText('Wajib diisi.');
  await page.getByLabel('Kategori baru').fill(name);
  await page.getByRole('button', { name: 'Tambah' }).click();
  const row = page.getByTestId('category-row').filter({ has: page.getByLabel(`Nama kategori ${name}`) });
  await expect(row).toContainText('Dipakai');
  await expectAccessible(page, 'the categories page');

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const citizen = await phone.newPage();
  await citizen.goto('/lapor');
  await fillUpToAttachments(citizen, 'Bus sekolah tidak datang sejak Senin');
  await citizen.getByRole('button', { name: 'Kembali' }).click();
  await expect(citizen.getByLabel(/^Kategori/).locator('option', { hasText: name })).toHaveCount(1);

  const renamed = `${name} dan angkutan`;
  await row.getByLabel(`Nama kategori ${name}`).fill(renamed);
  await row.getByRole('button', { name: `Simpan nama ${name}` }).click();
  const again = page.getByTestId('category-row').filter({ has: page.getByLabel(`Nama kategori ${renamed}`) });
  await again.getByRole('button', { name: `Pensiunkan ${renamed}` }).click();
  await expect(again).toContainText('Dipensiunkan');

  // The form's lists come from the service worker's copy at once and are
  // refreshed behind it: a reload or two later the retired one is gone.
  await expect(async () => {
    await citizen.reload();
    await expect(citizen.getByLabel(/^Kategori/)).toBeVisible({ timeout: 2000 });
    await expect(citizen.getByLabel(/^Kategori/).locator('option', { hasText: name })).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await phone.close();
});
