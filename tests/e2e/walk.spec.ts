import { test, expect } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expectAccessible, fillReport, SAMPLE_BODY, signIn, signOut, yesterday } from './helpers';

// The walking skeleton, as its users walk it: a citizen reports on a phone,
// tracks it; the coordinator verifies and forwards it; the agency follows up;
// the citizen sees the follow-up.
test('a report travels from citizen to coordinator to agency and back', async ({ browser }) => {
  const title = `Jalan berlubang di Sekadau Hilir ${Date.now()}`;
  const followUp = 'Tim Dinas PUPR sudah menambal lubang jalan pada hari ini. Terima kasih atas laporannya.';

  // --- Citizen, phone ---
  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto('/lapor');
  await expect(citizen.getByRole('heading', { name: 'Buat laporan' })).toBeVisible();
  await expectAccessible(citizen, '/lapor');

  await fillReport(citizen, {
    title,
    body:
      'Jalan poros di depan SD Negeri 3 berlubang besar sejak dua minggu lalu. Sepeda motor warga sering jatuh saat hujan, ' +
      'sudah dua orang terluka. Mohon segera diperbaiki oleh dinas terkait.',
    date: yesterday(),
    district: 'Sekadau Hilir',
    address: 'Jl. Merdeka Timur, depan SDN 3',
    name: 'Yohanes Sutrisno',
    phone: '0812 5678 9012',
  });
  await expectAccessible(citizen, 'review step');
  await citizen.getByRole('button', { name: 'Kirim laporan' }).click();

  await expect(citizen.getByRole('heading', { name: 'Laporan terkirim' })).toBeVisible();
  const number = (await citizen.getByTestId('tracking-number').innerText()).trim();
  const code = (await citizen.getByTestId('access-code').innerText()).trim();
  expect(number).toMatch(/^\d{4}-\d{4}-\d{4}$/);
  expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await expectAccessible(citizen, 'receipt');

  // The tracking page knows this device's code and shows everything.
  await citizen.getByRole('link', { name: 'Lacak laporan ini' }).click();
  await expect(citizen).toHaveURL(/\/lacak\?no=\d{12}/);
  const result = citizen.getByTestId('track-result');
  await expect(result.getByRole('heading', { name: title })).toBeVisible();
  await expect(result.getByText('Menunggu verifikasi')).toBeVisible();
  await expect(citizen.getByText('Laporan dikirim')).toBeVisible();
  await expectAccessible(citizen, '/lacak with a result');

  // Someone with the number only sees the status, not the report.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto('/lacak');
  await stranger.getByLabel('Nomor pelacakan').fill(number);
  await stranger.getByRole('button', { name: 'Lacak' }).click();
  await expect(stranger.getByTestId('track-result').getByText('Menunggu verifikasi')).toBeVisible();
  await expect(stranger.getByText(title)).toHaveCount(0);
  await stranger.close();

  // --- Coordinator, desktop ---
  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(admin, 'koordinator');
  await expectAccessible(admin, 'admin queue');
  await admin.getByRole('link', { name: title }).click();
  await expect(admin.getByRole('heading', { name: title })).toBeVisible();
  await expect(admin.getByTestId('reporter')).toContainText('Yohanes Sutrisno');
  await expectAccessible(admin, 'admin report');
  await admin.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Infrastruktur jalan' });
  const pupr = admin.getByLabel(/Instansi tujuan/).locator('option', { hasText: 'Dinas Pekerjaan Umum dan Penataan Ruang — Kabupaten Sekadau' });
  await admin.getByLabel(/Instansi tujuan/).selectOption(await pupr.getAttribute('value'));
  await admin.getByRole('button', { name: 'Verifikasi & disposisikan' }).click();
  await expect(admin.locator('.status-line').getByText('Didisposisikan')).toBeVisible();
  await signOut(admin);

  // --- Agency admin (Dinas PUPR Sekadau) ---
  await signIn(admin, 'sekadau-pupr');
  await admin.getByRole('link', { name: title }).click();
  await expect(admin.getByRole('heading', { name: title })).toBeVisible();
  await admin.getByLabel('Tindak lanjut untuk pelapor').fill(followUp);
  await admin.getByRole('button', { name: 'Kirim tindak lanjut' }).click();
  await expect(admin.locator('.status-line').getByText('Ditindaklanjuti')).toBeVisible();
  await signOut(admin);

  // --- Citizen sees the follow-up ---
  await citizen.reload();
  await expect(result.getByText('Ditindaklanjuti')).toBeVisible();
  await expect(citizen.getByText(followUp)).toBeVisible();
  await expect(citizen.getByText('Dinas Pekerjaan Umum dan Penataan Ruang').first()).toBeVisible();
  await expectAccessible(citizen, 'tracking page with the reporter\'s choices');

  // Not satisfied: the citizen reopens it, back to the same agency.
  await citizen.getByRole('button', { name: 'Buka kembali laporan' }).click();
  await expect(citizen.locator('#err-reason')).toHaveText('Wajib diisi.');
  await citizen.getByLabel('Belum puas? Jelaskan alasannya').fill('Lubang di sisi kanan jalan belum ditambal.');
  await citizen.getByRole('button', { name: 'Buka kembali laporan' }).click();
  await expect(result.getByText('Didisposisikan')).toBeVisible();
  await expect(citizen.getByText('Lubang di sisi kanan jalan belum ditambal.')).toBeVisible();

  // The agency answers again; this time the citizen accepts.
  await signIn(admin, 'sekadau-pupr');
  await admin.getByRole('link', { name: title }).click();
  await admin.getByLabel('Tindak lanjut untuk pelapor').fill('Sisi kanan jalan sudah ditambal hari ini.');
  await admin.getByRole('button', { name: 'Kirim tindak lanjut' }).click();
  await expect(admin.locator('.status-line').getByText('Ditindaklanjuti')).toBeVisible();
  await signOut(admin);
  await citizen.reload();
  await expect(citizen.getByText('Sisi kanan jalan sudah ditambal hari ini.')).toBeVisible();
  await citizen.getByLabel('5 — Sangat puas').check();
  await citizen.getByRole('button', { name: 'Terima tindak lanjut & kirim penilaian' }).click();
  await expect(result.getByText('Selesai')).toBeVisible();
  await expect(citizen.getByRole('button', { name: 'Buka kembali laporan' })).toHaveCount(0);
});

