import { expect, test, type Browser, type Page } from '@playwright/test';
import { adminId, expectAccessible, signIn, submitReport, track } from './helpers';

// A superadmin at 1280×800 sets up a new agency in /admin/instansi with its
// team — a liaison and an operator — and the liaison's approval of the
// operators' follow-ups; the operator drafts a follow-up, the liaison edits
// and approves it, and only then does the reporter see it.
test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

/** Adds a team member in the open team panel; their temporary password. */
async function addMember(page: Page, username: string, name: string, role: 'liaison' | 'operator'): Promise<string> {
  const team = page.getByTestId('team');
  await team.getByRole('button', { name: 'Tambah anggota tim' }).click();
  const form = team.getByTestId('account-form');
  await form.getByLabel('Nama pengguna').fill(username);
  await form.getByLabel('Nama lengkap dan jabatan').fill(name);
  await form.getByLabel('Peran di tim instansi').selectOption(role);
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(team.getByTestId('team-member').filter({ hasText: username })).toBeVisible();
  return (await team.getByTestId('temp-password').textContent())!.trim();
}

/** A new officer's first sign-in: the temporary password changed, then the report. */
async function firstSignIn(browser: Browser, username: string, temp: string, reportId: number): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto('/admin/akun');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(temp);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByLabel('Kata sandi sementara').fill(temp);
  await page.getByLabel('Kata sandi baru (paling sedikit 10 karakter)').fill(`sandi-${username}`);
  await page.getByLabel('Ulangi kata sandi baru').fill(`sandi-${username}`);
  await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kata sandi diganti' })).toBeVisible();
  await page.goto(`/admin/laporan/${reportId}`);
  return page;
}

test('a new agency with a liaison and an operator: the operator drafts, the liaison approves, the reporter sees it', async ({ page, browser, request }) => {
  const stamp = Date.now();
  const agency = `Dinas Perhubungan Sekadau ${stamp}`;
  await signIn(page, 'superadmin');
  await page.getByRole('link', { name: 'Instansi', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Instansi', exact: true })).toBeVisible();
  await expect(page.getByTestId('agency-row').first()).toBeVisible();
  await page.getByRole('button', { name: 'Instansi baru' }).click();
  const form = page.getByTestId('agency-form');
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(form.locator('#a-name-error')).toHaveText('Wajib diisi.');
  await form.getByLabel('Nama instansi').fill(agency);
  await form.getByLabel('Tingkat', { exact: true }).selectOption('kabupaten');
  // The region is picked from the official lists, as deep as the level.
  await expect(form.getByLabel('Kecamatan')).toHaveCount(0);
  await form.getByLabel('Provinsi').selectOption({ label: 'Kalimantan Barat' });
  await form.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Sekadau' });
  await form.getByLabel('Infrastruktur jalan').check();
  await form.getByLabel(/^Tindak lanjut operator disetujui penghubung/).check();
  await expectAccessible(page, 'the new-agency form');
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('agency-row').filter({ hasText: agency })).toContainText('Draf disetujui penghubung');

  const liaisonTemp = await addMember(page, `penghubung-${stamp}`, 'Kepala Seksi Dishub Sekadau', 'liaison');
  const operatorTemp = await addMember(page, `operator-${stamp}`, 'Operator Dishub Sekadau', 'operator');
  await expect(page.getByTestId('team').getByTestId('team-member')).toHaveCount(2);
  await expect(page.getByTestId('agency-row').filter({ hasText: agency })).toContainText('2 orang (1 penghubung)');
  await expectAccessible(page, 'the agencies page with a team');

  // A citizen's report, forwarded to the new agency by the coordinator.
  const receipt = await submitReport(request, `Rambu dilarang parkir hilang di Jalan Merdeka ${stamp}`);
  expect((await request.post('/api/v1/auth/login', { data: { username: 'koordinator', password: 'lapor-demo' } })).ok()).toBeTruthy();
  const id = await adminId(request, { tracking: receipt.tracking_number });
  const agencies = (await (await request.get('/api/v1/agencies')).json()) as Array<{ id: number; name: string }>;
  const agencyId = agencies.find((a) => a.name === agency)!.id;
  const dispatched = await request.post(`/api/v1/admin/reports/${id}/actions`, { data: { action: 'dispatch', agency_id: agencyId, category_id: 8 } });
  expect(dispatched.status(), await dispatched.text()).toBe(200);

  // The operator's follow-up is a draft for the liaison.
  const operator = await firstSignIn(browser, `operator-${stamp}`, operatorTemp, id);
  await expect(operator.getByLabel(/^Draf tindak lanjut untuk pelapor/)).toBeVisible();
  await expect(operator.locator('#respond-files')).toHaveCount(0);
  await operator.getByLabel(/^Draf tindak lanjut untuk pelapor/).fill('Rambu sudah dipasang kembali.');
  await operator.getByRole('button', { name: 'Kirim draf ke penghubung' }).click();
  await expect(operator.getByTestId('draft').first()).toContainText('Menunggu persetujuan penghubung');
  await expect(operator.locator('.status-line')).not.toContainText('Ditindaklanjuti');
  await track(page, receipt);
  await expect(page.getByText('Rambu sudah dipasang kembali.')).toHaveCount(0);

  // The liaison edits it and sends it.
  const liaison = await firstSignIn(browser, `penghubung-${stamp}`, liaisonTemp, id);
  const text = liaison.getByLabel(/^Tindak lanjut untuk pelapor \(dari draf operator/);
  await expect(text).toHaveValue('Rambu sudah dipasang kembali.');
  await expectAccessible(liaison, 'the report with a draft to approve');
  const sent = 'Rambu dilarang parkir di Jalan Merdeka sudah dipasang kembali oleh Dinas Perhubungan.';
  await text.fill(sent);
  await liaison.getByRole('button', { name: 'Setujui dan kirim ke pelapor' }).click();
  await expect(liaison.locator('.status-line').getByText('Ditindaklanjuti')).toBeVisible();

  await track(page, receipt);
  await expect(page.getByText(sent)).toBeVisible();
  await expect(page.getByText('Rambu sudah dipasang kembali.')).toHaveCount(0);
});
