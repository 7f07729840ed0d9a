import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedRegions } from '../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { AppError } from '../../shared/errors.ts';
import { type Actor, systemActor } from './access.ts';
import { getJob, interruptedMessage, jobSettled, staleAfterMs, startJob, toJobView } from './jobs.ts';

let ctx: TestContext;
let app: FastifyInstance;
let owner: TestClient;
let other: TestClient;
let ownerActor: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  const r = await seedRegions(ctx);
  const a = await createUser(ctx, { role: 'office', regionId: r.district });
  const b = await createUser(ctx, { role: 'office', regionId: r.district });
  owner = await login(app, a.username, a.password);
  other = await login(app, b.username, b.password);
  ownerActor = { ...systemActor(), userId: a.id, role: 'office', regionId: r.district, regionIds: [r.district] };
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('jobs', () => {
  it('runs queued → running → succeeded, with progress and a result', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const id = await startJob(ctx.db, ownerActor, { kind: 'test.ok', total: 10 }, async (reporter) => {
      reporter.progress(4, 10, '正在处理第 4 项');
      await gate;
      return { done: 10 };
    });
    expect((await getJob(ctx.db, id))?.status).toMatch(/queued|running/);
    // Progress is written in the background, throttled: wait until it shows.
    for (let i = 0; i < 50 && (await getJob(ctx.db, id))?.progress !== 4; i++)
      await new Promise((r) => setTimeout(r, 50));
    const running = await getJob(ctx.db, id);
    expect(running).toMatchObject({ status: 'running', progress: 4, total: 10, message: '正在处理第 4 项' });
    release();
    await jobSettled(id);
    expect(await getJob(ctx.db, id)).toMatchObject({
      status: 'succeeded',
      progress: 10,
      result: { done: 10 },
      errorCode: null,
    });
  });

  it('records a failure with its code and Chinese message; an unexpected error says nothing of its internals', async () => {
    const known = await startJob(ctx.db, ownerActor, { kind: 'test.fail' }, async () => {
      throw new AppError('CONFLICT', '第 3 行：该身份证号已登记');
    });
    const unknown = await startJob(ctx.db, ownerActor, { kind: 'test.crash' }, async () => {
      throw new Error('SQLITE_BUSY: secret internals');
    });
    await Promise.all([jobSettled(known), jobSettled(unknown)]);
    expect(await getJob(ctx.db, known)).toMatchObject({
      status: 'failed',
      errorCode: 'CONFLICT',
      message: '第 3 行：该身份证号已登记',
    });
    const crashed = await getJob(ctx.db, unknown);
    expect(crashed).toMatchObject({ status: 'failed', errorCode: 'INTERNAL' });
    expect(crashed?.message).not.toContain('SQLITE');
  });

  it('reports a job whose node went silent as interrupted', () => {
    const row = {
      id: 1,
      kind: 'x',
      status: 'running',
      progress: 1,
      total: 2,
      message: '正在处理',
      result_json: null,
      error_code: null,
      created_by: 1,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    };
    const later = Date.parse(row.updated_at) + staleAfterMs + 1;
    expect(toJobView(row, later)).toMatchObject({
      status: 'failed',
      errorCode: 'INTERNAL',
      message: interruptedMessage,
    });
    expect(toJobView(row, Date.parse(row.updated_at) + 1000).status).toBe('running');
  });

  it('shows a job to its owner only, over HTTP', async () => {
    const id = await startJob(ctx.db, ownerActor, { kind: 'test.http', total: 1 }, async () => 'ok');
    await jobSettled(id);
    const mine = await owner.get<{ status: string; result: unknown }>(`/api/jobs/${id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ status: 'succeeded', result: 'ok' });
    expect((await other.get(`/api/jobs/${id}`)).status).toBe(404);
    expect((await owner.get('/api/jobs/999999')).status).toBe(404);
  });
});
