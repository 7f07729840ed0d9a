import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, loadDemo } from '../src/server/demo/demo.service.ts';
import { createCampaign } from '../src/server/modules/campaigns/campaigns.service.ts';
import { systemActor } from '../src/server/platform/access.ts';
import { createCampaignRequest } from '../src/shared/api/campaigns.api.ts';
import { browserAvailable, type E2eServer, launchBrowser, startServer } from './browser.ts';

/**
 * Issue 7 items 3–4 in Chromium: the office edits a campaign's 工作总结, saves it, sees the edit after a reload and
 * downloads it as Word; then opens the 创建台账 under 统计报表 and exports the year's xlsx.
 */
const run = browserAvailable();
let server: E2eServer;
let browser: Browser;
let campaignId: number;

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  await loadDemo(server.ctx, { deployment: 'putuo', people: 200 });
  const putuo = await server.ctx.db
    .selectFrom('regions')
    .select('id')
    .where('code', '=', '310107')
    .executeTakeFirstOrThrow();
  const created = await createCampaign(
    server.ctx,
    systemActor(),
    createCampaignRequest.parse({ year: 2026, regionId: putuo.id, budgetCents: 50_000_000 }),
  );
  campaignId = created.id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(demoPassword);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

describe.runIf(run)('工作总结 and 创建台账 in Chromium', () => {
  it('office edits, saves and downloads the summary, then exports the ledger', async () => {
    const page = await signIn('office');
    await page.goto(`${server.baseUrl}/campaigns/${campaignId}?tab=summary`);
    const body = page.getByTestId('summary-body');
    await body.waitFor();
    expect(await body.inputValue()).toContain('走访慰问');
    await body.fill(`${await body.inputValue()}\n区领导带队慰问驻区部队官兵。`);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('下载的 Word / PDF 将使用已保存的版本').waitFor();
    await page.reload();
    await page.getByTestId('summary-body').waitFor();
    expect(await page.getByTestId('summary-body').inputValue()).toContain('区领导带队慰问驻区部队官兵。');
    const [word] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载 Word/ }).click(),
    ]);
    expect(word.suggestedFilename()).toMatch(/工作总结\.docx$/);

    await page.getByRole('menuitem', { name: /统计报表/ }).click();
    await page.getByRole('menuitem', { name: '创建台账' }).click();
    await page.waitForURL(/\/reports\/ledger$/);
    await page.getByText('联席会议与军地座谈').waitFor();
    await page.getByText('年度计划与工作总结').click();
    await page
      .getByRole('link', { name: /工作总结/ })
      .first()
      .waitFor();
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出 xlsx/ }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/创建台账\.xlsx$/);
  });
});
