// Requests per second the server answers over kept-alive connections: a
// static file of the app (the boot script, as a page load asks for it) and a
// tracking lookup, over 1 connection and over 16, for a few seconds each.
//   node bench/static-rate.mjs http://127.0.0.1:18090
// Prints one JSON line per case. Before TCP_NODELAY, a static file on one
// kept-alive connection waited for the client's delayed ACK (about 40 ms).
import http from 'node:http';
import { readdirSync } from 'node:fs';

const base = new URL(process.argv[2] ?? 'http://127.0.0.1:18090');
const seconds = Number(process.env.SECONDS_PER_CASE ?? 3);
const boot = readdirSync('dist').find((f) => /^boot-.*\.js$/.test(f));
const cases = [
  { name: 'static file (boot script, brotli)', path: `/${boot}`, headers: { 'accept-encoding': 'br' } },
  { name: 'tracking lookup (demo report)', path: '/api/v1/track/816912789498', headers: {} },
];

function get(agent, path, headers) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: base.hostname, port: base.port, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
  });
}

for (const c of cases) {
  for (const connections of [1, 16]) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
    let done = 0;
    const until = Date.now() + seconds * 1000;
    const worker = async () => {
      while (Date.now() < until) {
        await get(agent, c.path, c.headers);
        done++;
      }
    };
    const t0 = Date.now();
    await Promise.all(Array.from({ length: connections }, worker));
    const elapsed = (Date.now() - t0) / 1000;
    agent.destroy();
    console.log(JSON.stringify({ case: c.name, connections, requests: done, per_second: Math.round(done / elapsed) }));
  }
}
