import { Browser, chromium, expect, Page, test } from '@playwright/test';
import { fillReport, fillUpToAttachments, next, SAMPLE_BODY, signIn, yesterday } from './helpers';
import { cameraJpeg } from './photos';

// The browser side of the security review: the strict Content-Security-Policy
// breaks no page, and the form works from a plain-http LAN address (how a
// socialization event runs), where `crypto.randomUUID` does not exist.

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) seen.push(m.text());
  });
  return seen;
}

test('no page of either app breaks the Content-Security-Policy', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = await watchCsp(page);

  const home = await page.goto('/');
  const csp = home!.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  await expect(page.getByRole('link', { name: /Buat laporan/ }).first()).toBeVisible();

  // The form, a photo shrunk on a canvas and shown from a blob: URL, and sending.
  await page.goto('/lapor');
  const title = `Lampu jalan padam di pasar ${Date.now()}`;
  await fillUpToAttachments(page, title);
  const photo = await cameraJpeg(page, 1200, 900);
  await page.locator('#files').setInputFiles({ name: 'lampu.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.locator('.file-item', { hasText: 'lampu.jpg' })).toBeVisible();
  await next(page);
  await page.getByLabel('Nama', { exact: true }).fill('Maria Goreti');
  await page.getByLabel('Nomor HP').fill('0812 3333 4444');
  await next(page);
  await page.getByLabel(/Saya menyatakan laporan ini benar/).check();
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.getByRole('heading', { name: 'Laporan terkirim' })).toBeVisible({ timeout: 30_000 });

  // Tracking with number and code shows the report and its photo.
  await page.getByRole('link', { name: 'Lacak laporan ini' }).click();
  await expect(page.getByTestId('track-result').getByRole('heading', { name: title })).toBeVisible();
  await page.goto('/saya');
  await expect(page.getByText(title)).toBeVisible();

  // The officers' console: sign in, the queue, a report with its photo.
  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const adminViolations = await watchCsp(admin);
  const consoleAnswer = await admin.goto('/admin');
  expect(consoleAnswer!.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await signIn(admin, 'koordinator');
  await admin.getByRole('link', { name: title }).click();
  await expect(admin.getByRole('heading', { name: title })).toBeVisible();

  expect(violations, 'CSP violations in the citizen app').toEqual([]);
  expect(adminViolations, 'CSP violations in the officers console').toEqual([]);
});

const port = process.env.LAPOR_E2E_PORT ?? '18080';

/** A browser that reaches the test server under a LAN-style name over plain http (not a secure context). */
async function lanBrowser(): Promise<Browser> {
  const launch = test.info().project.use.launchOptions ?? {};
  return chromium.launch({
    ...launch,
    // Only the name is made up: the traffic goes to this machine's loopback test server.
    args: [...(launch.args ?? []), '--host-resolver-rules=MAP lapor-aula.lan 127.0.0.1'],
  });
}

test('from a plain-http LAN address the form still sends a report', async () => {
  const browser = await lanBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://lapor-aula.lan:${port}/lapor`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    expect(await page.evaluate(() => typeof crypto.randomUUID)).toBe('undefined');

    const title = `Sosialisasi di aula kecamatan ${Date.now()}`;
    await fillReport(page, {
      title,
      body: SAMPLE_BODY,
      date: yesterday(),
      name: 'Peserta Sosialisasi',
      phone: '0812 7777 8888',
    });
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await expect(page.getByRole('heading', { name: 'Laporan terkirim' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('tracking-number')).toHaveText(/^\d{4}-\d{4}-\d{4}$/);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});

// The second security review, hole 6: ten wrong guesses from anywhere locked
// a user name for everyone. The officer's own browser, where it signed in
// before, still signs in; a stranger's browser with the right password does not.
test('a name a stranger locked still signs in from the browser its officer used before', async ({ browser, request }) => {
  const own = await browser.newContext({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });
  const page = await own.newPage();
  await signIn(page, 'koordinator-sanggau');
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk admin' })).toBeVisible();

  // A stranger guesses from elsewhere until the name is locked.
  for (let i = 0; i < 10; i++) {
    const r = await request.post('/api/v1/auth/login', { data: { username: 'koordinator-sanggau', password: `tebakan-${i}` } });
    expect(r.status()).toBe(401);
  }
  const locked = await request.post('/api/v1/auth/login', { data: { username: 'koordinator-sanggau', password: 'lapor-demo' } });
  expect(locked.status()).toBe(429);

  // The officer's browser: signed in as usual.
  await signIn(page, 'koordinator-sanggau');
  await expect(page.getByText('Kabupaten Sanggau').first()).toBeVisible();

  // Another browser with the right password: told the name is locked, in Indonesian.
  const stranger = await browser.newContext({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });
  const other = await stranger.newPage();
  await other.goto('/admin');
  await other.getByLabel('Nama pengguna').fill('koordinator-sanggau');
  await other.getByLabel('Kata sandi').fill('lapor-demo');
  await other.getByRole('button', { name: 'Masuk' }).click();
  await expect(other.getByRole('alert')).toContainText('Terlalu banyak percobaan masuk');
  await own.close();
  await stranger.close();
});

// Hole 4: the third wrong old password ends the session; the sign-in form says why.
test('three wrong old passwords end the session, and the sign-in form says so', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 768, height: 800 }, isMobile: false, hasTouch: false });
  const page = await ctx.newPage();
  await signIn(page, 'pengawas');
  await page.goto('/admin/akun');
  await page.getByLabel(/^Kata sandi baru /).fill('sandi-baru-yang-panjang');
  await page.getByLabel('Ulangi kata sandi baru').fill('sandi-baru-yang-panjang');
  for (const guess of ['tebakan-satu', 'tebakan-dua']) {
    await page.getByLabel('Kata sandi lama').fill(guess);
    await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await expect(page.getByText('Kata sandi lama salah.')).toBeVisible();
  }
  await page.getByLabel('Kata sandi lama').fill('tebakan-tiga');
  await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk admin' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('Kata sandi lama salah 3 kali: sesi ini diakhiri. Silakan masuk kembali.');
  // Signing in again works, and the message is gone.
  await signIn(page, 'pengawas');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await ctx.close();
});
