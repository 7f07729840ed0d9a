import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedRegions } from '../../../test/helpers/factories.ts';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { type Actor, systemActor } from './access.ts';
import {
  assertJobClaim,
  committedMessage,
  createJob,
  getJob,
  interruptedMessage,
  type JobRuntime,
  jobSettled,
  onJobAbandoned,
  reapAbandonedJobs,
  runJob,
  startJob,
} from './jobs.ts';

// Several nodes on one database, simulated in one process: each node is a runtime with its own name, and all
// share one clock that the test moves by hand.
let ctx: TestContext;
let actor: Actor;
let clock = Date.parse('2027-01-20T08:00:00.000Z');
const leaseMs = 60_000;
const node = (name: string): JobRuntime => ({ node: name, leaseMs, now: () => clock });
const [nodeA, nodeB, nodeC] = [node('host-a/101/aa'), node('host-b/202/bb'), node('host-c/303/cc')];

beforeAll(async () => {
  ctx = await createTestContext();
  const r = await seedRegions(ctx);
  const u = await createUser(ctx, { role: 'office', regionId: r.district });
  actor = { ...systemActor(), userId: u.id, role: 'office', regionId: r.district, regionIds: [r.district] };
  // What a job of this kind leaves behind when its node dies: a marker row, so the test can count cleanups.
  onJobAbandoned('test.lease', async (trx, params) => {
    const { tag } = params as { tag: string };
    await trx
      .insertInto('settings')
      .values({ key: `cleanup:${tag}`, value: 'done' })
      .execute();
  });
});
afterAll(() => ctx.close());

const setting = async (key: string) =>
  (await ctx.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;

async function waitFor(check: () => Promise<boolean>) {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('jobs on several nodes', () => {
  it('fails a job whose node died once its lease runs out, once, with its cleanup, and never starts it again', async () => {
    const id = await createJob(ctx.db, actor, { kind: 'test.lease', params: { tag: 'died' } }, nodeA);
    expect(await ctx.db.selectFrom('jobs').select('owner_node').where('id', '=', id).executeTakeFirst()).toEqual({
      owner_node: nodeA.node,
    });

    clock += leaseMs - 1000;
    expect(await reapAbandonedJobs(ctx.db, nodeB)).not.toContain(id);
    expect((await getJob(ctx.db, id, nodeB))?.status).toBe('queued');

    clock += 2000;
    // Two surviving nodes notice at the same moment: exactly one of them fails the job and cleans up.
    const [byB, byC] = await Promise.all([reapAbandonedJobs(ctx.db, nodeB), reapAbandonedJobs(ctx.db, nodeC)]);
    expect([...byB, ...byC].filter((j) => j === id)).toEqual([id]);
    expect(await getJob(ctx.db, id, nodeB)).toMatchObject({
      status: 'failed',
      errorCode: 'INTERNAL',
      message: interruptedMessage,
    });
    expect(await setting('cleanup:died')).toBe('done');

    let ran = 0;
    await runJob(ctx.db, id, async () => ran++, nodeB);
    await runJob(ctx.db, id, async () => ran++, nodeA);
    expect(ran).toBe(0);
    expect((await getJob(ctx.db, id, nodeB))?.status).toBe('failed');
  });

  it('keeps a job alive while its node reports progress, and leaves a node its own running jobs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const id = await startJob(
      ctx.db,
      actor,
      { kind: 'test.lease', params: { tag: 'alive' }, total: 2 },
      async (reporter) => {
        await gate;
        clock += leaseMs - 1000;
        reporter.progress(1, 2, '第一步完成');
        await waitFor(async () => (await getJob(ctx.db, id, nodeB))?.progress === 1);
        return 'ok';
      },
      nodeA,
    );
    await waitFor(async () => (await getJob(ctx.db, id, nodeA))?.status === 'running');
    clock += leaseMs + 1;
    // Node A still runs it: past its lease, yet A itself does not fail it.
    expect(await reapAbandonedJobs(ctx.db, nodeA)).not.toContain(id);
    clock -= leaseMs + 1;
    release();
    await waitFor(async () => (await getJob(ctx.db, id, nodeB))?.progress === 1);
    // The progress write renewed the lease: another node, a little later than the first lease, leaves it be.
    clock += 2000;
    expect(await reapAbandonedJobs(ctx.db, nodeB)).not.toContain(id);
    await jobSettled(id);
    expect(await getJob(ctx.db, id, nodeB)).toMatchObject({ status: 'succeeded', result: 'ok' });
    expect(await setting('cleanup:alive')).toBeNull();
  });

  it('commits nothing when the node was presumed dead while it worked: the job stays failed, its data absent', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const id = await startJob(
      ctx.db,
      actor,
      { kind: 'test.lease', params: { tag: 'stalled' } },
      async () => {
        await gate;
        await ctx.db.transaction().execute(async (trx) => {
          await trx.insertInto('settings').values({ key: 'stalled:data', value: 'half' }).execute();
          await assertJobClaim(trx);
        });
        return 'committed';
      },
      nodeA,
    );
    await waitFor(async () => (await getJob(ctx.db, id, nodeA))?.status === 'running');
    // Node A stalls past its lease; node B fails the job.
    clock += leaseMs + 1;
    expect(await reapAbandonedJobs(ctx.db, nodeB)).toContain(id);
    release();
    await jobSettled(id);
    expect(await setting('stalled:data')).toBeNull();
    expect(await getJob(ctx.db, id, nodeB)).toMatchObject({ status: 'failed', message: interruptedMessage });
    expect(await setting('cleanup:stalled')).toBe('done');
  });

  it('lets the work of a job whose claim holds commit its data', async () => {
    const id = await startJob(
      ctx.db,
      actor,
      { kind: 'test.lease', params: { tag: 'fine' } },
      async () => {
        await ctx.db.transaction().execute(async (trx) => {
          await trx.insertInto('settings').values({ key: 'fine:data', value: 'whole' }).execute();
          await assertJobClaim(trx);
        });
        return 'committed';
      },
      nodeA,
    );
    await jobSettled(id);
    expect(await setting('fine:data')).toBe('whole');
    expect((await getJob(ctx.db, id, nodeB))?.status).toBe('succeeded');
  });

  it('knows a job succeeded when its node died after the data committed but before the final status', async () => {
    let finish = () => {};
    const id = await startJob(
      ctx.db,
      actor,
      { kind: 'test.lease', params: { tag: 'late' } },
      async () => {
        await ctx.db.transaction().execute(async (trx) => {
          await trx.insertInto('settings').values({ key: 'late:data', value: 'whole' }).execute();
          await assertJobClaim(trx);
        });
        // The node dies here: the work never reports back.
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
        return 'never seen';
      },
      nodeA,
    );
    await waitFor(async () => (await setting('late:data')) !== null);
    clock += leaseMs + 1000;
    expect((await getJob(ctx.db, id, nodeB))?.status).toBe('succeeded');
    expect(await reapAbandonedJobs(ctx.db, nodeB)).toContain(id);
    expect(await getJob(ctx.db, id, nodeB)).toMatchObject({ status: 'succeeded', message: committedMessage });
    // Nothing was undone: the cleanup of an abandoned job is for work that did not commit.
    expect(await setting('cleanup:late')).toBeNull();
    expect(await setting('late:data')).toBe('whole');
    finish();
    await jobSettled(id);
  });
});
