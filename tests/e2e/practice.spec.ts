import { devices, expect, Page, test } from '@playwright/test';
import { decodeQr, expectAccessible, next, SAMPLE_BODY, signIn, yesterday } from './helpers';

// A socialization event: the presenter's laptop (1280×720, projected) and one
// phone in the audience (360×740), both against the real server.
test.use({ viewport: { width: 1280, height: 720 }, isMobile: false, hasTouch: false });

const phone = { ...devices['Pixel 5'], viewport: { width: 360, height: 740 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' };
const shots = process.env.LAPOR_SHOTS; // a folder: screenshots for a closing note

async function shot(page: Page, name: string) {
  if (!shots) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/${name}.png` });
}

test('a practice session: slides by keyboard, join by QR, reports arrive live, one walked to a follow-up, closed', async ({
  browser,
  page,
}) => {
  await signIn(page, 'koordinator');
  await page.goto('/sosialisasi');
  await page.evaluate(() => localStorage.removeItem('lapor.sosialisasi.slide'));
  await page.reload();
  const count = page.getByTestId('slide-count');
  await expect(count).toHaveText(/^1 \/ \d+$/);
  const total = Number((await count.innerText()).split('/')[1]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apa itu LAPOR!?');
  await expectAccessible(page, 'the first slide');
  await shot(page, 'presenter-slide');

  // A clicker sends Page Down / Page Up; the arrows and End work too.
  await page.keyboard.press('ArrowRight');
  await expect(count).toHaveText(`2 / ${total}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apa yang bisa dilaporkan?');
  await page.keyboard.press('PageDown');
  await expect(count).toHaveText(`3 / ${total}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tiga jenis laporan');
  await page.keyboard.press('PageUp');
  await expect(count).toHaveText(`2 / ${total}`);
  await page.keyboard.press('End');
  await expect(count).toHaveText(`${total} / ${total}`);
  await page.keyboard.press('Home');
  await expect(count).toHaveText(`1 / ${total}`);
  // The slide is remembered over a reload (a laptop that went to sleep).
  await page.keyboard.press('ArrowDown');
  await page.reload();
  await expect(count).toHaveText(`2 / ${total}`);

  // The join slide: open a session, then a QR code of the practice form.
  await page.getByRole('button', { name: 'Kode QR' }).click();
  await expect(count).toHaveText(`${total - 1} / ${total}`);
  await expect(page.getByTestId('live-count')).toHaveText('Sesi latihan belum dibuka');
  await page.getByRole('button', { name: 'Buka sesi latihan' }).click();
  await expect(page.getByTestId('live-count')).toHaveText('0 laporan latihan');
  const url = await decodeQr(page.getByTestId('qr'));
  // The session's code: 12 digits grouped for reading aloud, as a tracking number is.
  expect(url).toMatch(/^http:\/\/[^/]+\/latihan\/\d{4}-\d{4}-\d{4}$/);
  const code = url.split('/latihan/')[1];
  // The address in large letters is the same one, and the code beside it.
  await expect(page.getByTestId('join-url')).toHaveText(url.replace('http://', ''));
  await expect(page.locator('.join-code')).toHaveText(code);
  await expect(page.getByText('Sesi berakhir sendiri setelah 2 jam')).toBeVisible();
  // This test server listens on loopback only: the presenter is told how to let phones in.
  await expect(page.getByRole('alert')).toContainText('LAPOR_ADDR=0.0.0.0:8080');
  await expectAccessible(page, 'the join slide');
  await shot(page, 'presenter-join');

  // The audience: a phone opens the decoded address.
  const ctx = await browser.newContext(phone);
  const citizen = await ctx.newPage();
  await citizen.goto(url);
  await expect(citizen.getByRole('heading', { name: 'Latihan membuat laporan' })).toBeVisible();
  const band = citizen.getByTestId('practice-band');
  await expect(band).toContainText('LATIHAN');

  // The guided tour: hints one at a time, skippable, never shown again.
  const tour = citizen.getByTestId('tour');
  await expect(tour).toContainText('Petunjuk 1 dari 4');
  await expectAccessible(citizen, 'the practice form with its tour');
  await shot(citizen, 'phone-practice-form');
  await tour.getByRole('button', { name: 'Berikutnya' }).click();
  await expect(tour).toContainText('Petunjuk 2 dari 4');
  await tour.getByRole('button', { name: 'Lewati petunjuk' }).click();
  await expect(tour).toHaveCount(0);
  await citizen.reload();
  await expect(band).toBeVisible();
  await expect(tour).toHaveCount(0);

  // Every step says it is practice.
  const title = `Latihan: lampu jalan padam di pasar ${Date.now()}`;
  await citizen.getByLabel('Judul laporan').fill(title);
  await citizen.getByLabel('Isi laporan', { exact: true }).fill(SAMPLE_BODY);
  await citizen.getByLabel('Tanggal kejadian').fill(yesterday());
  await next(citizen);
  await expect(citizen.getByRole('heading', { name: 'Lokasi & tujuan' })).toBeVisible();
  await expect(band).toBeVisible();
  await citizen.getByLabel('Provinsi').selectOption({ label: 'Kalimantan Barat' });
  await citizen.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Sekadau' });
  await next(citizen);
  await expect(citizen.getByRole('heading', { name: 'Lampiran' })).toBeVisible();
  await expect(band).toBeVisible();
  await next(citizen);
  await expect(citizen.getByRole('heading', { name: 'Identitas' })).toBeVisible();
  await expect(band).toBeVisible();
  await citizen.getByLabel('Nama', { exact: true }).fill('Peserta Sosialisasi');
  await citizen.getByLabel('Nomor HP').fill('0813-0000-1111');
  await next(citizen);
  await expect(citizen.getByRole('heading', { name: 'Periksa & kirim' })).toBeVisible();
  await expect(band).toBeVisible();
  await citizen.getByLabel(/Saya menyatakan laporan ini benar/).check();
  await citizen.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(citizen.getByTestId('tracking-number')).toHaveText(/^\d{4}-\d{4}-\d{4}$/);
  await expect(band).toBeVisible();
  const number = (await citizen.getByTestId('tracking-number').innerText()).trim();
  await expectAccessible(citizen, 'the practice receipt');
  await shot(citizen, 'phone-practice-receipt');

  // On the presenter's screen within 5 s, without touching it.
  await expect(page.getByTestId('live-count')).toHaveText('1 laporan latihan', { timeout: 5_000 });
  await page.keyboard.press('ArrowRight');
  await expect(count).toHaveText(`${total} / ${total}`);
  await expect(page.getByTestId('live-total')).toHaveText('1');
  const item = page.getByTestId('live-list').getByRole('button', { name: new RegExp(title) });
  await expect(item).toBeVisible();
  await expect(item).toContainText(number);

  // Walk it through: verified and forwarded to the suggested agency, then followed up.
  await item.click();
  const walk = page.getByTestId('walk');
  await walk.getByRole('button', { name: /^Verifikasi dan teruskan ke / }).click();
  await expect(page.getByTestId('live-list')).toContainText('Didisposisikan');
  await expect(walk.getByLabel('Tindak lanjut dari instansi')).not.toBeEmpty();
  await walk.getByRole('button', { name: 'Kirim tindak lanjut' }).click();
  await expect(page.getByTestId('live-list')).toContainText('Ditindaklanjuti');
  await expect(walk).toContainText('Sekarang pelapor dapat membaca tindak lanjut');
  await expectAccessible(page, 'the live slide');
  await shot(page, 'presenter-live');

  // The phone's tracking page shows the journey.
  await citizen.goto(`/lacak?no=${number.replaceAll('-', '')}`);
  await expect(citizen.getByTestId('track-result')).toContainText('Ditindaklanjuti');

  // Closing deletes everything; the phone's form says the session is over.
  await page.getByRole('button', { name: 'Tutup sesi latihan' }).click();
  await page.getByRole('button', { name: 'Ya, tutup dan hapus' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sesi ditutup' })).toContainText('1 laporan latihan');
  await expect(page.getByTestId('live-count')).toHaveText('Sesi latihan belum dibuka');
  await citizen.goto(url);
  await expect(band).toContainText('Sesi latihan ini sudah ditutup atau sudah berakhir');
  await citizen.goto(`/lacak?no=${number.replaceAll('-', '')}`);
  await expect(citizen.getByTestId('track-result')).toHaveCount(0);
  await ctx.close();
});

test('the presenter screen asks a stranger to sign in, and a supervisor cannot open a session', async ({ page }) => {
  await page.goto('/sosialisasi');
  await expect(page.getByRole('heading', { name: 'Masuk admin' })).toBeVisible();
  await expectAccessible(page, 'the presenter sign-in');
  await page.getByLabel('Nama pengguna').fill('pengawas');
  await page.getByLabel('Kata sandi').fill('lapor-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('button', { name: 'Kode QR' }).click();
  await page.getByRole('button', { name: 'Buka sesi latihan' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
});
