// Moves the inline boot script Trunk writes into each built page into a file
// of its own, so the Content-Security-Policy can forbid inline scripts
// (script-src 'self'; Trunk has no option for this: its issue #288).
//   node scripts/extern-boot.mjs dist/index.html dist/admin/index.html
// Each `<script type="module">…</script>` with a body becomes
// `boot-<hash>.js` beside the page (the hash of its content, so it is cached
// like Trunk's other hashed files) and a `<script type="module" src>`; the
// build-time `nonce` attributes Trunk adds are dropped (a fixed nonce is no
// protection, and the policy does not use nonces).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Trunk's minifier may drop the quotes around attribute values.
const INLINE = /<script type=(?:"module"|module)(?: nonce=(?:"[^"]*"|[^ >]+))?>([\s\S]*?)<\/script>/g;

for (const page of process.argv.slice(2)) {
  let html = readFileSync(page, 'utf8');
  let moved = 0;
  html = html.replace(INLINE, (_, body) => {
    // The boot script imports the app's JS by absolute path: the boot file
    // goes to the same public directory (`/` or `/admin/`).
    const imported = body.match(/from\s*'(\/[^']*\/)?[^'/]+\.js'/);
    const base = imported?.[1] ?? '/';
    const name = `boot-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
    writeFileSync(join(dirname(page), name), body.trim() + '\n');
    moved += 1;
    return `<script type="module" src="${base}${name}"></script>`;
  });
  html = html.replace(/ nonce=(?:"[^"]*"|[^ >]+)/g, '');
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
    console.error(`${page}: an inline script is left; the CSP would block it`);
    process.exit(1);
  }
  writeFileSync(page, html);
  console.log(`[build] ${page}: ${moved} inline boot script(s) moved to files`);
}
