import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

// A superadmin at 1280×800 makes an agency admin in /admin/pengguna; the new
// officer signs in on another browser with the temporary password, is held
// to changing it, and then has the console; deactivated, the open session ends.
test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test('a superadmin creates an account; its temporary password must be changed; deactivating it ends its session', async ({ page, browser }) => {
  const username = `operator-${Date.now()}`;
  await signIn(page, 'superadmin');
  await page.getByRole('link', { name: 'Pengguna', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/pengguna$/);
  await expect(page.getByRole('heading', { name: 'Pengguna', exact: true })).toBeVisible();
  await expect(page.getByTestId('user-row').filter({ hasText: 'sekadau-pupr' })).toBeVisible();

  await page.getByRole('button', { name: 'Akun baru' }).click();
  const form = page.getByTestId('account-form');
  // Nothing filled in: said under the fields, nothing sent.
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(form.locator('#u-username-error')).toHaveText('Wajib diisi.');
  await form.getByLabel('Nama pengguna').fill(username);
  await form.getByLabel('Nama lengkap dan jabatan').fill('Operator Dinas PUPR Sekadau');
  await form.getByLabel('Peran', { exact: true }).selectOption('agency_admin');
  await form.getByLabel('Instansi', { exact: true }).selectOption({ label: 'Dinas Pekerjaan Umum dan Penataan Ruang (Kabupaten Sekadau)' });
  await expectAccessible(page, 'the new-account form');
  await form.getByRole('button', { name: 'Simpan' }).click();
  const temp = (await page.getByTestId('temp-password').textContent())!.trim();
  expect(temp).toMatch(/^[a-z2-9]{12}$/);
  const row = page.getByTestId('user-row').filter({ hasText: username });
  await expect(row).toContainText('Sandi sementara');

  // The new officer, on another browser.
  const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const officer = await other.newPage();
  await officer.goto('/admin');
  await officer.getByLabel('Nama pengguna').fill(username);
  await officer.getByLabel('Kata sandi').fill(temp);
  await officer.getByRole('button', { name: 'Masuk' }).click();
  await expect(officer.getByRole('alert')).toContainText('kata sandi sementara');
  await officer.getByRole('link', { name: 'Ganti kata sandi' }).click();
  await officer.getByLabel('Kata sandi sementara').fill(temp);
  await officer.getByLabel('Kata sandi baru (paling sedikit 10 karakter)').fill('sandi-operator-baru');
  await officer.getByLabel('Ulangi kata sandi baru').fill('sandi-operator-baru');
  await officer.getByRole('button', { name: 'Ganti kata sandi' }).click();
  await expect(officer.getByRole('status').filter({ hasText: 'Kata sandi diganti' })).toBeVisible();
  await officer.getByRole('link', { name: 'Antrean' }).click();
  await expect(officer.getByRole('heading', { name: 'Antrean laporan' })).toBeVisible();

  // Deactivated by the superadmin: the officer's next request signs it out.
  await row.getByRole('button', { name: `Ubah ${username}` }).click();
  await form.getByLabel(/^Aktif/).uncheck();
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(row).toContainText('Nonaktif');
  await officer.reload();
  await expect(officer.getByRole('heading', { name: 'Masuk admin' })).toBeVisible();
  await officer.getByLabel('Nama pengguna').fill(username);
  await officer.getByLabel('Kata sandi').fill('sandi-operator-baru');
  await officer.getByRole('button', { name: 'Masuk' }).click();
  await expect(officer.getByRole('alert')).toContainText('dinonaktifkan');
  await other.close();
  await expectAccessible(page, 'the accounts page');
});
