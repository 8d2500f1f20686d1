// LAPOR! service worker: every area of the citizen app opens with no connection.
// - a page: network first, its area's cached page when offline;
// - hashed app files (wasm, js, css): cache first (their names change with their content);
// - region, category and agency lists: cached copy at once, refreshed in the background;
// - every other API call (reports, tracking, admin): network only, never cached.
// v2: the page's boot script and service-worker registration are files now (CSP).
// v3: the web app manifest and its icons are part of the shell (installable).
// v4: one page and wasm per area; installing caches every area, so after the
//     first visit to any page every other page opens instantly and offline.
const SHELL = 'lapor-shell-v4';
const DATA = 'lapor-data-v1';

// The citizen's areas (domain/src/areas.rs), each cached under one path of
// it: every public report (`/laporan/{nomor}`) opens the same page.
const AREAS = ['/lapor', '/saya', '/lacak', '/laporan', '/laporan/-', '/'];
function areaPage(path) {
  const [, first, second] = path.split('/');
  if (first === 'laporan' && second) return '/laporan/-';
  // A practice form (`/latihan/{kode}`) is the report form's page.
  if (first === 'latihan') return '/lapor';
  return AREAS.includes('/' + first) ? '/' + first : '/';
}

async function cacheArea(cache, page) {
  const res = await fetch(page, { cache: 'no-store' });
  if (!res.ok) throw new Error(page + ': ' + res.status);
  const html = await res.clone().text();
  await cache.put(page, res);
  const urls = new Set();
  for (const m of html.matchAll(/(?:href|src)=["']?(\/[^"' >]+\.(?:js|wasm|css|svg|png|webmanifest))/g)) urls.add(m[1]);
  return urls;
}

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const urls = new Set();
  for (const page of AREAS) for (const u of await cacheArea(cache, page)) urls.add(u);
  // The icons the manifest names (a phone asks for them when installing, maybe offline).
  for (const icon of ['/icon.svg', '/icon-192.png', '/icon-512.png', '/icon-maskable-512.png']) urls.add(icon);
  await cache.addAll([...urls]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const k of await caches.keys()) if (k !== SHELL && k !== DATA) await caches.delete(k);
    await self.clients.claim();
  })());
});

// Names that change with their content: Trunk's hashed files and wasm-bindgen's snippets.
// Trunk writes its hash in hex without leading zeros, so it may be shorter than 16 digits.
const HASHED = /(-[0-9a-f]{10,}(_bg)?\.(wasm|js|css)$)|\/snippets\//;
const LISTS = /^\/api\/v1\/(regions|categories|agencies)/;

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // The officers' console and the presenter screen are separate apps that need the network anyway.
  if (/^\/(admin|sosialisasi)(\/|$)/.test(url.pathname)) return;

  if (req.mode === 'navigate') {
    const page = areaPage(url.pathname);
    event.respondWith((async () => {
      try {
        const res = await fetch(req);
        if (res.ok && !url.pathname.startsWith('/api/')) (await caches.open(SHELL)).put(page, res.clone());
        return res;
      } catch (e) {
        return (await caches.match(page)) || Response.error();
      }
    })());
    return;
  }
  if (!url.pathname.startsWith('/api/')) {
    // What the shell cache holds is exactly what the current page needs: serve it first.
    event.respondWith((async () => {
      const hit = await caches.match(req);
      if (hit) return hit;
      const res = await fetch(req);
      if (res.ok && HASHED.test(url.pathname)) (await caches.open(SHELL)).put(req, res.clone());
      return res;
    })());
    return;
  }
  if (LISTS.test(url.pathname)) {
    event.respondWith((async () => {
      const cache = await caches.open(DATA);
      const hit = await cache.match(req);
      const fresh = fetch(req).then((res) => { if (res.ok) cache.put(req, res.clone()); return res; });
      if (hit) { fresh.catch(() => {}); return hit; }
      return fresh;
    })());
  }
});
