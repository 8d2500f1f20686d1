// The officers' console in Firefox (Debian's firefox-esr, headless, driven
// through geckodriver over WebDriver: Playwright cannot drive a stock
// Firefox): the same walk through the lifecycle's branches as in Chromium,
// the audit log, the keyboard alone, and axe-core on every console page.
//   node --test tests/firefox/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Builder, By, Key, until } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { Select } from 'selenium-webdriver/lib/select.js';

const require = createRequire(import.meta.url);
const port = Number(process.env.LAPOR_FIREFOX_PORT ?? 18082);
const base = `http://127.0.0.1:${port}`;
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const geckodriver = process.env.GECKODRIVER ?? join(homedir(), '.cargo/bin/geckodriver');
let server;
let driver;

async function healthy() {
  for (let n = 0; n < 300; n++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

before(async () => {
  server = spawn('bash', ['tests/e2e/server.sh', String(port)], { stdio: 'ignore' });
  await healthy();
  const options = new firefox.Options().addArguments('-headless').setBinary(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr');
  options.setPreference('intl.accept_languages', 'id-ID, id');
  driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(new firefox.ServiceBuilder(geckodriver)).build();
  await driver.manage().window().setRect({ width: 1280, height: 900 });
  await driver.manage().setTimeouts({ script: 30_000, implicit: 3_000 });
});

after(async () => {
  await driver?.quit();
  server?.kill();
});

const css = (s) => By.css(s);
const wait = (cond, what, ms = 15_000) => driver.wait(cond, ms, `waiting for ${what}`);

/** Waits for an element matching `selector` whose text contains `text`; returns it. */
async function withText(selector, text) {
  let found;
  await wait(async () => {
    for (const el of await driver.findElements(css(selector))) {
      if ((await el.getText().catch(() => '')).includes(text)) {
        found = el;
        return true;
      }
    }
    return false;
  }, `${selector} with "${text}"`);
  return found;
}

async function heading(text) {
  return withText('h1', text);
}

async function expectAccessible(what) {
  await driver.executeScript(AXE);
  const violations = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
      .then((r) => done(r.violations.map((v) => v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target.join(' ')).join(', ') + ')')))
      .catch((e) => done(['axe failed: ' + e]));`);
  assert.deepEqual(violations, [], `axe-core violations on ${what}`);
}

async function signIn(user) {
  await driver.get(`${base}/admin`);
  await wait(async () => (await driver.findElements(css('h1'))).length > 0, 'a heading');
  if ((await driver.findElement(css('h1')).getText()) !== 'Masuk admin') await signOut();
  await heading('Masuk admin');
  await driver.findElement(css('#username')).sendKeys(user);
  await driver.findElement(css('#password')).sendKeys('lapor-demo', Key.ENTER);
  await heading('Antrean laporan');
}

async function signOut() {
  await (await withText('button', 'Keluar')).click();
  await heading('Masuk admin');
}

async function openFromQueue(search, title) {
  const box = await driver.findElement(css('#queue-q'));
  await box.clear();
  await box.sendKeys(search, Key.ENTER);
  await wait(async () => (await driver.findElements(css('[data-testid=queue-row]'))).length === 1, 'one row');
  await (await withText('td.title a', title)).click();
  await heading(title);
}

async function choose(selector, label) {
  // Lists load after the page: wait for the select and its option.
  await wait(until.elementLocated(css(selector)), selector);
  await withText(`${selector} option`, label);
  const select = new Select(await driver.findElement(css(selector)));
  await select.selectByVisibleText(label);
}

async function submitReport(title) {
  const res = await fetch(`${base}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'pengaduan', title,
      body: 'Jalan berlubang besar sejak sebulan lalu, sepeda motor warga sering jatuh ketika hujan turun di malam hari.',
      incident_date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), province_code: '61', regency_code: '61.09',
      district_code: '61.09.01', reporter_name: 'Paulus Ajat', reporter_phone: '0812 4444 5555', idempotency_key: randomUUID(),
    }),
  });
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return JSON.parse(text);
}

