import { test, expect } from '@playwright/test';

// A phone can add LAPOR! to its home screen and open it full screen, offline.

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('the app is installable: a manifest with icons and theme colour, and Chromium finds nothing missing', async ({ page, request }) => {
  const res = await request.get('/manifest.webmanifest');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/manifest+json');
  const m = await res.json();
  expect(m.short_name).toBe('LAPOR!');
  expect(m.start_url).toBe('/');
  expect(m.display).toBe('standalone');
  expect(m.lang).toBe('id');

  await page.goto('/');
  const themeColour = await page.locator('meta[name="theme-color"]').getAttribute('content');
  expect(m.theme_color).toBe(themeColour);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');

  // Every icon is there, in the size it claims; one may be cut to a circle (maskable).
  for (const icon of m.icons as Array<{ src: string; sizes: string; type: string; purpose: string }>) {
    const r = await request.get(icon.src);
    expect(r.status(), icon.src).toBe(200);
    expect(r.headers()['content-type'], icon.src).toContain(icon.type);
    if (icon.type === 'image/png') {
      const [w, h] = pngSize(await r.body());
      expect(`${w}x${h}`, icon.src).toBe(icon.sizes);
    }
  }
  const sizes = (m.icons as Array<{ sizes: string; type: string; purpose: string }>).filter((i) => i.type === 'image/png');
  expect(sizes.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(sizes.some((i) => i.purpose === 'maskable')).toBeTruthy();

  // Chromium's own verdict, once the service worker controls the page.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // (Test browsers run in an incognito-like profile, which Chromium never installs from; every
  // other reason — no manifest, an icon missing, no service worker — would be listed here.)
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
});

test('offline, the installed app still opens with its manifest and icons', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await context.setOffline(true);
  // Opened from the home screen: the start URL, with no connection.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sampaikan laporan Anda' })).toBeVisible();
  const fromCache = await page.evaluate(async () => {
    const out: Record<string, number> = {};
    for (const u of ['/manifest.webmanifest', '/icon-192.png', '/icon-512.png', '/icon-maskable-512.png']) {
      out[u] = (await fetch(u)).status;
    }
    return out;
  });
  expect(fromCache).toEqual({ '/manifest.webmanifest': 200, '/icon-192.png': 200, '/icon-512.png': 200, '/icon-maskable-512.png': 200 });
  await context.close();
});
