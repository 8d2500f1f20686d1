// What each page of the app transfers to load with an empty cache, brotli as
// the server sends it, counted from the build in dist/ (deterministic: no
// browser, no timing). Every file the page links (HTML, CSS, JS, wasm, icon,
// manifest) counts; what the service worker fetches afterwards does not.
//   node scripts/page-sizes.mjs            # table
//   node scripts/page-sizes.mjs --check    # also fails when a page is over its budget,
//                                          # saying what grew since tests/page-sizes.json
//   node scripts/page-sizes.mjs --record   # writes tests/page-sizes.json
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = 'dist';
const recordFile = 'tests/page-sizes.json';
// Budgets in bytes (1 KB = 1000 bytes), from issue 9.
export const PAGES = [
  { page: '/', html: 'index.html', budget: 150_000 },
  { page: '/lapor', html: 'lapor/index.html', budget: 200_000 },
  { page: '/saya', html: 'saya/index.html', budget: 150_000 },
  { page: '/lacak', html: 'lacak/index.html', budget: 150_000 },
  { page: '/laporan', html: 'laporan/index.html', budget: 150_000 },
  { page: '/laporan/{nomor}', html: 'laporan-nomor/index.html', budget: 150_000 },
  { page: '/admin', html: 'admin/index.html', budget: 250_000 },
  { page: '/admin/rekap', html: 'rekap/index.html', budget: 250_000 },
  { page: '/admin/pengguna', html: 'kelola/index.html', budget: 250_000 },
  { page: '/admin/terima', html: 'terima/index.html', budget: 250_000 },
  { page: '/sosialisasi', html: 'sosialisasi/index.html', budget: 250_000 },
];

const served = (file) => (existsSync(file + '.br') ? statSync(file + '.br').size : statSync(file).size);
const kindOf = (url) => (url.endsWith('.wasm') ? 'wasm' : url.endsWith('.js') ? 'js' : url.endsWith('.css') ? 'css' : 'other');

export function pageSizes() {
  return PAGES.map(({ page, html, budget }) => {
    const text = readFileSync(join(dist, html), 'utf8');
    const files = { [page === '/' ? '/' : page]: served(join(dist, html)) };
    const kinds = { html: files[page], css: 0, js: 0, wasm: 0, other: 0 };
    for (const m of text.matchAll(/<link[^>]*>|<script[^>]*>/g)) {
      const tag = m[0];
      if (/rel=["']?apple-touch-icon/.test(tag)) continue; // only fetched when added to a home screen
      const url = /(?:href|src)=["']?(\/[^"' >]+)/.exec(tag)?.[1];
      if (!url || url in files) continue;
      files[url] = served(join(dist, url));
      kinds[kindOf(url)] += files[url];
    }
    const total = Object.values(files).reduce((a, b) => a + b, 0);
    return { page, budget, total, kinds, files };
  });
}

const kb = (n) => (n / 1000).toFixed(1);
const sizes = pageSizes();
console.log('page              total KB  budget   html    css     js    wasm  other');
for (const s of sizes) {
  const k = s.kinds;
  console.log(`${s.page.padEnd(17)} ${kb(s.total).padStart(8)} ${kb(s.budget).padStart(7)} ${[k.html, k.css, k.js, k.wasm, k.other].map((n) => kb(n).padStart(6)).join(' ')}${s.total > s.budget ? '  OVER' : ''}`);
}
if (process.argv.includes('--record')) {
  writeFileSync(recordFile, JSON.stringify(Object.fromEntries(sizes.map((s) => [s.page, s.files])), null, 2) + '\n');
  console.log(`recorded in ${recordFile}`);
}
if (process.argv.includes('--check')) {
  const before = existsSync(recordFile) ? JSON.parse(readFileSync(recordFile, 'utf8')) : {};
  const over = sizes.filter((s) => s.total > s.budget);
  for (const s of over) {
    console.error(`\n${s.page}: ${s.total} bytes, over its budget of ${s.budget} by ${s.total - s.budget}. What grew since ${recordFile}:`);
    const old = before[s.page] ?? {};
    // Hashed names change with content: compare files by name without the hash.
    const plain = (u) => u.replace(/-[0-9a-f]{10,}(?=(_bg)?\.)/, '');
    const oldBy = Object.fromEntries(Object.entries(old).map(([u, n]) => [plain(u), n]));
    for (const [u, n] of Object.entries(s.files)) {
      const was = oldBy[plain(u)] ?? 0;
      if (n !== was) console.error(`  ${plain(u).padEnd(50)} ${String(was).padStart(8)} -> ${String(n).padStart(8)} (${n > was ? '+' : ''}${n - was})`);
    }
  }
  if (over.length) process.exit(1);
  console.log('every page is within its budget');
}
