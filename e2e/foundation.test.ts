import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, loadDemo } from '../src/server/demo/demo.service.ts';
import { browserAvailable, type E2eServer, launchBrowser, startServer } from './browser.ts';

const run = browserAvailable();
let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  await loadDemo(server.ctx, { deployment: 'putuo', people: 400 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(username: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: 'zh-CN' });
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(demoPassword);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** People a street reaches, counted straight from the tables: 户籍 or residence in its subtree. */
async function countInStreet(code: string): Promise<{ inStreet: number; all: number }> {
  const { db } = server.ctx;
  const street = await db.selectFrom('regions').select('path').where('code', '=', code).executeTakeFirstOrThrow();
  const ids = (await db.selectFrom('regions').select('id').where('path', 'like', `${street.path}%`).execute()).map(
    (r) => r.id,
  );
  const rows = await db.selectFrom('persons').select(['hukou_region_id', 'residence_region_id']).execute();
  const inStreet = rows.filter(
    (r) => ids.includes(r.hukou_region_id ?? -1) || ids.includes(r.residence_region_id ?? -1),
  ).length;
  return { inStreet, all: rows.length };
}

describe.runIf(run)('foundation journeys in Chromium', () => {
  it('a street user sees only its own street’s registry count', async () => {
    const page = await signIn('street');
    const { inStreet, all } = await countInStreet('310107015000');
    const total = page.getByTestId('registry-total');
    await expect
      .poll(async () => Number((await total.textContent())?.replace(/\D/g, '')), { timeout: 15_000 })
      .toBe(inStreet);
    expect(inStreet).toBeLessThan(all);
    // The rows by region are the street's own communities, not other streets.
    const rows = await page
      .getByTestId('region-row')
      .allTextContents()
      .catch(() => []);
    for (const row of rows) expect(row).not.toMatch(/曹杨新村街道|桃浦镇/);
    await page.close();
  });

  it('a troop liaison sees no registry menu and the registry API refuses it', async () => {
    const page = await signIn('troop');
    await page.waitForLoadState('networkidle');
    await expect.poll(async () => (await page.locator('.ant-menu').first().textContent()) ?? '').not.toBe('');
    const menu = (await page.locator('.ant-menu').first().textContent()) ?? '';
    expect(menu).not.toContain('优抚对象');
    const status = await page.evaluate(async () => (await fetch('/api/registry/summary')).status);
    expect(status).toBe(403);
    await page.close();
  });

  it('switching to 繁體 converts the page', async () => {
    const page = await signIn('office');
    await page.waitForLoadState('networkidle');
    const before = (await page.locator('body').textContent()) ?? '';
    expect(before).toContain('优抚对象');
    await page.getByTestId('script-switch').click();
    await expect.poll(async () => (await page.locator('body').textContent()) ?? '').toContain('優撫對象');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    await page.close();
  });
});
