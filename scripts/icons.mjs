// Draws the PNG icons of the web app manifest from public/icon.svg in
// Debian's Chromium (no image tool needed). Run again after changing the SVG:
//   node scripts/icons.mjs
// The maskable icon keeps the mark inside the middle 80 % (the safe zone a
// phone may cut to a circle); the others use the SVG as it is.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const svg = readFileSync('public/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const draw = async (size, file, inset) => {
  await page.setViewportSize({ width: size, height: size });
  const pad = Math.round(size * inset);
  await page.setContent(`<html><body style="margin:0;background:#8a1020">
    <div style="width:${size - 2 * pad}px;height:${size - 2 * pad}px;margin:${pad}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div></body></html>`);
  await page.screenshot({ path: file, omitBackground: false });
};
await draw(192, 'public/icon-192.png', 0);
await draw(512, 'public/icon-512.png', 0);
await draw(512, 'public/icon-maskable-512.png', 0.1);
await browser.close();
