// After the end-to-end suite: no secret the suite planted (tests/e2e/logs.spec.ts)
// appears anywhere in what the server logged (tests/e2e/server.sh keeps it).
//   node tests/e2e/log-secrets.mjs [log] [secrets]
import { readFileSync } from 'node:fs';

const logFile = process.argv[2] ?? 'target/e2e-server-18080.log';
const secretsFile = process.argv[3] ?? 'target/e2e-planted-secrets.json';
const log = readFileSync(logFile, 'utf8');
const secrets = JSON.parse(readFileSync(secretsFile, 'utf8'));
const lines = log.split('\n').length;

// The log must be the suite's, or finding nothing proves nothing.
if (!/report submitted/.test(log) || !/signed in/.test(log)) {
  console.error(`log check: ${logFile} holds no submissions or sign-ins; is it the suite's log?`);
  process.exit(1);
}
// Each secret as typed and in the other forms it travels in (digits only,
// without separators, any case).
const forms = (s) => {
  const out = new Set([s, s.replace(/[\s-]/g, '')]);
  if (/^[\d\s-]+$/.test(s)) out.add(s.replace(/\D/g, ''));
  return [...out].filter((f) => f.length >= 6).map((f) => f.toLowerCase());
};
const lower = log.toLowerCase();
const found = [];
let searched = 0;
for (const [kind, value] of Object.entries(secrets)) {
  for (const f of forms(String(value))) {
    searched += 1;
    if (lower.includes(f)) found.push(`${kind} (${f})`);
  }
}
console.log(`log check: ${Object.keys(secrets).length} planted secrets in ${searched} forms searched in ${lines} log lines: ${found.length} found`);
if (found.length) {
  for (const f of found) console.error(`  in the log: ${f}`);
  process.exit(1);
}
