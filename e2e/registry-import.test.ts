import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, loadDemo } from '../src/server/demo/demo.service.ts';
import { idNumberHash } from '../src/server/modules/registry/person-row.ts';
import { buildXlsx, makeId, readXlsx } from '../test/helpers/roster-files.ts';
import { browserAvailable, type E2eServer, launchBrowser, startServer } from './browser.ts';

const run = browserAvailable();
let server: E2eServer;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  await loadDemo(server.ctx, { deployment: 'putuo', people: 50 });
  browser = await launchBrowser();
  dir = mkdtempSync(path.join(tmpdir(), 'sy-e2e-import-'));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(demoPassword);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

describe.runIf(run)('registry import and comparison in Chromium', () => {
  it('uploads a roster, reads the report, downloads the error sheet and commits', async () => {
    const good = makeId('19500312', 'M');
    const file = path.join(dir, '曹杨新村街道名册.xlsx');
    writeFileSync(
      file,
      await buildXlsx({
        name: '名册',
        rows: [
          ['2026年曹杨新村街道优抚对象名册'],
          ['序号', '姓名', '身份证号', '优抚类别', '街道', '社区'],
          [1, '欧阳一鸣', good, '退役士兵', '曹杨新村街道', '曹杨一村居委会'],
          [2, '错号人', Number('310107195003120011'), '退役士兵', '曹杨新村街道', '曹杨一村居委会'],
          ['合计', '2人'],
        ],
        merges: ['A1:F1'],
      }),
    );
    const page = await signIn('office');
    await page.goto(`${server.baseUrl}/registry/transfer`);
    await page.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => page.getByRole('button', { name: /确认导入 1 行/ }).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByText('身份证号被 Excel 存成了数字').count()).toBeGreaterThan(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载错误说明' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('曹杨新村街道名册-错误说明.xlsx');
    const saved = path.join(dir, 'errors.xlsx');
    await download.saveAs(saved);
    const ws = await readXlsx(readFileSync(saved), '名册');
    expect(ws.getCell('G2').value).toBe('错误说明');

    await page.getByRole('button', { name: /确认导入 1 行/ }).click();
    await page.getByRole('button', { name: /^导\s?入$/ }).click();
    await expect.poll(() => page.getByText('导入完成').count(), { timeout: 30_000 }).toBe(1);
    const person = await server.ctx.db
      .selectFrom('persons')
      .select(['name'])
      .where('id_number_hash', '=', idNumberHash(server.ctx.cipher, good))
      .executeTakeFirst();
    expect(person?.name).toBe('欧阳一鸣');
    await page.close();
  });

  it('matches another department’s list and confirms a death', async () => {
    const { db, cipher } = server.ctx;
    const someone = await db
      .selectFrom('persons')
      .innerJoin('regions', 'regions.id', 'persons.residence_region_id')
      .select(['persons.id', 'persons.name', 'persons.id_number_enc'])
      .where('persons.alive', '=', 1)
      .orderBy('persons.id')
      .executeTakeFirstOrThrow();
    const file = path.join(dir, '公安死亡名单.xlsx');
    writeFileSync(
      file,
      await buildXlsx({
        rows: [
          ['姓名', '身份证号', '人员状态', '死亡日期'],
          [someone.name, cipher.decrypt(someone.id_number_enc), '死亡', '2026-01-10'],
        ],
      }),
    );
    const page = await signIn('office');
    await page.goto(`${server.baseUrl}/registry/comparisons`);
    await page.getByRole('combobox', { name: '名单来源' }).click();
    await page.getByTitle('公安').click();
    await page.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => page.getByRole('button', { name: /^确\s?认$/ }).count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: /^确\s?认$/ }).click();
    await page.getByRole('button', { name: '确认并更新人员信息' }).click();
    await expect
      .poll(
        async () =>
          (await db.selectFrom('persons').select('alive').where('id', '=', someone.id).executeTakeFirst())?.alive,
        {
          timeout: 15_000,
        },
      )
      .toBe(0);
    await page.close();
  });
});