/** A JPEG drawn by the page's own canvas, written to a file for the file input. */
async function photoFile() {
  const b64 = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    const c = document.createElement('canvas'); c.width = 640; c.height = 480;
    const g = c.getContext('2d'); g.fillStyle = '#5a7'; g.fillRect(0, 0, 640, 480); g.fillStyle = '#333'; g.fillRect(200, 150, 240, 180);
    c.toBlob((b) => { const r = new FileReader(); r.onload = () => done(r.result.split(',')[1]); r.readAsDataURL(b); }, 'image/jpeg', 0.85);`);
  const file = join(mkdtempSync(join(tmpdir(), 'lapor-ff-')), 'tambalan.jpg');
  writeFileSync(file, Buffer.from(b64, 'base64'));
  return file;
}

test('Firefox: wrong agency, returned, re-disposed to the province, followed up with a photo; the reporter sees it; the audit log tells it', async () => {
  const word = `ffsimpang${Date.now() % 1000000}`;
  const title = `Jalan Sekadau–Sintang di ${word} berlubang`;
  const receipt = await submitReport(title);

  await signIn('koordinator');
  assert.match(await driver.findElement(css('[data-testid=who]')).getText(), /Admin koordinator/);
  await expectAccessible('the queue');
  await openFromQueue(word, title);
  await expectAccessible('the report page');
  await choose('#dispatch-category', 'Infrastruktur jalan');
  const first = await withText('[data-testid=suggestions] label', 'Kabupaten Sekadau');
  assert.match(await first.getText(), /Dinas Pekerjaan Umum dan Penataan Ruang/);
  await driver.findElement(css('[data-testid=suggestions] input[type=radio]')).click();
  await (await withText('button', 'Verifikasi & disposisikan')).click();
  await withText('.status-line', 'Didisposisikan');
  await signOut();

  await signIn('sekadau-pupr');
  await openFromQueue(receipt.tracking_number, title);
  await (await withText('summary', 'Kembalikan (bukan wewenang)')).click();
  await driver.findElement(css('#action-return')).sendKeys('Ruas ini jalan provinsi, bukan jalan kabupaten.');
  await (await withText('form[data-action=return] button', 'Kembalikan')).click();
  await withText('[data-testid=handed-back]', 'dikembalikan');
  await signOut();

  await signIn('koordinator');
  await openFromQueue(receipt.tracking_number, title);
  await withText('[data-testid=returned-reason]', 'jalan provinsi');
  await choose('#dispatch-level', 'Provinsi');
  await withText('[data-testid=suggestions] label', 'Provinsi Kalimantan Barat');
  await driver.findElement(css('[data-testid=suggestions] input[type=radio]')).click();
  await (await withText('button', 'Verifikasi & disposisikan')).click();
  await withText('[data-testid=agency]', 'Provinsi Kalimantan Barat');
  await signOut();

  await signIn('kalbar-pupr');
  await openFromQueue(receipt.tracking_number, title);
  await driver.findElement(css('#respond-files')).sendKeys(await photoFile());
  await withText('[data-testid=respond-files]', 'tambalan.jpg');
  await driver.findElement(css('#action-respond')).sendKeys('Lubang sudah ditambal oleh UPT Jalan Provinsi.');
  await (await withText('button', 'Kirim tindak lanjut')).click();
  await withText('.status-line', 'Ditindaklanjuti');
  await signOut();

  await driver.get(`${base}/lacak`);
  await wait(until.elementLocated(css('#tracking_number')), 'the tracking form');
  await driver.findElement(css('#tracking_number')).sendKeys(receipt.tracking_number);
  await driver.findElement(css('#access_code')).sendKeys(receipt.access_code);
  await (await withText('button', 'Lacak')).click();
  await withText('.event-message', 'Lubang sudah ditambal oleh UPT Jalan Provinsi.');
  await wait(
    // Scrolled to, as a reader would: the photo loads lazily.
    () => driver.executeScript(`const i = document.querySelector('[data-testid=followup-attachments] img');
      if (!i) return false; i.scrollIntoView(); return i.complete && i.naturalWidth > 0;`),
    'the follow-up photo',
  );

  await signIn('koordinator');
  await driver.get(`${base}/admin/audit?report=${receipt.tracking_number}`);
  await heading('Log audit');
  await wait(async () => (await driver.findElements(css('[data-testid=audit-row]'))).length === 4, 'four audit rows');
  const rows = await driver.findElements(css('[data-testid=audit-row]'));
  const texts = await Promise.all(rows.map((r) => r.getText()));
  assert.match(texts[0], /kalbar-pupr[\s\S]*Status: Didisposisikan → Ditindaklanjuti/);
  assert.match(texts[1], /Status: Dikembalikan → Didisposisikan[\s\S]*Instansi: — → Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Kalimantan Barat/);
  assert.match(texts[2], /sekadau-pupr[\s\S]*Status: Didisposisikan → Dikembalikan/);
  assert.match(texts[3], /Status: Menunggu verifikasi → Didisposisikan/);
  await expectAccessible('the audit log');
  await driver.get(`${base}/admin/akun`);
  await heading('Akun saya');
  await expectAccessible('the account page');
  await signOut();
});

test('Firefox: the queue and a report with the keyboard alone, the focus always shown', async () => {
  const title = `Papan nama balai desa roboh ${Date.now()}`;
  const receipt = await submitReport(title);
  await signIn('koordinator');
  const focusShown = () =>
    driver.executeScript(`const el = document.activeElement; if (!el || el === document.body) return false;
      const s = getComputedStyle(el); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;`);
  const tabTo = async (test, what) => {
    for (let n = 0; n < 80; n++) {
      if (await driver.executeScript(test)) return;
      await driver.switchTo().activeElement().sendKeys(Key.TAB);
      assert.ok(await focusShown(), `the focus is shown while tabbing to ${what}`);
    }
    assert.fail(`never reached ${what} with Tab`);
  };
  await driver.executeScript('document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);');
  await driver.findElement(css('body')).sendKeys(Key.TAB);
  await tabTo(`return document.activeElement.id === 'queue-q'`, 'the search box');
  await driver.switchTo().activeElement().sendKeys(receipt.tracking_number, Key.ENTER);
  await wait(async () => (await driver.findElements(css('[data-testid=queue-row]'))).length === 1, 'one row');
  await tabTo(`return document.activeElement.textContent === ${JSON.stringify(title)}`, 'the report link');
  await driver.switchTo().activeElement().sendKeys(Key.ENTER);
  await heading(title);
  await tabTo(`return document.activeElement.textContent === 'Catatan internal'`, 'the note section');
  await driver.switchTo().activeElement().sendKeys(Key.ENTER);
  await driver.switchTo().activeElement().sendKeys(Key.TAB);
  await driver.switchTo().activeElement().sendKeys('Sudah dicek oleh camat.', Key.TAB);
  await driver.switchTo().activeElement().sendKeys(Key.ENTER);
  await withText('.event-message', 'Sudah dicek oleh camat.');
});

test('Firefox: an SMS entered by the coordinator, the reporter gets its receipt', async () => {
  const title = `Usul lampu jalan di Jalan Kartini ${Date.now()}`;
  await signIn('koordinator');
  await driver.get(`${base}/admin/terima`);
  await heading('Laporan dari saluran lain');
  await expectAccessible('the form of a report from another channel');
  await driver.findElement(css('input[name=channel][value=sms]')).click();
  await new Select(await driver.findElement(css('#kind'))).selectByValue('aspirasi');
  await driver.findElement(css('#title')).sendKeys(title);
  await driver.findElement(css('#body')).sendKeys('Mohon dipasang lampu jalan di Jalan Kartini dekat sekolah, anak-anak pulang les malam hari dalam gelap.');
  await choose('#regency_code', 'Kabupaten Sanggau');
  await driver.findElement(css('#reporter_name')).sendKeys('Lukas Ahon');
  await driver.findElement(css('#reporter_phone')).sendKeys('0812 7777 8888');
  await (await withText('button', 'Simpan dan buat tanda terima')).click();
  await heading('Laporan tersimpan');
  const number = await driver.findElement(css('[data-testid=receipt-number]')).getText();
  assert.match(number, /^\d{4}-\d{4}-\d{4}$/);
  assert.match(await driver.findElement(css('[data-testid=receipt-received]')).getText(), /SMS/);
  await expectAccessible('the receipt');
  const res = await fetch(`${base}/api/v1/track/${number.replace(/-/g, '')}`);
  assert.equal(res.status, 200, 'the reporter can look it up by its number');
});
