import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, loadDemo } from '../src/server/demo/demo.service.ts';
import { createCampaign, generate, lockRoster } from '../src/server/modules/campaigns/campaigns.fixture.ts';
import { login } from '../test/helpers/test-app.ts';
import { browserAvailable, type E2eServer, launchBrowser, signInPage, startServer } from './browser.ts';

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
});
