import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { signIn, yesterday } from './helpers';

// Plants secrets of every kind the server handles — a reporter's name,
// phone, e-mail and other contact, access codes, a session id, a temporary
// and a chosen password, a wrong one — through the real flows. After the
// whole suite, tests/e2e/log-secrets.mjs looks for each of them in
// everything the server logged (scripts/test.sh runs it).
test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test('secrets go through sign-in, reports, tracking and accounts (the log is checked after the suite)', async ({ page, request }) => {
  const tag = Date.now().toString(36);
  const secrets: Record<string, string> = {
    reporter_name: `Sekarwangi Lognama ${tag}`,
    reporter_phone: '0812 9090 7373',
    reporter_email: `sekarwangi.${tag}@contoh.id`,
    reporter_contact: `Gang Kenanga Lograhasia ${tag}`,
  };
  // A citizen's report, and its lookups (a right and a wrong code).
  const sent = await request.post('/api/v1/reports', {
    data: {
      kind: 'pengaduan', title: `Saluran air tersumbat di pasar ${tag}`,
      body: 'Saluran air di belakang pasar tersumbat sampah sejak dua minggu, air meluap ke lapak pedagang setiap hujan.',
      incident_date: yesterday(), province_code: '61', regency_code: '61.09',
      reporter_name: secrets.reporter_name, reporter_phone: secrets.reporter_phone, reporter_email: secrets.reporter_email,
      idempotency_key: randomUUID(),
    },
  });
  expect(sent.status()).toBe(201);
  const receipt = await sent.json();
  secrets.access_code = receipt.access_code;
  expect((await request.post('/api/v1/track', { data: { tracking_number: receipt.tracking_number, access_code: receipt.access_code } })).status()).toBe(200);
  expect((await request.post('/api/v1/track', { data: { tracking_number: receipt.tracking_number, access_code: 'abcdefghjk' } })).status()).toBe(404);

  // The coordinator in the browser: its session id, a report entered by letter with the writer's address.
  await signIn(page, 'koordinator');
  const session = (await page.context().cookies()).find((c) => c.name === 'lapor_session');
  expect(session, 'the session cookie').toBeTruthy();
  secrets.session_id = session!.value;
  const entered = await page.request.post('/api/v1/admin/reports', {
    data: {
      channel: 'surat', received_date: yesterday(), reporter_contact: secrets.reporter_contact,
      report: {
        kind: 'aspirasi', title: `Usul tempat sampah di pasar ${tag}`,
        body: 'Penulis surat mengusulkan tempat sampah terpilah di setiap lorong pasar agar saluran air tidak tersumbat lagi.',
        province_code: '61', regency_code: '61.09', reporter_name: secrets.reporter_name, idempotency_key: randomUUID(),
      },
    },
  });
  expect(entered.status(), await entered.text()).toBe(201);
  secrets.entered_access_code = (await entered.json()).receipt.access_code;

  // An account: its temporary password, the password its owner chooses, and a wrong one.
  const admin = await request.post('/api/v1/auth/login', { data: { username: 'superadmin', password: 'lapor-demo' } });
  expect(admin.status()).toBe(200);
  const made = await request.post('/api/v1/admin/users', { data: { username: `log-${tag}`, display_name: 'Petugas Uji Log', role: 'supervisor' } });
  expect(made.status(), await made.text()).toBe(201);
  secrets.temporary_password = (await made.json()).password;
  const own = await page.context().request;
  await own.post('/api/v1/auth/logout');
  expect((await own.post('/api/v1/auth/login', { data: { username: `log-${tag}`, password: secrets.temporary_password } })).status()).toBe(200);
  secrets.chosen_password = `Sandi-Lograhasia-${tag}`;
  expect((await own.post('/api/v1/auth/password', { data: { old_password: secrets.temporary_password, new_password: secrets.chosen_password } })).status()).toBe(204);
  secrets.wrong_password = `Keliru-Lograhasia-${tag}`;
  expect((await request.post('/api/v1/auth/login', { data: { username: 'koordinator', password: secrets.wrong_password } })).status()).toBe(401);

  mkdirSync('target', { recursive: true });
  writeFileSync('target/e2e-planted-secrets.json', JSON.stringify(secrets, null, 2));
});
