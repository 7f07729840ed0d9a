/**
 * 统计分析 and 统计报表 in Chromium: a leader lands on the dashboard, reads a chart and its table, clicks a bar and
 * gets the filtered list behind it, then opens a report and downloads it; the xlsx holds what the page showed.
 * Fixtures are built here (a district with two streets, people of two categories), never taken from the demo.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExcelTypes, excelJs } from '../src/server/platform/exceljs.ts';
import { createPerson, createUser, seedRegions, type TestRegions } from '../test/helpers/factories.ts';
import { browserAvailable, choose, type E2eServer, launchBrowser, startServer } from './browser.ts';

const run = browserAvailable();
let server: E2eServer;
let browser: Browser;
let regions: TestRegions;
let leader: { username: string; password: string };
const errors: string[] = [];

// Who lives where: [community index pair, category] per person. Expected figures are counted from this list.
const people: { street: 0 | 1; community: 0 | 1; category: string; alive?: boolean }[] = [
  { street: 0, community: 0, category: 'martyr_family' },
  { street: 0, community: 0, category: 'martyr_family' },
  { street: 0, community: 1, category: 'martyr_family' },
  { street: 0, community: 1, category: 'retired_soldier' },
  { street: 0, community: 0, category: 'disabled_veteran' },
  { street: 0, community: 0, category: 'retired_soldier', alive: false },
  { street: 1, community: 0, category: 'retired_soldier' },
  { street: 1, community: 1, category: 'retired_soldier' },
  { street: 1, community: 0, category: 'martyr_family' },
];
const living = people.filter((p) => p.alive !== false);
const streetNames = ['甲街道', '乙街道'] as const;

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  regions = await seedRegions(server.ctx);
  for (const p of people) {
    await createPerson(server.ctx, {
      regionId: regions.communities[p.street][p.community],
      categoryCode: p.category,
      alive: p.alive ?? true,
    });
  }
  leader = await createUser(server.ctx, { role: 'leader', regionId: regions.district });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(user: { username: string; password: string }, viewport = { width: 1400, height: 900 }) {
  // Reduced motion: the charts draw at once, without their grow-in animation.
  const page = await browser.newPage({ viewport, locale: 'zh-CN', acceptDownloads: true, reducedMotion: 'reduce' });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(user.username);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** A number as the page prints it (`1,234.00`, `85.3`, `—`). */
const numberOf = (text: string | null) => {
  const t = (text ?? '').replaceAll(',', '').trim();
  return t === '—' || t === '' ? null : Number(t);
};

/**
 * Clicks the i-th bar of the first series: the canvas is read for the series colour and the bars are the runs of
 * columns that carry it, left to right, so the click needs no knowledge of the chart's layout.
 */
async function clickBar(card: Locator, index: number, rgb: [number, number, number]) {
  const canvas = card.locator('canvas').first();
  const point = await canvas.evaluate(
    (el, { index, rgb }) => {
      const c = el as HTMLCanvasElement;
      const ctx = c.getContext('2d');
      if (!ctx) return null;
      const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
      const hits: { x: number; y: number }[] = [];
      for (let x = 0; x < width; x++) {
        for (let y = height - 1; y >= 0; y--) {
          const o = (y * width + x) * 4;
          if (
            Math.abs(data[o]! - rgb[0]) < 6 &&
            Math.abs(data[o + 1]! - rgb[1]) < 6 &&
            Math.abs(data[o + 2]! - rgb[2]) < 6
          ) {
            hits.push({ x, y });
            break;
          }
        }
      }
      const runs: { x: number; y: number }[][] = [];
      for (const h of hits) {
        const last = runs.at(-1);
        if (last && h.x - last.at(-1)!.x <= 1) last.push(h);
        else runs.push([h]);
      }
      const bars = runs.filter((r) => r.length >= 4);
      const bar = bars[index];
      if (!bar) return null;
      const mid = bar[Math.floor(bar.length / 2)]!;
      const scale = c.width / c.clientWidth;
      return { x: mid.x / scale, y: (mid.y - 3) / scale, bars: bars.length };
    },
    { index, rgb },
  );
  expect(point, 'the bar is drawn on the canvas').not.toBeNull();
  await canvas.click({ position: { x: point!.x, y: point!.y } });
}

