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
