// Which crates the citizen's (or the console's) wasm is made of: function
// body bytes by crate, from the name section of the wasm that cargo builds
// before wasm-bindgen and wasm-opt (target/wasm32-unknown-unknown/release/).
// Sizes are uncompressed and before wasm-opt: read them as shares, not as
// what a phone downloads.
//   node bench/wasm-crates.mjs target/wasm32-unknown-unknown/release/lapor-app.wasm [rows]
// A generic function counts for the crate of the type or trait it is
// instantiated for where the name says (`<leptos::… as tachys::…>` and
// `core::ptr::drop_in_place<tachys::…>` count for leptos and tachys).
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'target/wasm32-unknown-unknown/release/lapor-app.wasm';
const rows = Number(process.argv[3] ?? 20);
const b = readFileSync(file);
let p = 8;
const leb = () => {
  let r = 0, shift = 0, x;
  do { x = b[p++]; r += (x & 0x7f) * 2 ** shift; shift += 7; } while (x & 0x80);
  return r;
};
const skipLimits = () => { const f = leb(); leb(); if (f & 1) leb(); };
let imported = 0;
const bodies = [];
const names = new Map();
while (p < b.length) {
  const id = b[p++];
  const len = leb();
  const end = p + len;
  if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      p += leb(); p += leb();
      const kind = b[p++];
      if (kind === 0) { leb(); imported++; }
      else if (kind === 1) { p++; skipLimits(); }
      else if (kind === 2) skipLimits();
      else if (kind === 3) p += 2;
      else { p++; leb(); }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) { const size = leb(); bodies.push(size); p += size; }
  } else if (id === 0) {
    const nameLen = leb();
    const section = b.subarray(p, p + nameLen).toString();
    p += nameLen;
    if (section === 'name') {
      while (p < end) {
        const sub = b[p++];
        const subLen = leb();
        const subEnd = p + subLen;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) { const idx = leb(); const l = leb(); names.set(idx, b.subarray(p, p + l).toString()); p += l; }
        }
        p = subEnd;
      }
    }
  }
  p = end;
}

/** The crates a v0-mangled Rust symbol (`_R…`) names, in order: each crate
 * root is `C`, an optional disambiguator `s<base62>_`, then `<len><ident>`. */
function v0Crates(sym) {
  const out = [];
  const re = /C(?:s[0-9A-Za-z]*_)?(\d+)/g;
  let m;
  while ((m = re.exec(sym))) {
    const start = m.index + m[0].length;
    const ident = sym.slice(start, start + Number(m[1]));
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(ident) && ident.length === Number(m[1])) out.push(ident);
  }
  return out;
}
const GENERIC = ['core', 'alloc', 'std', 'T', 'F', 'A', 'S', ''];
/** The crate a Rust symbol (legacy `_ZN…` or v0 `_R…` mangling) belongs to. */
function crateOf(sym) {
  if (sym.startsWith('_R')) {
    const crates = v0Crates(sym);
    if (crates.length === 0) return '(other)';
    // core::ptr::drop_in_place<tachys::…>, <T as core::…>: the type the code is for.
    if (GENERIC.includes(crates[0])) return crates.find((c) => !GENERIC.includes(c)) ?? crates[0];
    return crates[0];
  }
  const m = /^_ZN(\d+)/.exec(sym);
  if (!m) return sym.startsWith('__') || /^[a-z_]+$/.test(sym) ? '(runtime, no crate)' : '(other)';
  const first = sym.slice(m[0].length, m[0].length + Number(m[1]));
  const inner = first.startsWith('_$LT$') ? first.slice(5) : first;
  const crate = inner.split(/\.\.|\$/)[0].replace(/^_+/, '');
  if (GENERIC.includes(crate)) {
    const arg = /\$LT\$(?:\$RF\$|_)*([a-z_][a-z0-9_]*)\.\./.exec(sym.slice(m[0].length));
    if (arg && !['core', 'alloc'].includes(arg[1])) return arg[1];
  }
  return crate || '(other)';
}
const byCrate = new Map();
let total = 0;
bodies.forEach((size, i) => {
  const c = crateOf(names.get(imported + i) ?? '');
  byCrate.set(c, (byCrate.get(c) ?? 0) + size);
  total += size;
});
console.log(`${file}: ${bodies.length} functions, ${total} bytes of code (uncompressed, before wasm-opt)`);
console.log(`${'crate'.padEnd(28)} ${'bytes'.padStart(9)} ${'share'.padStart(6)}`);
for (const [c, size] of [...byCrate].sort((a, z) => z[1] - a[1]).slice(0, rows)) {
  console.log(`${c.padEnd(28)} ${String(size).padStart(9)} ${((100 * size) / total).toFixed(1).padStart(5)}%`);
}
