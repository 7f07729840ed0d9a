/**
 * 拥军 in Chromium: a troop liaison raises a request, the office assigns it to a department, the department
 * liaison resolves it, the unit rates it; the department never sees the 番号. The meetings list keeps its filter
 * and page through Back and reload. Then the army–people pages open on a phone-sized screen.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, loadDemo } from '../src/server/demo/demo.service.ts';
import { HttpSession } from '../test/helpers/http-session.ts';
import { browserAvailable, choose, type E2eServer, launchBrowser, startServer, urlState } from './browser.ts';

const run = browserAvailable();
let server: E2eServer;
let browser: Browser;
const shots = process.env.E2E_SCREENSHOTS;

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  await loadDemo(server.ctx, { deployment: 'putuo', people: 0 });
  // Enough 座谈会 for two pages of the meetings list.
  const office = new HttpSession(server.baseUrl);
  await office.login('office', demoPassword);
  for (let i = 1; i <= 22; i++) {
    const day = String(i).padStart(2, '0');
    const made = await office.post('/api/troops/meetings', {
      kind: 'symposium',
      title: `军地座谈会第 ${i} 次`,
      heldOn: `2026-03-${day}`,
    });
    if (made.status !== 200) throw new Error(`会议未登记：${JSON.stringify(made.body)}`);
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const errors: string[] = [];

async function signIn(username: string, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: 'zh-CN' });
  page.on('pageerror', (e) => errors.push(`[${username}] ${e.message}`));
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

const header = (page: Page) => page.locator('.sy-page-header');

describe.runIf(run)('troop requests in Chromium', () => {
  it('raise → assign → resolve → rate', async () => {
    const troop = await signIn('troop');
    await troop.goto(`${server.baseUrl}/troops/requests`);
    await troop.getByTestId('request-new').click();
    await choose(troop, troop.getByTestId('request-kind'), '营区周边环境');
    await troop.getByTestId('request-title').fill('营区东门外道路破损积水');
    await troop.getByTestId('request-content').fill('91001部队营区东门外道路坑洼，雨天积水，影响车辆出入。');
    await troop.locator('.ant-modal .ant-btn-primary').click();
    await troop.waitForURL(/\/troops\/requests\/\d+$/);
    const url = new URL(troop.url()).pathname;
    await expect.poll(async () => (await header(troop).textContent()) ?? '').toContain('待受理');
    await shot(troop, 'troops-1-raised');

    const office = await signIn('office');
    await office.goto(`${server.baseUrl}${url}`);
    await office.getByTestId('request-assign').click();
    await choose(office, office.getByTestId('assign-department'), '普陀区教育局');
    await office.locator('.ant-modal .ant-btn-primary').click();
    await expect.poll(async () => (await header(office).textContent()) ?? '').toContain('办理中');

    const department = await signIn('department');
    await department.goto(`${server.baseUrl}${url}`);
    await expect.poll(async () => (await header(department).textContent()) ?? '').toContain('办理中');
    // Not cleared for the unit: the alias, never the 番号, even where the liaison wrote it into the text.
    const body = (await department.locator('main, .ant-layout-content').first().textContent()) ?? '';
    expect(body).toContain('驻区某部（一）');
    expect(body).not.toContain('91001');
    await department.getByTestId('request-resolve').click();
    await department.getByTestId('step-comment').fill('已协调区建管委修复路面并增设排水沟。');
    await department.locator('.ant-modal .ant-btn-primary').click();
    await expect.poll(async () => (await header(department).textContent()) ?? '').toContain('已办结');
    await shot(department, 'troops-2-resolved');

    await troop.reload();
    await troop.getByTestId('request-rate').click();
    await troop.locator('.ant-modal .ant-btn-primary').click();
    await expect.poll(async () => (await header(troop).textContent()) ?? '').toContain('已评价');
    await shot(troop, 'troops-3-rated');
    for (const p of [troop, office, department]) await p.close();
  });

  it('the meetings list keeps its filter and page through opening a meeting, Back and reload', async () => {
    const office = await signIn('office');
    await office.goto(`${server.baseUrl}/troops/meetings`);
    const rows = office.locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    await office.locator('.ant-select').filter({ hasText: '全部类型' }).click();
    await office.locator('.ant-select-item-option').filter({ hasText: '军地座谈会' }).click();
    await office.waitForURL((url) => url.searchParams.get('kind') === 'symposium');
    const link = rows.first().getByRole('link');
    const kinds = () => rows.locator('.ant-tag').allTextContents();
    await expect.poll(async () => new Set(await kinds())).toEqual(new Set(['军地座谈会']));
    const first = await link.textContent();
    await office.locator('.ant-pagination-item-2').click();
    await office.waitForURL((url) => url.searchParams.get('page') === '2');
    // Page 1 stays in view until page 2 arrives.
    await expect.poll(() => link.textContent()).not.toBe(first);
    const opened = (await link.textContent()) ?? '';

    const expectSameList = async () => {
      expect(urlState(office, ['kind', 'page'])).toEqual(['/troops/meetings', 'symposium', '2']);
      await expect.poll(() => link.textContent()).toBe(opened);
      expect(await office.locator('.ant-select').first().textContent()).toContain('军地座谈会');
      expect(await office.locator('.ant-pagination-item-active').textContent()).toBe('2');
    };
    await link.click();
    await office.waitForURL(/\/troops\/meetings\/\d+$/);
    await expect.poll(async () => (await header(office).textContent()) ?? '').toContain(opened);
    await office.goBack();
    await expectSameList();
    await office.reload();
    await expectSameList();

    // A link whose filter the list does not know (edited by hand): the page says so and clears it in one click.
    await office.goto(`${server.baseUrl}/troops/meetings?kind=party&page=2`);
    await office.getByText('筛选条件无效').waitFor();
    await office.getByRole('button', { name: /清除筛选/ }).click();
    await rows.first().waitFor();
    expect(urlState(office, ['kind', 'page'])).toEqual(['/troops/meetings', null, null]);
    await office.close();
  });

  it('opens the army–people pages on a phone', async () => {
    const phone = await signIn('troop', { width: 390, height: 844 });
    for (const page of [
      '/army-people/pairings',
      '/army-people/activities',
      '/army-people/supporters',
      '/army-people/honorees',
      '/troops/meetings',
      '/troops/programmes',
    ]) {
      await phone.goto(`${server.baseUrl}${page}`);
      await expect.poll(async () => (await header(phone).textContent()) ?? '').not.toBe('');
      await shot(phone, `troops-phone${page.replaceAll('/', '-')}`);
    }
    await phone.close();
    expect(errors).toEqual([]);
  });
});
