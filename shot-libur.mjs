import { chromium } from 'playwright';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [w, h, name] of [[1280, 800, 'libur'], [360, 740, 'libur-phone']]) {
  const p = await b.newPage({ viewport: { width: w, height: h } });
  await p.goto('http://127.0.0.1:18199/admin/libur');
  await p.getByLabel('Nama pengguna').fill('superadmin');
  await p.getByLabel('Kata sandi').fill('lapor-demo');
  await p.getByRole('button', { name: 'Masuk' }).click();
  await p.getByRole('heading', { name: 'Hari libur dan cuti bersama' }).waitFor();
  await p.getByTestId('holiday-row').first().waitFor();
  await p.screenshot({ path: `/tmp/${name}.png`, fullPage: name === 'libur' });
  await p.close();
}
await b.close();
