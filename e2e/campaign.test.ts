import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, loadDemo } from '../src/server/demo/demo.service.ts';
import { browserAvailable, drawSignature, type E2eServer, launchBrowser, startServer } from './browser.ts';

/**
 * The campaign journey of issue 4: the office creates a campaign from the 普陀区 preset, sets the amounts, runs
 * the trial and generates the roster; the street confirms; the office locks; a visitor on a phone records a visit
 * with a drawn signature — once online, once offline and synced later; progress moves.
 */
const run = browserAvailable();
let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  await loadDemo(server.ctx, { deployment: 'putuo', people: 600 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(username: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({
    viewport,
    locale: 'zh-CN',
    ...(viewport.width < 500 && { isMobile: true, hasTouch: true }),
  });
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(demoPassword);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** An antd number input, whichever element carries the test id. */
const numberInput = (page: Page, id: string) =>
  page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

const status = (page: Page) => page.getByTestId('campaign-status').textContent();

async function recordVisit(page: Page): Promise<string> {
  await page.getByText('本辖区全部', { exact: true }).click();
  const item = page.getByTestId('visit-item').filter({ hasText: '待走访' }).first();
  await item.waitFor();
  const name = ((await item.locator('strong').first().textContent()) ?? '').trim();
  await item.click();
  await page.getByTestId('visit-submit').waitFor();
  await page.locator('input[type="date"]').fill('2026-02-12');
  await drawSignature(page);
  await page.getByTestId('visit-submit').click();
  await page.waitForURL((url) => url.pathname === '/campaigns/visits');
  return name;
}

describe.runIf(run)('campaign journey in Chromium', () => {
  it('office → street → office → visitor on a phone → progress', async () => {
    const office = await signIn('office');
    await office.goto(`${server.baseUrl}/campaigns`);
    await office.getByTestId('campaign-create').click();
    await numberInput(office, 'campaign-year').fill('2026');
    await office.getByTestId('campaign-submit').click();
    await office.waitForURL(/\/campaigns\/\d+/);
    const campaignId = Number(new URL(office.url()).pathname.split('/').pop());

    // Amounts are placeholders: set each standard's 慰问金.
    const edits = office.getByTestId('standard-edit');
    await edits.first().waitFor();
    const count = await edits.count();
    expect(count).toBe(6);
    for (let i = 0; i < count; i++) {
      await edits.nth(i).click();
      const cash = numberInput(office, 'standard-cash');
      await cash.fill(String(300 + i * 100));
      await office.getByTestId('standard-save').click();
      await office.getByTestId('standard-save').waitFor({ state: 'detached' });
    }
    await expect.poll(() => office.getByText('金额待设定').count()).toBe(0);

    // Trial run with the chart by street, then the table.
    await office.getByRole('tab', { name: '试算' }).click();
    await office.getByTestId('trial-run').click();
    await office.getByTestId('trial-result').waitFor();
    await office.getByTestId('trial-view').getByText('表格').click();
    expect(await office.getByTestId('trial-row').count()).toBeGreaterThan(0);

    // Generate the roster (a job with progress), then send it to the streets.
    await office.getByTestId('roster-generate').click();
    await expect.poll(() => status(office), { timeout: 30_000 }).toContain('名单生成');
    await office.getByTestId('status-in_review').click();
    await office.getByTestId('confirm-in_review').click();
    await expect.poll(() => status(office)).toContain('审核中');

    // The street checks its entries (with reasons) and confirms.
    const street = await signIn('street');
    await street.goto(`${server.baseUrl}/campaigns/${campaignId}?tab=roster`);
    await street.getByTestId('entry-row').first().waitFor();
    await street.locator('.ant-table-row-expand-icon').first().click();
    await expect
      .poll(async () => (await street.getByTestId('entry-reasons').first().textContent()) ?? '')
      .toContain('类别');
    await street.goto(`${server.baseUrl}/campaigns/${campaignId}?tab=review`);
    await street.getByTestId('review-confirm').click();
    await street.getByTestId('review-confirm-ok').click();
    await expect.poll(() => street.getByTestId('review-confirm').count()).toBe(0);
    await street.close();

    // The office confirms the streets that have not (on their behalf) and locks.
    await office.goto(`${server.baseUrl}/campaigns/${campaignId}?tab=review`);
    await office.getByTestId('review-row').first().waitFor();
    while ((await office.getByTestId('review-confirm').count()) > 0) {
      const before = await office.getByTestId('review-confirm').count();
      await office.getByTestId('review-confirm').first().click();
      await office.getByTestId('review-confirm-ok').last().click();
      await expect.poll(() => office.getByTestId('review-confirm').count()).toBe(before - 1);
    }
    await office.getByTestId('status-locked').click();
    await office.getByTestId('confirm-locked').click();
    await expect.poll(() => status(office)).toContain('已锁定');
    await office.goto(`${server.baseUrl}/campaigns/${campaignId}?tab=progress`);
    const delivered = office.getByTestId('progress-delivered');
    await delivered.waitFor({ state: 'attached' });
    expect(await delivered.getAttribute('data-value')).toBe('0');

    // A visitor on a phone records a visit with a signature drawn on screen.
    const phone = await signIn('street', { width: 390, height: 844 });
    await phone.goto(`${server.baseUrl}/campaigns/visits`);
    await phone.getByTestId('offline-bar').waitFor();
    expect(await phone.locator('link[rel="manifest"]').count()).toBe(1);
    const first = await recordVisit(phone);
    const visit = await server.ctx.db
      .selectFrom('campaign_visits')
      .innerJoin('campaign_roster_entries', 'campaign_roster_entries.id', 'campaign_visits.entry_id')
      .select(['campaign_roster_entries.person_name', 'campaign_visits.signature_sha256'])
      .executeTakeFirstOrThrow();
    expect(visit.person_name).toBe(first);
    expect(visit.signature_sha256).toMatch(/^[0-9a-f]{64}$/);

    // Offline: the next visit waits on the phone and is synced when the network is back.
    await phone.context().setOffline(true);
    await recordVisit(phone);
    await expect.poll(async () => phone.getByTestId('offline-count').getAttribute('data-value')).toBe('1');
    await phone.context().setOffline(false);
    await phone.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect
      .poll(async () => phone.getByTestId('offline-count').getAttribute('data-value'), { timeout: 15_000 })
      .toBe('0');
    const visits = await server.ctx.db.selectFrom('campaign_visits').select(['recorded_offline']).execute();
    expect(visits.map((v) => v.recorded_offline).sort()).toEqual([0, 1]);
    await phone.close();

    // Progress moved.
    await office.reload();
    await expect.poll(async () => office.getByTestId('progress-delivered').getAttribute('data-value')).toBe('2');

    // The sign-off sheets are made as a job: a progress bar, then a download button that yields the PDF.
    await office.goto(`${server.baseUrl}/campaigns/${campaignId}?tab=documents`);
    await office.getByTestId('download-sign-off-sheets').click();
    const downloadButton = office.getByTestId('document-download');
    await downloadButton.waitFor({ timeout: 30_000 });
    const [pdf] = await Promise.all([office.waitForEvent('download'), downloadButton.click()]);
    expect(pdf.suggestedFilename()).toMatch(/签收表.*\.pdf$/);
    await office.close();
  });
});
