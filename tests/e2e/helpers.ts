import { expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Fails with the list of axe-core violations (WCAG 2.1 A/AA) on the current page. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe-core violations on ${what}`).toEqual([]);
}

export async function signIn(page: Page, username: string, password = 'lapor-demo') {
  await page.goto('/admin');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('heading', { name: 'Antrean laporan' })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk admin' })).toBeVisible();
}

/** Yesterday as YYYY-MM-DD in the browser's zone (Asia/Jakarta in these tests). */
export function yesterday(): string {
  const d = new Date(Date.now() - 24 * 3600 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(d);
}
