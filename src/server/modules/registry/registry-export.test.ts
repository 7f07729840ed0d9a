import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { download, readXlsx, type Session, sessionPerRole } from '../../../../test/helpers/roster-files.ts';
import { createTestApp } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { Role } from '../../../shared/permissions.ts';

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
const users = {} as Record<Role, Session>;
const names = {} as Record<Role, string>;
const people: { id: number; idNumber: string; name: string }[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  for (const [role, u] of Object.entries(await sessionPerRole(ctx, app, r)) as [
    Role,
    Session & { username: string },
  ][]) {
    users[role] = u;
    names[role] = `测试${u.username}`;
  }
  people.push(await createPerson(ctx, { regionId: r.communities[0][0], name: '张一' }));
  people.push(await createPerson(ctx, { regionId: r.communities[0][1], name: '张二' }));
  people.push(await createPerson(ctx, { regionId: r.communities[1][0], name: '张三' }));
  // Text that a spreadsheet would run as a formula, in the fields people type freely.
  const injections = ['=HYPERLINK("http://evil.example","点我")', '+1+2', '-3+4', '@SUM(A1:A9)'];
  for (const [i, p] of people.entries()) {
    await ctx.db
      .updateTable('persons')
      .set({
        address: injections[i] ?? null,
        phone_enc: ctx.cipher.encrypt('13800138000'),
        phone_masked: '138****8000',
      })
      .where('id', '=', p.id)
      .execute();
  }
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

async function exportAs(role: Role, query = '') {
  const res = await download(app, users[role], `/api/registry/export${query}`);
  return res;
}

describe('registry export', () => {
  it('answers every role as its capabilities say', async () => {
    const expected: Record<Role, number> = {
      admin: 200,
      office: 200,
      street: 200,
      community: 403,
      department: 403,
      troop: 403,
      leader: 403,
      auditor: 403,
    };
    for (const role of Object.keys(expected) as Role[]) {
      const res = await exportAs(role);
      expect([role, res.statusCode]).toEqual([role, expected[role]]);
    }
  });

  it('masks the numbers, neutralises formulas and carries a watermark', async () => {
    const res = await exportAs('office');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const ws = await readXlsx(res.rawPayload);
    const mark = String(ws.getCell('A1').value);
    expect(mark).toContain(`导出人：${names.office}（双拥办工作人员）`);
    expect(mark).toMatch(/导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['序号', '姓名', '性别', '出生日期', '身份证号', '优抚类别']);
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = [3, 4, 5].map((n) => ws.getRow(n));
    expect(rows.map((row) => row.getCell(col('姓名')).value).sort()).toEqual(['张一', '张三', '张二']);
    for (const row of rows) {
      expect(String(row.getCell(col('身份证号')).value)).toMatch(/^310107\*{8}\d{3}[\dX]$/);
      expect(row.getCell(col('联系电话')).value).toBe('138****8000');
    }
    const addresses = rows.map((row) => String(row.getCell(col('居住地址')).value));
    expect(addresses.sort()).toEqual(["'+1+2", "'-3+4", '\'=HYPERLINK("http://evil.example","点我")'].sort());
    // Stored as text, never as formulas.
    for (const row of rows) expect(typeof row.getCell(col('居住地址')).value).toBe('string');
  });

  it('exports full numbers only on request, to roles that may see them, and audits every export', async () => {
    const before = await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'export').execute();
    const res = await exportAs('office', '?full=true');
    expect(res.statusCode).toBe(200);
    const ws = await readXlsx(res.rawPayload);
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    const ids = [3, 4, 5].map((n) => ws.getRow(n).getCell(header.indexOf('身份证号') + 1).value);
    expect(ids.sort()).toEqual(people.map((p) => p.idNumber).sort());
    expect(ws.getRow(3).getCell(header.indexOf('联系电话') + 1).value).toBe('13800138000');
    const records = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export')
      .where('id', 'not in', before.length ? before.map((b) => b.id) : [0])
      .execute();
    expect(records).toHaveLength(1);
    expect(records[0]!.summary).toBe('导出优抚对象名单 3 人（含完整身份证号和电话）');
    expect(JSON.parse(records[0]!.after_json!)).toMatchObject({ count: 3, full: true });
  });

  it('keeps to the viewer’s scope and filters', async () => {
    const street = await readXlsx((await exportAs('street')).rawPayload);
    expect(street.getRow(3).getCell(2).value).toMatch(/张[一二]/);
    expect(street.getRow(4).getCell(2).value).toMatch(/张[一二]/);
    expect(street.getRow(5).getCell(2).value).toBeNull();
    const one = await readXlsx((await exportAs('office', `?regionId=${r.communities[1][0]}`)).rawPayload);
    expect(one.getRow(3).getCell(2).value).toBe('张三');
    expect(one.getRow(4).getCell(2).value).toBeNull();
  });
});
