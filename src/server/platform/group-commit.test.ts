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
  it('commits the requests that succeed together, and rolls back only the one that fails', async () => {
    const txids = new Set<string>();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        groupTransaction(ctx.db, async (trx) => {
          if (ctx.engine === 'postgres') {
            txids.add(String((await sql<{ x: string }>`SELECT txid_current()::text AS x`.execute(trx)).rows[0]!.x));
          }
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
    expect((await auditedIds()).sort()).toEqual([0, 1, 3, 5]);
    // Issued in the same turn of the event loop, they shared one transaction (one commit).
    if (ctx.engine === 'postgres') expect(txids.size).toBe(1);
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
