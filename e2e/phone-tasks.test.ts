import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, loadDemo } from '../src/server/demo/demo.service.ts';
import { createCampaign, generate, transition } from '../src/server/modules/campaigns/campaigns.fixture.ts';
import type { TaskItem } from '../src/shared/api/campaign-tasks.api.ts';
import { login } from '../test/helpers/test-app.ts';
import { browserAvailable, type E2eServer, launchBrowser, startServer } from './browser.ts';

/**
 * A campaign task given to a visitor on its own (issue #4 item 9) reaches the visitor's phone list and is
 * recorded done there, through the phone's queue, once.
 */
const run = browserAvailable();
let server: E2eServer;
let browser: Browser;
const completions: string[] = [];

beforeAll(async () => {
  if (!run) return;
  server = await startServer((app) => {
    app.addHook('onSend', async (request, _reply, payload) => {
      if (request.method === 'POST' && request.url.endsWith('/tasks/complete')) completions.push(String(payload));
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

describe.runIf(run)('tasks on the visitor’s phone', () => {
  it('a 春联 task assigned to the street’s visitor is listed on the phone and recorded done once', async () => {
    const office = await login(server.app, 'office', demoPassword);
    const campaign = await createCampaign(office);
    await office.post(`/api/campaigns/${campaign.id}/task-types`, { kind: 'couplets' });
    await generate(office, campaign.id);
    expect((await transition(office, campaign.id, 'in_review')).status).toBe(200);
    const reviews = await office.get<{ items: { streetId: number }[] }>(`/api/campaigns/${campaign.id}/reviews`);
    for (const r of reviews.body.items)
      await office.post(`/api/campaigns/${campaign.id}/reviews/${r.streetId}/confirm`, {});
    // Locking plans the tasks: no 安排任务 needed.
    expect((await transition(office, campaign.id, 'locked')).status).toBe(200);

    const street = await login(server.app, 'street', demoPassword);
    const me = await street.get<{ id: number }>('/api/auth/me');
    const tasks = await street.get<{ items: TaskItem[] }>(`/api/campaigns/${campaign.id}/tasks?status=pending`);
    const task = tasks.body.items[0]!;
    expect(task.kind).toBe('couplets');
    const assigned = await street.post(`/api/campaigns/${campaign.id}/tasks/assignments`, {
      taskIds: [task.id],
      userId: me.body.id,
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);

    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-username').fill('street');
    await page.getByTestId('login-password').fill(demoPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.baseUrl}/campaigns/visits`);
    const card = page.getByTestId('phone-task').filter({ hasText: task.subjectName });
    await card.waitFor();
    await card.getByTestId('phone-task-done').click();
    await page.getByRole('button', { name: '确认完成' }).click();
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(0);
    const row = await server.ctx.db
      .selectFrom('campaign_tasks')
      .select(['status', 'done_by'])
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'done', done_by: me.body.id });
    expect(completions).toHaveLength(1);
    expect(JSON.parse(completions[0]!)).toEqual({ done: [task.id], alreadyDone: [] });
    await page.close();
  });
});
