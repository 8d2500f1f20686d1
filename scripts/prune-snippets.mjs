// wasm-bindgen writes every JS snippet of the crate beside each area's app,
// and Trunk preloads them all, though an area's JS imports only the ones its
// wasm calls (the start page and the public pages import none). Drops the
// preloads and files nobody imports, so a phone does not fetch them.
//   node scripts/prune-snippets.mjs dist/index.html dist/lapor/index.html …
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

for (const page of process.argv.slice(2)) {
  const dir = dirname(page);
  let html = readFileSync(page, 'utf8');
  // The app's JS: the module the boot script imports, preloaded by the page.
  const app = readdirSync(dir).find((f) => /^lapor-[a-z-]+-[0-9a-f]+\.js$/.test(f));
  if (!app) continue;
  const imported = new Set([...readFileSync(join(dir, app), 'utf8').matchAll(/from '\.\/(snippets\/[^']+)'/g)].map((m) => m[1]));
  let pruned = 0;
  html = html.replace(/<link[^>]*href=["']?([^"' >]*\/(snippets\/[^"' >]+))["']?[^>]*>/g, (tag, _url, rel) => {
    if (imported.has(rel)) return tag;
    rmSync(join(dir, rel), { force: true });
    pruned += 1;
    return '';
  });
  writeFileSync(page, html);
  if (pruned) console.log(`[build] ${page}: ${pruned} snippet(s) its app does not import left out`);
}