describe.runIf(run)('dashboards and reports in Chromium', () => {
  it('a leader reads the charts, drills into a bar and downloads the report with the same figures', async () => {
    const page = await signIn(leader);
    // A leader's home is the dashboard.
    await page.waitForURL((url) => url.pathname === '/reports/dashboard');
    const card = page.getByTestId('panel-registryByStreet');
    await card.locator('canvas').first().waitFor();
    expect(
      await card
        .locator('canvas')
        .first()
        .evaluate((c) => (c as HTMLCanvasElement).width),
    ).toBeGreaterThan(100);

    // 总览: the living people counted in the leader's district.
    expect(numberOf(await page.getByTestId('figure-people-value').textContent())).toBe(living.length);

    // The same figures one click away, as a table.
    await page.getByTestId('panel-registryByStreet-switch').getByText('表格').click();
    const streetRow = card.locator('tr[data-testid^="panel-row-"]', { hasText: streetNames[0] });
    await streetRow.waitFor();
    const expected = living.filter((p) => p.street === 0).length;
    const firstSeries = streetRow.locator('td[data-series]').first();
    expect(numberOf(await firstSeries.textContent())).toBe(expected);
    const rowIndex = (await card.locator('tr[data-testid^="panel-row-"]').allTextContents()).findIndex((t) =>
      t.includes(streetNames[0]),
    );

    // Back to the chart: a click on 甲街道's bar opens the person list behind it.
    await page.getByTestId('panel-registryByStreet-switch').getByText('图表').click();
    await card.locator('canvas').first().waitFor();
    await clickBar(card, rowIndex, [183, 28, 28]);
    await page.waitForURL((url) => url.pathname === '/registry/persons');
    expect(new URL(page.url()).searchParams.size).toBeGreaterThan(0);
    await expect
      .poll(async () => (await page.locator('.ant-pagination-total-text').textContent()) ?? '')
      .toBe(`共 ${expected} 人`);

    // The report: by street and category, with a 合计 row.
    await page.goto(`${server.baseUrl}/reports/tables`);
    await choose(page, page.getByTestId('report-select'), '优抚对象分类统计表', { search: false });
    const report = page.getByTestId('report');
    const row = report.locator('tr[data-testid="report-row"]', { hasText: streetNames[0] }).first();
    await row.waitFor();
    const pageFigures = (await row.locator('td[data-part="value"]').allTextContents()).map(numberOf);
    expect(pageFigures).toContain(expected);
    const totals = (
      await report.getByTestId('report-total-row').first().locator('[data-part="value"]').allTextContents()
    ).map(numberOf);
    expect(totals).toContain(living.length);

    // The xlsx holds the same numbers as the page, row for row.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new (excelJs().Workbook)();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelTypes.Buffer);
    const numbersOfRow = (label: string) => {
      for (const sheet of workbook.worksheets) {
        let found: (number | null)[] | undefined;
        sheet.eachRow((r) => {
          const cells = (r.values as ExcelTypes.CellValue[]).slice(1);
          if (found || !cells.some((v) => v === label)) return;
          found = cells
            .filter((v) => typeof v === 'number' || v === null || v === '—' || v === undefined)
            .map((v) => (typeof v === 'number' ? v : null));
        });
        if (found) return found;
      }
      return undefined;
    };
    const xlsxRow = numbersOfRow(streetNames[0]);
    expect(xlsxRow, `xlsx row ${streetNames[0]}`).toBeDefined();
    expect(xlsxRow!.filter((v) => v !== null)).toEqual(pageFigures.filter((v) => v !== null));
    expect(numbersOfRow('合计')!.filter((v) => v !== null)).toEqual(totals.filter((v) => v !== null));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stacks the panels on a phone and still draws them', async () => {
    const phone = await signIn(leader, { width: 390, height: 844 });
    await phone.waitForURL((url) => url.pathname === '/reports/dashboard');
    const canvas = phone.getByTestId('panel-registryByStreet').locator('canvas').first();
    await canvas.waitFor();
    const box = (await canvas.boundingBox())!;
    expect(box.width).toBeGreaterThan(250);
    expect(box.width).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await phone.close();
  });
});
