import { Converter } from 'opencc-js/cn2t';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, loadDemo } from '../src/server/demo/demo.service.ts';
import { createCampaign, generate, lockRoster } from '../src/server/modules/campaigns/campaigns.fixture.ts';
import { idCheckDigit } from '../src/shared/domain/id-number.ts';
import { login } from '../test/helpers/test-app.ts';
import { browserAvailable, drawSignature, type E2eServer, launchBrowser, signInPage, startServer } from './browser.ts';

/**
 * A street worker on a 390 px phone during a field visit: the pages of the visit round fit the screen, the
 * progress figures read as written, a refused visit says why where the worker is looking, and the proxy's ID
 * number is taken as people type it (lowercase x, full-width digits) and checked before it can be queued.
 */
const run = browserAvailable();
let server: E2eServer;
let browser: Browser;
let campaignId = 0;

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  await loadDemo(server.ctx, { deployment: 'putuo', people: 300 });
  const office = await login(server.app, 'office', demoPassword);
  const campaign = await createCampaign(office);
  campaignId = campaign.id;
  await generate(office, campaign.id);
  // Every street confirms its part (here the office on their behalf), then the roster is locked.
  const streets = await server.ctx.db
    .selectFrom('regions')
    .select('id')
    .where('level', 'in', ['street', 'town'])
    .execute();
  await lockRoster(
    office,
    campaign.id,
    streets.map((s) => s.id),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const phone = { width: 390, height: 844 };
const phoneSignIn = (username: string) => signInPage(browser, server.baseUrl, username, demoPassword, phone);

/** How far the whole page can be scrolled sideways (0 when it fits the phone). */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const inViewport = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });

describe.runIf(run)('a field visit on a phone', () => {
  it('the round’s pages fit a 390 px screen and the progress figures read as written', async () => {
    const page = await phoneSignIn('street');
    for (const path of ['/campaigns/visits', '/registry/persons', '/honours/plaques', '/honours/merits']) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.locator('.sy-page-header h1').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await pageOverflow(page), path).toBe(0);
    }

    await page.goto(`${server.baseUrl}/campaigns/${campaignId}?tab=progress`);
    const delivered = page.getByTestId('progress-delivered');
    await delivered.waitFor();
    // The rate sits on its own line: "0 / 40" followed by "0.0%" read as "0 / 400.0%".
    expect(await delivered.textContent()).toBe('完成率 0.0%');
    expect(await pageOverflow(page)).toBe(0);
    await page.close();
  });

  it('a visit refused on the phone says why in view; the proxy’s ID is taken as typed and checked first', async () => {
    const page = await phoneSignIn('street');
    await page.goto(`${server.baseUrl}/campaigns/visits?scope=region`);
    const item = page.getByTestId('visit-item').filter({ hasText: '待走访' }).first();
    await item.waitFor();
    const name = ((await item.locator('strong').first().textContent()) ?? '').trim();
    await item.click();
    const submit = page.getByTestId('visit-submit');
    await submit.waitFor();

    // No signature: the reason shows where the worker is looking (the button is at the foot of the form).
    await submit.scrollIntoViewIfNeeded();
    await submit.click();
    await expect.poll(() => inViewport(page, 'visit-error')).toBe(true);
    expect(await page.getByTestId('visit-error').textContent()).toContain('签名');

    // A proxy with a mistyped ID number is stopped on the phone, before it could be queued offline.
    await page.getByText('本人签收').click();
    await page.getByLabel('代领人姓名').fill('王小明');
    await page.getByLabel('与本人关系').fill('儿子');
    const first17 = '31010719650203106';
    const check = idCheckDigit(first17);
    const wrong = `${first17}${check === '1' ? '2' : '1'}`;
    await page.getByTestId('visit-proxy-id').fill(wrong);
    await drawSignature(page);
    await page.context().setOffline(true);
    await submit.click();
    const fieldError = page.locator('.ant-form-item-explain-error').filter({ hasText: '校验位' });
    await fieldError.waitFor();
    // Still on the form (a queued visit would have gone back to the list).
    expect(await submit.isVisible()).toBe(true);
    // So is a 10-digit contact phone on a request for a department: the server would refuse the whole visit.
    await page.getByTestId('visit-to-request').click();
    await page.getByLabel('联系电话（选填，供办理部门联系）').fill('1380013800');
    await submit.click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '手机号应为 11 位' }).waitFor();
    expect(await submit.isVisible()).toBe(true);
    await page.getByTestId('visit-to-request').click();
    await page.context().setOffline(false);

    // Full-width digits and a lowercase x, as a phone keyboard gives them, are the same number.
    const typed = `${first17}${check}`
      .replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
      .replace('X', 'x');
    await page.getByTestId('visit-proxy-id').fill(typed);
    await submit.click();
    await page.waitForURL((url) => url.pathname === '/campaigns/visits');
    const visit = await server.ctx.db
      .selectFrom('campaign_visits')
      .innerJoin('campaign_roster_entries', 'campaign_roster_entries.id', 'campaign_visits.entry_id')
      .select(['campaign_roster_entries.person_name', 'campaign_visits.proxy_id_masked'])
      .executeTakeFirstOrThrow();
    expect(visit.person_name).toBe(name);
    expect(visit.proxy_id_masked).toMatch(/^310107\*+\d{3}[0-9X]$/);
    await page.close();
  });

  it('in 繁體 the visit list shows each name as registered (范 stays 范, never 範)', async () => {
    const page = await phoneSignIn('street');
    await page.evaluate(() => localStorage.setItem('shuangyong.script', 'traditional'));
    await page.goto(`${server.baseUrl}/campaigns/visits?scope=region`);
    await expect.poll(() => page.locator('.sy-page-header h1').textContent()).toBe('走訪登記');
    await page.getByTestId('visit-item').first().waitFor();
    const shown = (await page.getByTestId('visit-item').locator('strong').allTextContents()).map((n) => n.trim());
    const registered = await server.ctx.db
      .selectFrom('campaign_roster_entries')
      .select('person_name')
      .where('campaign_id', '=', campaignId)
      .execute();
    const names = new Set(registered.map((r) => r.person_name));
    expect(shown.length).toBeGreaterThan(0);
    for (const name of shown) expect(names, name).toContain(name);
    // At least one of them has a character the switch would have changed, so the check means something.
    const toTraditional = Converter({ from: 'cn', to: 'tw' });
    expect(shown.some((n) => toTraditional(n) !== n)).toBe(true);
    await page.close();
  });

  it('the visit list settles: no endless sync spinner, no IndexedDB churn draining the phone', async () => {
    const page = await phoneSignIn('street');
    await page.goto(`${server.baseUrl}/campaigns/visits`);
    await page.getByTestId('offline-count').waitFor();
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => {
      const w = window as unknown as { opens: number };
      w.opens = 0;
      const open = indexedDB.open.bind(indexedDB);
      indexedDB.open = (...args: Parameters<IDBFactory['open']>) => {
        w.opens++;
        return open(...args);
      };
    });
    await page.waitForTimeout(3000);
    // Idle with an empty queue: the next sync is 30 s away (it was ~70 opens a second, a render loop).
    expect(await page.evaluate(() => (window as unknown as { opens: number }).opens)).toBeLessThanOrEqual(2);
    expect(await page.locator('.ant-btn-loading').count()).toBe(0);
    await page.close();
  });
});
