// Measures what a typical phone photo costs to upload before and after the
// app downscales it in the browser (canvas, about 1600 px, JPEG).
//   node bench/photo.mjs http://127.0.0.1:18090
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:18090';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--disable-quic', '--no-first-run'],
});
const page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' })).newPage();
await page.goto(base + '/lapor');

for (const [w, h] of [[4000, 3000], [3264, 2448], [1280, 960]]) {
  // A noisy gradient compresses like a real photo; quality 0.92 as phone cameras use.
  const b64 = await page.evaluate(([w, h]) => {
    const c = document.createElement('canvas'); c.width = w; c.height = h;
    const ctx = c.getContext('2d');
    const g = ctx.createLinearGradient(0, 0, w, h); g.addColorStop(0, '#3d6b2f'); g.addColorStop(1, '#a08058');
    ctx.fillStyle = g; ctx.fillRect(0, 0, w, h);
    const img = ctx.getImageData(0, 0, w, h); let s = 11;
    for (let i = 0; i < img.data.length; i += 4) { s = (s * 1103515245 + 12345) & 0x7fffffff; const n = (s % 50) - 25; img.data[i] += n; img.data[i+1] += n; img.data[i+2] += n; }
    ctx.putImageData(img, 0, 0);
    return c.toDataURL('image/jpeg', 0.92).split(',')[1];
  }, [w, h]);
  const buffer = Buffer.from(b64, 'base64');
  await page.evaluate(() => localStorage.clear());
  await page.goto(base + '/lapor');
  await page.evaluate(() => localStorage.setItem('lapor.draft', JSON.stringify({ step: 2 })));
  await page.reload();
  const t0 = Date.now();
  await page.locator('#files').setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer });
  await page.locator('.file-item').first().waitFor();
  const ms = Date.now() - t0;
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem('lapor.draft')));
  const f = draft.files[0];
  console.log(JSON.stringify({ photo: `${w}x${h}`, camera_bytes: f.original_size, sent_bytes: f.size,
    ratio: +(f.original_size / f.size).toFixed(1), downscale_ms: ms }));
  await page.getByRole('button', { name: 'Hapus' }).click();
}
await browser.close();
