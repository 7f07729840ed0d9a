import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit, createUser, seedRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';

let ctx: TestContext;
let app: FastifyInstance;
let office: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  const r = await seedRegions(ctx);
  const user = await createUser(ctx, { role: 'office', regionId: r.district });
  office = await login(app, user.username, user.password);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const militaryUnit = {
  kind: 'military',
  name: '某部',
  regionId: null,
  designation: '93001部队',
  contactName: '张干事',
  contactPhone: '13900001111',
  address: null,
  active: true,
};

describe('units', () => {
  it('keeps a military unit’s 番号 encrypted at rest and shows it to cleared roles', async () => {
    const created = await office.post<{ id: number; designation: string }>('/api/units', militaryUnit);
    expect(created.status).toBe(200);
    expect(created.body.designation).toBe('93001部队');
    const row = await ctx.db
      .selectFrom('units')
      .selectAll()
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(row.designation_enc).not.toContain('93001');
    expect(row.contact_phone_enc).not.toContain('13900001111');
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'unit').execute();
    expect(JSON.stringify(audit)).not.toContain('93001');
  });

  it('renames a unit and records before and after in the audit log', async () => {
    const id = await createUnit(ctx, { kind: 'department', name: '区教育局' });
    const res = await office.put<{ name: string }>(`/api/units/${id}`, {
      kind: 'department',
      name: '区教育局（新）',
      regionId: null,
      designation: null,
      contactName: null,
      contactPhone: null,
      address: null,
      active: true,
    });
    expect(res.body.name).toBe('区教育局（新）');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'unit')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!).name).toBe('区教育局');
    expect(JSON.parse(audit.after_json!).name).toBe('区教育局（新）');
  });

  it('answers a unit that does not exist with 404', async () => {
    expect((await office.get('/api/units/999999')).status).toBe(404);
  });
});
