import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { systemActor } from './access.ts';
import { appendAudit, verifyAuditChain } from './audit.ts';
import { groupTransaction } from './group-commit.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const auditedIds = async () =>
  (await ctx.db.selectFrom('audit_log').select('entity_id').where('entity_type', '=', 'gc-test').execute()).map((r) =>
    Number(r.entity_id),
  );

describe('group commit', () => {
  it('commits requests issued together in one transaction', async () => {
    const txids = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        groupTransaction(ctx.db, async (trx) => {
          await appendAudit(trx, systemActor(), { action: 'update', entityType: 'gc-test', entityId: 100 + i });
          return ctx.engine === 'postgres'
            ? String((await sql<{ x: string }>`SELECT txid_current()::text AS x`.execute(trx)).rows[0]!.x)
            : 'sqlite';
        }),
      ),
    );
    expect(new Set(txids).size).toBe(1);
    expect((await auditedIds()).filter((id) => id >= 100).sort()).toEqual([100, 101, 102, 103, 104]);
  });

  it('commits the requests that succeed together, and rolls back only the ones that fail', async () => {
    const runs = new Map<number, number>();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        groupTransaction(ctx.db, async (trx) => {
          runs.set(i, (runs.get(i) ?? 0) + 1);
          await appendAudit(trx, systemActor(), { action: 'update', entityType: 'gc-test', entityId: i });
          // Request 2 breaks a constraint after its audit record (PostgreSQL aborts the statement), request 4
          // throws: both must leave nothing behind and not disturb the others.
          if (i === 2) await sql`INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, 'x')`.execute(trx);
          if (i === 4) throw new Error('refused');
          return i * 10;
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(outcomes[4]).toMatchObject({ status: 'rejected', reason: { message: 'refused' } });
    expect(outcomes[5]).toMatchObject({ status: 'fulfilled', value: 50 });
    // Each success committed once, although the requests before the first failure ran twice.
    expect((await auditedIds()).filter((id) => id < 100).sort()).toEqual([0, 1, 3, 5]);
    expect(runs.get(0)).toBe(2);
    expect(runs.get(2)).toBe(1);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it('runs a batch in lock order, so two batches lock shared rows alike and never deadlock', async () => {
    await sql`CREATE TABLE IF NOT EXISTS gc_hot (id integer PRIMARY KEY, n integer NOT NULL)`.execute(ctx.db);
    await sql`DELETE FROM gc_hot`.execute(ctx.db);
    await sql`INSERT INTO gc_hot (id, n) VALUES (1, 0), (2, 0)`.execute(ctx.db);
    // What each transaction (a batch) ran, in order.
    const ran = new Map<object, string[]>();
    // Three batches' worth issued at once, each alternating between the two hot rows in arrival order: without
    // an order, two batches in flight would lock them crosswise.
    const done = await Promise.all(
      Array.from({ length: 3 * 64 }, (_, i) => {
        const row = ((i + Math.floor(i / 64)) % 2) + 1;
        return groupTransaction(
          ctx.db,
          async (trx) => {
            ran.set(trx, [...(ran.get(trx) ?? []), `${row}:${i}`]);
            await sql`UPDATE gc_hot SET n = n + 1 WHERE id = ${row}`.execute(trx);
            return row;
          },
          `hot-${row}`,
        );
      }),
    );
    expect(done).toHaveLength(192);
    const counts = await sql<{ id: number; n: number }>`SELECT id, n FROM gc_hot ORDER BY id`.execute(ctx.db);
    expect(counts.rows.map((r) => Number(r.n))).toEqual([96, 96]);
    // Within each batch: every request for row 1 before any for row 2, each row's in arrival order.
    expect(ran.size).toBeGreaterThanOrEqual(3);
    for (const batch of ran.values()) {
      const rows = batch.map((r) => r.split(':')[0]);
      expect(rows).toEqual([...rows].sort());
      for (const row of ['1', '2']) {
        const ids = batch.filter((r) => r.startsWith(`${row}:`)).map((r) => Number(r.split(':')[1]));
        expect(ids).toEqual([...ids].sort((x, y) => x - y));
      }
    }
  });

  it('answers a request alone in its batch with its own error and keeps the chain whole', async () => {
    await expect(
      groupTransaction(ctx.db, async (trx) => {
        await appendAudit(trx, systemActor(), { action: 'update', entityType: 'gc-test', entityId: 99 });
        throw new Error('alone');
      }),
    ).rejects.toThrow('alone');
    await expect(groupTransaction(ctx.db, async () => 'ok')).resolves.toBe('ok');
    expect(await auditedIds()).not.toContain(99);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });
});
