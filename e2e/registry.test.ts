import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, loadDemo } from '../src/server/demo/demo.service.ts';
import { createHousehold } from '../src/server/modules/registry/households.service.ts';
import { createPerson } from '../src/server/modules/registry/registry.service.ts';
import { systemActor } from '../src/server/platform/access.ts';
import { idCheckDigit } from '../src/shared/domain/id-number.ts';
import { browserAvailable, choose, type E2eServer, launchBrowser, startServer, urlState } from './browser.ts';

/**
 * The registry in Chromium: find by pinyin initials, reveal a full ID number (audited), a filtered list that
 * survives Back and reload, register with rare characters.
 */
const run = browserAvailable();
let server: E2eServer;
let browser: Browser;
let community: number;
const idNumber = (() => {
  const body = '31010719380512071';
  return body + idCheckDigit(body);
})();

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  await loadDemo(server.ctx, { deployment: 'putuo', people: 200 });
  const region = await server.ctx.db
    .selectFrom('regions')
    .select('id')
    .where('name', '=', '梅芳里居委会')
    .executeTakeFirstOrThrow();
  community = region.id;
  await createPerson(server.ctx, systemActor(), {
    name: '鄺紹豐',
    idNumber,
    phone: '13900001234',
    residenceRegionId: community,
    hukouRegionId: community,
    qualifications: [{ category: '烈属', relation: '父亲' }],
  });
  // 25 households of one name prefix: a search for it fills two pages.
  for (let i = 1; i <= 25; i++) {
    const name = `书签户${String(i).padStart(2, '0')}`;
    await createHousehold(server.ctx, systemActor(), { name, regionId: community, address: null });
  }
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

describe.runIf(run)('registry journeys in Chromium', () => {
  it('a street worker finds a person by pinyin initials, reveals the full ID number, and the auditor sees it', async () => {
    const page = await signIn('street');
    await page.goto(`${server.baseUrl}/registry/persons`);
    await page.getByRole('link', { name: '鄺紹豐' }).waitFor();
    // 鄺紹豐 → 邝绍丰 → k·s·f: the initials find exactly that person.
    await page.getByLabel('查询优抚对象').fill('ksf');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);
    const link = page.getByRole('link', { name: '鄺紹豐' });
    // Masked in the list: first six and last four only.
    expect(await page.locator('tbody').textContent()).toContain(`310107********${idNumber.slice(-4)}`);
    expect(await page.locator('tbody').textContent()).not.toContain(idNumber);
    await link.click();
    await page.getByText('基本信息').waitFor();
    await expect.poll(() => page.getByTestId('id-number').textContent()).toBe(`310107********${idNumber.slice(-4)}`);
    await page.getByRole('button', { name: /查看完整号码/ }).click();
    await page
      .getByRole('button', { name: /查\s*看/ })
      .last()
      .click();
    await expect.poll(() => page.getByTestId('id-number').textContent()).toBe(idNumber);
    await page.close();

    const auditor = await signIn('auditor');
    await auditor.goto(`${server.baseUrl}/admin/audit`);
    await expect
      .poll(async () => (await auditor.locator('tbody').textContent()) ?? '', { timeout: 15_000 })
      .toContain('查看完整身份证号');
    await auditor.close();
  });

  it('a filtered list keeps its search and page through opening a record, Back and reload', async () => {
    const page = await signIn('street');
    const home = page.url();
    await page.goto(`${server.baseUrl}/registry/households`);
    const rows = page.locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    // Typing settles into the URL by itself (no Enter), and the list follows.
    await page.getByLabel('户名开头，如“张三”').fill('书签户');
    await page.waitForURL((url) => url.searchParams.get('q') === '书签户');
    await expect.poll(() => page.locator('.ant-pagination-total-text').textContent()).toBe('共 25 户');
    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await expect.poll(() => rows.count()).toBe(5);
    const opened = (await rows.first().getByRole('link').textContent()) ?? '';
    expect(opened).toMatch(/^书签户\d\d$/);

    const expectSameList = async () => {
      expect(urlState(page, ['q', 'page'])).toEqual(['/registry/households', '书签户', '2']);
      await expect.poll(() => rows.first().getByRole('link').textContent()).toBe(opened);
      expect(await page.getByLabel('户名开头，如“张三”').inputValue()).toBe('书签户');
      expect(await page.locator('.ant-pagination-item-active').textContent()).toBe('2');
      expect(await rows.count()).toBe(5);
    };
    await rows.first().getByRole('link').click();
    await page.waitForURL(/\/registry\/households\/\d+$/);
    await page.getByText(opened).first().waitFor();
    await page.goBack();
    await expectSameList();
    await page.reload();
    await expectSameList();
    // Filter changes replaced the list's history entry: one Back leaves the list.
    await page.goBack();
    await page.waitForURL((url) => url.href === home);
    await page.close();
  });

  it('registers a person whose name has a rare character, and shows it intact', async () => {
    const page = await signIn('community');
    await page.goto(`${server.baseUrl}/registry/persons/new`);
    await page.getByLabel('姓名').fill('王 𪚥');
    const body = '31010719500305033';
    await page.getByLabel('身份证号').fill(`${body}${idCheckDigit(body)}`.toLowerCase());
    await expect.poll(async () => (await page.locator('form').textContent()) ?? '').toContain('男 · 1950-03-05 出生');
    await page.getByLabel('联系电话').fill('138 0013 8000');
    await page.getByLabel('居住地（社区/村）').click();
    await page.keyboard.type('梅芳里');
    await page.locator('.ant-select-tree-treenode:has-text("梅芳里")').first().click();
    const select = (label: string) => page.locator('.ant-select', { has: page.getByLabel(label) });
    await choose(page, select('优抚类别'), '残疾军人', { typed: '伤残军人' });
    await choose(page, select('伤残等级'), '4 级', { search: false });
    await page.getByRole('button', { name: /^登\s*记$/ }).click();
    await page.waitForURL(/\/registry\/persons\/\d+$/);
    await page.getByText('基本信息').waitFor();
    expect(await page.locator('.sy-person-name').first().textContent()).toBe('王𪚥');
    expect(await page.locator('body').textContent()).toContain('伤残等级 4 级');
    // History shows who registered it.
    await page.getByRole('tab', { name: /修改历史/ }).click();
    await page.getByTestId('history-entry').first().waitFor();
    expect(await page.getByTestId('history-entry').first().textContent()).toContain('登记');
    await page.close();
  });

  it('works on a phone screen', async () => {
    const page = await signIn('community', { width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/registry/persons?q=${encodeURIComponent('邝绍')}`);
    const item = page.locator('.ant-list-item').filter({ hasText: '鄺紹豐' });
    await item.waitFor();
    await item.click();
    await page.getByText('基本信息').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    // A community worker calls people: the phone is shown in full, the ID number stays masked.
    expect(await page.locator('body').textContent()).toContain('13900001234');
    expect(await page.getByRole('button', { name: /查看完整号码/ }).count()).toBe(0);
    await page.close();
  });
});
