import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, login } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import { systemActor } from '../../platform/access.ts';
import { appendAudit, verifyAuditChain } from '../../platform/audit.ts';

let ctx: TestContext;
let app: FastifyInstance;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  await seedRegions(ctx);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

async function append(n: number) {
  for (let i = 0; i < n; i++) {
    await ctx.db
      .transaction()
      .execute((trx) => appendAudit(trx, systemActor(), { action: 'update', entityType: 'test', entityId: i }));
  }
}

describe('audit log', () => {
  it('is append-only in the database itself', async () => {
    await append(2);
    await expect(ctx.db.updateTable('audit_log').set({ summary: 'x' }).execute()).rejects.toThrow(/append-only/);
    await expect(ctx.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });

  it('rolls back with the change it records', async () => {
    const before = await verifyAuditChain(ctx.db);
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await appendAudit(trx, systemActor(), { action: 'create', entityType: 'test' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await verifyAuditChain(ctx.db);
    expect(after.checked).toBe(before.checked);
    expect(after.ok).toBe(true);
  });

  it('lets auditors browse and filter it, and nobody else', async () => {
    const auditor = await login(app, (await createUser(ctx, { role: 'auditor' })).username, 'Test-Passw0rd!');
    const res = await auditor.get<{ items: { action: string }[]; total: number }>('/api/audit?action=login.success');
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    expect(res.body.items.every((i) => i.action === 'login.success')).toBe(true);
    const admin = await login(app, (await createUser(ctx, { role: 'admin' })).username, 'Test-Passw0rd!');
    expect((await admin.get('/api/audit')).status).toBe(403);
    // An auditor sees the log only.
    expect((await auditor.get('/api/registry/summary')).status).toBe(403);
  });

  it('detects a record changed behind the application and names it', async () => {
    await append(3);
    const verdict = await verifyAuditChain(ctx.db);
    expect(verdict.ok).toBe(true);
    const victim = verdict.checked - 1;
    // Tamper as an attacker with database access would: around the append-only trigger.
    if (ctx.engine === 'postgres') {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(ctx.db);
      await sql`UPDATE audit_log SET summary = 'forged' WHERE id = ${victim}`.execute(ctx.db);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(ctx.db);
    } else {
      await sql`DROP TRIGGER audit_log_no_update`.execute(ctx.db);
      await sql`UPDATE audit_log SET summary = 'forged' WHERE id = ${victim}`.execute(ctx.db);
    }
    const broken = await verifyAuditChain(ctx.db);
    expect(broken.ok).toBe(false);
    expect(broken.firstBrokenId).toBe(victim);
  });
});
