import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, loadDemo } from '../src/server/demo/demo.service.ts';
import { createCampaign, generate, transition } from '../src/server/modules/campaigns/campaigns.fixture.ts';
import { login } from '../test/helpers/test-app.ts';
import { browserAvailable, drawSignature, type E2eServer, launchBrowser, startServer } from './browser.ts';

/**
 * Offline after a reload (issue #4 §6): a visitor opens the list, loses the network, reloads, still sees the
 * list, records a visit; back online the visit syncs — and when the first sync's answer is lost on the way
 * back, the second attempt does not deliver the entry twice. The "network" is cut both in the browser
 * (setOffline) and at the server (connections dropped), so the service worker really answers from its copy.
 */
const run = browserAvailable();
let server: E2eServer;
let browser: Browser;
/** While true, the server drops every connection, as an unreachable network would. */
let networkDown = false;
/** While true, the next visit POST is committed but its answer never reaches the phone. */
let loseNextVisitAnswer = false;
const visitPosts: string[] = [];
/** What the server answered each visit POST: replayed or not (or the error code). */
const visitAnswers: string[] = [];

beforeAll(async () => {
  if (!run) return;
  server = await startServer((app) => {
    app.addHook('onRequest', async (request, reply) => {
      if (!networkDown) return;
      reply.hijack();
      request.raw.socket.destroy();
    });
    app.addHook('onSend', async (request, _reply, payload) => {
      if (request.method === 'POST' && request.url.endsWith('/visit')) {
        visitPosts.push(request.url);
        const body = JSON.parse(String(payload)) as { replayed?: boolean; error?: { code: string } };
        visitAnswers.push(body.error ? body.error.code : body.replayed ? 'replayed' : 'recorded');
        if (loseNextVisitAnswer) {
          loseNextVisitAnswer = false;
          request.raw.socket.destroy();
        }
      }
      return payload;
    });
  });
  await loadDemo(server.ctx, { deployment: 'putuo', people: 300 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A locked campaign of the demo's office, ready for visits. */
async function lockedCampaign(): Promise<number> {
  const office = await login(server.app, 'office', demoPassword);
  const campaign = await createCampaign(office);
  await generate(office, campaign.id);
  expect((await transition(office, campaign.id, 'in_review')).status).toBe(200);
  const reviews = await office.get<{ items: { streetId: number }[] }>(`/api/campaigns/${campaign.id}/reviews`);
  for (const r of reviews.body.items) {
    await office.post(`/api/campaigns/${campaign.id}/reviews/${r.streetId}/confirm`, {});
  }
  expect((await transition(office, campaign.id, 'locked')).status).toBe(200);
  // Visits of this campaign count toward 情系边海防官兵 unless the visitor changes it.
  const programmes = await office.get<{ items: { id: number; name: string }[] }>('/api/troops/programmes');
  const border = programmes.body.items.find((p) => p.name === '情系边海防官兵')!;
  const tagged = await office.put(`/api/campaigns/${campaign.id}/visit-programmes`, { programmeIds: [border.id] });
  expect(tagged.status).toBe(200);
  return campaign.id;
}

/** Until the service worker serves the page and keeps the shell, the identity and the list. */
async function waitUntilKeptForOffline(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  await page.waitForFunction(
    async () => {
      const { files } = (await (await fetch('/offline-assets.json')).json()) as { files: string[] };
      const shell = new Set(
        (await (await caches.open('shuangyong-shell-v2')).keys()).map((r) => new URL(r.url).pathname),
      );
      const data = (await (await caches.open('shuangyong-data-v1')).keys()).map((r) => new URL(r.url));
      return (
        files.every((f) => shell.has(f)) &&
        shell.has('/') &&
        data.some((u) => u.pathname === '/api/auth/me') &&
        data.some((u) => u.pathname === '/api/visits/form-options') &&
        data.some((u) => u.pathname === '/api/visits/mine' && u.searchParams.get('scope') === 'region')
      );
    },
    undefined,
    { timeout: 60_000, polling: 500 },
  );
}

async function setNetwork(context: BrowserContext, up: boolean): Promise<void> {
  networkDown = !up;
  await context.setOffline(!up);
}

describe.runIf(run)('the visit app without network, after a reload', () => {
  it('keeps the list, queues the visit, syncs it once even when the first answer is lost', async () => {
    const campaignId = await lockedCampaign();
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-username').fill('street');
    await page.getByTestId('login-password').fill(demoPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    // The manifest is linked from every page, not only the visit list.
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');

    await page.goto(`${server.baseUrl}/campaigns/visits`);
    await page.getByText('本辖区全部', { exact: true }).click();
    await page.getByTestId('visit-item').first().waitFor();
    await waitUntilKeptForOffline(page);
    const online = await page.getByTestId('visit-item').allTextContents();
    // Only the identity, the visitor's own list and the form's choices are kept — nothing else under /api.
    const keptPaths = await page.evaluate(async () =>
      (await (await caches.open('shuangyong-data-v1')).keys()).map((r) => new URL(r.url).pathname),
    );
    const allowed = ['/api/auth/me', '/api/visits/mine', '/api/visits/form-options', '/api/registry/dictionary'];
    expect(keptPaths.filter((p) => !allowed.includes(p))).toEqual([]);

    await setNetwork(context, false);
    await page.reload();
    await page.getByTestId('visit-item').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('visit-item').allTextContents()).toEqual(online);
    await expect.poll(() => page.getByTestId('offline-banner').textContent()).toContain('当前没有网络');

    const item = page.getByTestId('visit-item').filter({ hasText: '待走访' }).first();
    const name = ((await item.locator('strong').first().textContent()) ?? '').trim();
    await item.click();
    await page.getByTestId('visit-submit').waitFor();
    await page.locator('input[type="date"]').fill('2026-02-12');
    await drawSignature(page);
    // A need for a department, with its kind chosen from the choices kept for offline use.
    await page.getByTestId('visit-to-request').click();
    await page.getByTestId('visit-request-kind').click();
    await page.getByTitle('随军家属就业').click();
    await page.getByTestId('visit-request-content').fill('儿媳随军来沪，希望协助安排就业');
    // The campaign's programme is preset from the choices kept for offline use.
    expect(await page.getByRole('checkbox', { name: '情系边海防官兵' }).isChecked()).toBe(true);
    await page.getByTestId('visit-submit').click();
    await page.waitForURL((url) => url.pathname === '/campaigns/visits');
    await expect.poll(() => page.getByTestId('offline-count').getAttribute('data-value')).toBe('1');
    expect(visitPosts).toHaveLength(0);

    // Back online: the first sync is committed, but its answer is lost on the way back; the visit is sent again
    // (by the page's sync, or by the browser retrying the dropped connection) and answered as already recorded.
    loseNextVisitAnswer = true;
    await setNetwork(context, true);
    await expect.poll(() => visitPosts.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await expect
      .poll(
        async () => {
          if (visitPosts.length < 2) await page.getByRole('button', { name: /立即同步/ }).click({ timeout: 2_000 });
          return page.getByTestId('offline-count').getAttribute('data-value');
        },
        { timeout: 30_000 },
      )
      .toBe('0');
    expect(new Set(visitPosts).size).toBe(1);
    expect(visitAnswers[0]).toBe('recorded');
    expect(visitAnswers.slice(1).length).toBeGreaterThanOrEqual(1);
    expect(new Set(visitAnswers.slice(1))).toEqual(new Set(['replayed']));

    const entryId = Number(visitPosts[0]!.split('/').at(-2));
    const visits = await server.ctx.db
      .selectFrom('campaign_visits')
      .select(['entry_id', 'recorded_offline', 'visited_on'])
      .where('campaign_id', '=', campaignId)
      .execute();
    expect(visits).toEqual([{ entry_id: entryId, recorded_offline: 1, visited_on: '2026-02-12' }]);
    const entry = await server.ctx.db
      .selectFrom('campaign_roster_entries')
      .select(['person_name', 'visit_status'])
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ person_name: name, visit_status: 'delivered' });
    // The need became exactly one request about this family, however often the visit was sent.
    const requests = await server.ctx.db
      .selectFrom('troop_requests')
      .innerJoin('campaign_visits', 'campaign_visits.id', 'troop_requests.visit_id')
      .select(['troop_requests.kind_code', 'troop_requests.family_name', 'troop_requests.source'])
      .where('campaign_visits.entry_id', '=', entryId)
      .execute();
    expect(requests).toEqual([{ kind_code: 'family_employment', family_name: name, source: 'visit' }]);

    // The visited household's record shows the request with its status, and the programme.
    // The switch, by its title: the card just synced may still carry an 已走访 tag until the list reloads.
    await page.getByTitle('已走访', { exact: true }).click();
    await page.getByTestId('visit-item').filter({ hasText: name }).first().click();
    await expect.poll(() => page.getByTestId('visit-links').textContent(), { timeout: 15_000 }).toContain('待受理');
    expect(await page.getByTestId('visit-links').textContent()).toContain('情系边海防官兵');
    expect(await page.getByTestId('visit-request').textContent()).toContain('随军家属就业');

    // Logging out forgets the kept identity and list on this phone.
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录', { exact: true }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    const kept = await page.evaluate(async () =>
      (await (await caches.open('shuangyong-data-v1')).keys()).map((r) => new URL(r.url).pathname),
    );
    expect(kept).toEqual([]);
    await context.close();
  });
});