test('the coordinator asks for more and the reporter answers from the tracking page', async ({ browser, request }) => {
  const title = `Bantuan sosial tidak sampai ke RT 05 ${Date.now()}`;
  const sent = await request.post('/api/v1/reports', {
    data: {
      kind: 'pengaduan', title, body: SAMPLE_BODY, incident_date: yesterday(), province_code: '61', regency_code: '61.03',
      reporter_name: 'Maria Goreti', reporter_phone: '0812 7777 8888', idempotency_key: randomUUID(),
    },
  });
  expect(sent.status()).toBe(201);
  const receipt = await sent.json();

  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(admin, 'koordinator');
  await admin.getByRole('link', { name: title }).click();
  await admin.locator('summary', { hasText: 'Minta dilengkapi' }).click();
  await admin.getByLabel('Pesan untuk pelapor').fill('Mohon sebutkan nama penerima bantuan dan bulan yang tidak diterima.');
  await admin.getByRole('button', { name: 'Minta dilengkapi' }).click();
  await expect(admin.locator('.status-line').getByText('Perlu dilengkapi')).toBeVisible();

  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto('/lacak');
  await citizen.getByLabel('Nomor pelacakan').fill(receipt.tracking_number);
  await citizen.getByLabel(/^Kode akses/).fill(receipt.access_code);
  await citizen.getByRole('button', { name: 'Lacak' }).click();
  await expect(citizen.getByText('Mohon sebutkan nama penerima bantuan')).toBeVisible();
  await citizen.getByLabel('Informasi tambahan').fill('Penerima: Ibu Veronika, bantuan bulan September dan Oktober belum diterima.');
  await citizen.getByRole('button', { name: 'Kirim informasi tambahan' }).click();
  await expect(citizen.getByTestId('track-result').getByText('Menunggu verifikasi')).toBeVisible();
  await expect(citizen.getByText('Admin koordinator wajib memverifikasi paling lambat')).toBeVisible();

  // Back in the coordinator's queue, with the answer on the timeline.
  await admin.reload();
  await expect(admin.locator('.status-line').getByText('Menunggu verifikasi')).toBeVisible();
  await expect(admin.getByText('Penerima: Ibu Veronika')).toBeVisible();
});

test('the home page and the admin sign-in are accessible', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sampaikan laporan Anda' })).toBeVisible();
  await expectAccessible(page, '/');
  // The console is a separate app (the phone never downloads it); the footer leads there and back.
  await page.getByRole('link', { name: 'Masuk petugas (admin)' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'Masuk admin' })).toBeVisible();
  await expectAccessible(page, '/admin sign-in');
  await page.getByLabel('Nama pengguna').fill('koordinator');
  await page.getByLabel('Kata sandi').fill('salah-sandi');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toContainText('salah');
  // The console's header is the officers' own: none of the citizen's links.
  await expect(page.getByRole('banner').getByRole('link', { name: 'Buat laporan' })).toHaveCount(0);
  await page.goto('/lapor');
  await expect(page.getByRole('heading', { name: 'Buat laporan' })).toBeVisible();
});
