import { expect, test } from '@playwright/test';
import { expectAccessible, signIn, submitReport, track } from './helpers';

// A superadmin at 1280×800 manages the holiday calendar in /admin/libur: a
// day added inside an open report's span moves the deadline the reporter
// sees one working day later, removing it brings it back, and a year's list
// can be pasted at once.
test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test("a holiday added moves an open report's deadline on the reporter's page, and removing it moves it back", async ({ page, browser, request }) => {
  const receipt = await submitReport(request, `Jembatan gantung putus di Nanga Mahap ${Date.now()}`);
  const due = receipt.due_date;
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await track(phone, receipt);
  await expect(phone.getByTestId('deadline').locator('time')).toHaveAttribute('datetime', due);

  await signIn(page, 'superadmin');
  await page.getByRole('link', { name: 'Libur', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hari libur dan cuti bersama' })).toBeVisible();
  await expect(page.getByTestId('holiday-row').first()).toBeVisible();
  await expectAccessible(page, 'the holidays page');

  // What is wrong is said, and nothing is sent.
  await page.getByLabel('Tanggal', { exact: true }).fill(due);
  await page.getByRole('button', { name: 'Tambah', exact: true }).click();
  await expect(page.locator('#h-error')).toHaveText('Wajib diisi.');
  await page.getByLabel('Tanggal', { exact: true }).fill('2020-01-06');
  await page.getByLabel('Nama', { exact: true }).fill('Sudah lewat');
  await page.getByRole('button', { name: 'Tambah', exact: true }).click();
  await expect(page.locator('#h-error')).toHaveText('Pilih tanggal sesudah hari ini.');

  // The report's deadline itself becomes collective leave.
  await page.getByLabel('Tanggal', { exact: true }).fill(due);
  await page.getByLabel('Nama', { exact: true }).fill('Cuti bersama uji');
  await page.getByLabel('Jenis', { exact: true }).selectOption('cuti_bersama');
  await page.getByRole('button', { name: 'Tambah', exact: true }).click();
  await expect(page.getByTestId('holiday-done')).toHaveText(/ditambahkan: [1-9]\d* tenggat laporan terbuka mundur satu hari kerja/);
  const row = page.getByTestId('holiday-row').filter({ has: page.getByLabel(`Nama ${due}`) });
  await expect(row.getByLabel(`Nama ${due}`)).toHaveValue('Cuti bersama uji');
  await expect(row.getByLabel(`Jenis ${due}`)).toHaveValue('cuti_bersama');

  await phone.reload();
  await track(phone, receipt);
  const later = await phone.getByTestId('deadline').locator('time').getAttribute('datetime');
  expect(later! > due, `${later} after ${due}`).toBe(true);

  // A year's list pasted: the good lines are added, the bad one stays with why.
  const year = Number(due.slice(0, 4)) + 2;
  await page.getByText('Tempel daftar satu tahun').click();
  await page.getByLabel(/^Satu hari per baris/).fill(`${year}-03-10, Hari Suci Nyepi uji\n${year}-03-13; Cuti bersama Nyepi uji\nbesok, Libur tak bertanggal`);
  await page.getByRole('button', { name: 'Tambahkan semua' }).click();
  await expect(page.getByTestId('holiday-done')).toHaveText(/^2 dari 3 hari ditambahkan/);
  await expect(page.getByLabel(/^Satu hari per baris/)).toHaveValue('besok, Libur tak bertanggal');
  await expect(page.getByText('besok, Libur tak bertanggal — Tanggal tidak valid.')).toBeVisible();
  await expect(page.getByLabel('Tahun')).toHaveValue(String(year));
  await expect(page.getByLabel(`Jenis ${year}-03-13`)).toHaveValue('cuti_bersama');
  await expect(page.getByLabel(`Jenis ${year}-03-10`)).toHaveValue('libur_nasional');
  await expectAccessible(page, 'the holidays page after a paste');

  // Removed again: the reporter's deadline is back where it was.
  await page.getByLabel('Tahun').selectOption(due.slice(0, 4));
  await page.getByRole('button', { name: `Hapus ${due}` }).click();
  await expect(page.getByTestId('holiday-done')).toHaveText(/dihapus: [1-9]\d* tenggat laporan terbuka maju satu hari kerja/);
  await expect(page.getByLabel(`Nama ${due}`)).toHaveCount(0);
  await phone.reload();
  await track(phone, receipt);
  await expect(phone.getByTestId('deadline').locator('time')).toHaveAttribute('datetime', due);
});
