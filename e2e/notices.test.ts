/**
 * 通知与任务 in Chromium: the office pastes the Putuo seed, adjusts the draft tasks, assigns them and publishes;
 * the street acknowledges and reports; the office's matrix shows it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, loadDemo } from '../src/server/demo/demo.service.ts';
import { insertUnit } from '../src/server/modules/units/units.repo.ts';
import { browserAvailable, choose, type E2eServer, launchBrowser, startServer } from './browser.ts';

const run = browserAvailable();
let server: E2eServer;
let browser: Browser;
const shots = process.env.E2E_SCREENSHOTS;

const seedsDir = path.resolve(process.cwd(), '../shared/seeds');
const putuo = readFileSync(path.join(seedsDir, readdirSync(seedsDir).find((f) => f.startsWith('000_')) ?? ''), 'utf8');

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  await loadDemo(server.ctx, { deployment: 'putuo', people: 0 });
  // the demo has no street offices as units yet: 长寿路街道's, placed in its street
  const street = await server.ctx.db
    .selectFrom('regions')
    .select('id')
    .where('code', '=', '310107015000')
    .executeTakeFirstOrThrow();
  await insertUnit(
    server.ctx.db,
    {
      kind: 'street_office',
      name: '长寿路街道办事处',
      region_id: street.id,
      designation_enc: null,
      contact_name: null,
      contact_phone_enc: null,
      address: null,
      active: 1,
    },
    new Date().toISOString(),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => console.error(`[${username}] page error:`, e.message));
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(demoPassword);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

describe.runIf(run)('notices in Chromium', () => {
  it('paste → adjust → assign → publish → the street acknowledges and reports → the matrix shows it', async () => {
    const office = await signIn('office');
    await office.goto(`${server.baseUrl}/notices/import`);
    await office.getByTestId('notice-paste').fill(putuo);
    await office.getByTestId('notice-parse').click();

    // the parsed preview: the duplicated passage marked in the original, four tasks in the form
    await expect.poll(() => office.getByTestId('notice-warning-mark').count()).toBeGreaterThan(0);
    const marked = await office.getByTestId('notice-source').locator('mark').first().textContent();
    expect(marked).toContain('实训等工作');
    const titles = office.getByTestId('task-title-input');
    await expect.poll(() => titles.count()).toBe(4);
    expect(await titles.nth(0).inputValue()).toBe('大力营造双拥浓厚氛围');
    await shot(office, 'notices-1-import');

    // adjust a draft task, then save
    await titles.nth(3).fill('深入开展军地共建活动（驻区部队牵头）');
    await office.getByTestId('notice-save').click();
    await office.waitForURL(/\/notices\/\d+$/);
    const noticeId = Number(new URL(office.url()).pathname.split('/').pop());
    const tasks = office.getByTestId('notice-task');
    await expect.poll(() => tasks.count()).toBe(4);
    expect(await tasks.nth(3).textContent()).toContain('深入开展军地共建活动（驻区部队牵头）');

    // task 1: the suggestions (departments, military units) are preselected; add 长寿路街道办事处 and save
    const editor = tasks.nth(0).getByTestId('assignment-editor');
    expect(await editor.textContent()).toContain('已按文中建议预选');
    await choose(office, editor.getByTestId('assignment-units'), '长寿路街道办事处');
    await office.keyboard.press('Escape');
    await editor.getByTestId('assignment-save').click();
    await expect.poll(async () => (await tasks.nth(0).locator('tbody tr').count()) > 0).toBe(true);
    expect(await tasks.nth(0).textContent()).toContain('长寿路街道办事处');
    await shot(office, 'notices-2-assigned');

    await office.getByTestId('notice-publish').click();
    await office.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(async () => (await office.locator('.sy-page-header').textContent()) ?? '').toContain('已下发');

    // the street: acknowledges and reports
    const street = await signIn('street');
    await street.goto(`${server.baseUrl}/notices/tasks`);
    const mine = street.getByTestId('my-task');
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.first().textContent()).toContain('大力营造双拥浓厚氛围');
    await mine.first().getByTestId('assignment-acknowledge').click();
    await expect.poll(async () => (await mine.first().textContent()) ?? '').toContain('已签收');
    await mine.first().getByTestId('assignment-report').click();
    await street.getByTestId('report-text').fill('已在街道双拥之家举办军民联欢活动 2 场，走访驻区部队 3 次。');
    await street.locator('.ant-modal .ant-btn-primary').click();
    await expect.poll(async () => (await street.locator('.ant-message').textContent()) ?? '').toContain('已上报');
    await shot(street, 'notices-3-street');

    // the office's matrix
    await office.goto(`${server.baseUrl}/notices/${noticeId}/matrix`);
    const matrix = office.getByTestId('notice-matrix');
    await expect.poll(() => matrix.locator('[data-state="reported"]').count()).toBe(1);
    const row = matrix.locator('tr', { hasText: '长寿路街道办事处' });
    expect(await row.locator('[data-state="reported"]').count()).toBe(1);
    expect(await matrix.locator('[data-state="pending"]').count()).toBeGreaterThan(0);
    await shot(office, 'notices-4-matrix');
    const download = await office.evaluate(
      async (url) => (await fetch(url)).headers.get('content-type'),
      `/api/notices/${noticeId}/matrix.xlsx`,
    );
    expect(download).toContain('spreadsheetml');
    await office.close();
    await street.close();
  });
});
