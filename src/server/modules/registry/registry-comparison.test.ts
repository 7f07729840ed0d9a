import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { buildXlsx, makeId, type Session, session, upload, waitForJob } from '../../../../test/helpers/roster-files.ts';
import { createTestApp } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { ComparisonItem, MatchItem } from '../../../shared/api/registry-import.api.ts';
import type { Role } from '../../../shared/permissions.ts';

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
const users = {} as Partial<Record<Role, Session>>;
let dead: { id: number; idNumber: string };
let moved: { id: number; idNumber: string };
let jailed: { id: number; idNumber: string };
let wrong: { id: number; idNumber: string };
let comparisonId: number;

const as = (role: Role) => users[role]!;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  for (const [role, regionId] of [
    ['office', r.district],
    ['street', r.streets[0]],
    ['community', r.communities[1][1]],
    ['leader', r.district],
  ] as const) {
    const u = await createUser(ctx, { role, regionId });
    users[role] = await session(app, u.username, u.password);
  }
  for (const role of ['department', 'auditor'] as const) {
    const u = await createUser(ctx, { role });
    users[role] = await session(app, u.username, u.password);
  }
  dead = await createPerson(ctx, { regionId: r.communities[0][0], name: '周死' });
  moved = await createPerson(ctx, { regionId: r.communities[0][1], name: '周迁' });
  jailed = await createPerson(ctx, { regionId: r.communities[1][0], name: '周押' });
  wrong = await createPerson(ctx, { regionId: r.communities[0][0], name: '周在' });

  const list = await buildXlsx({
    rows: [
      ['公安局户籍变动人员名单（2026年1月）'],
      ['序号', '姓名', '公民身份号码', '变动类型', '变动日期', '备注'],
      [1, '周死', dead.idNumber, '死亡', '2026-01-15', '医院死亡证明'],
      [2, '周迁', moved.idNumber, '户籍迁出', '2026.01', '迁往江苏省南京市'],
      [3, '周押', jailed.idNumber, '在押服刑', null, null],
      [4, '周在', wrong.idNumber, '死亡', '2026-01-20', null],
      [5, '路人', makeId('19800101', 'M'), '死亡', '2026-01-02', null],
      [6, '错号', Number('310107195003120011'), '死亡', null, null],
      [7, '周死', dead.idNumber, '死亡', '2026-01-15', '重复'],
    ],
  });
  const res = await upload(
    app,
    as('office'),
    `/api/registry/comparisons?source=${encodeURIComponent('公安')}&fileName=${encodeURIComponent('公安变动名单.xlsx')}`,
    list,
  );
  expect(res.statusCode, res.body).toBe(200);
  const started = JSON.parse(res.body) as { comparisonId: number; jobId: number };
  comparisonId = started.comparisonId;
  const job = await waitForJob(as('office').client, started.jobId);
  expect(job.status, JSON.stringify(job)).toBe('succeeded');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const matches = async (role: Role, query = '') =>
  (await as(role).client.get<{ items: MatchItem[]; total: number }>(`/api/registry/comparison-matches${query}`)).body;

describe('comparison with another department’s list', () => {
  it('matches registered people by ID number and counts the rest without keeping their numbers', async () => {
    const list = await as('office').client.get<{ items: ComparisonItem[] }>('/api/registry/comparisons');
    expect(list.body.items[0]).toMatchObject({
      id: comparisonId,
      source: '公安',
      fileName: '公安变动名单.xlsx',
      status: 'done',
      counts: { rows: 7, matched: 4, unmatched: 1, refused: 1, skipped: 0 },
      review: { pending: 4, confirmed: 0, dismissed: 0 },
    });
    const detail = await as('office').client.get<{ issues: { row: number; code: string }[] }>(
      `/api/registry/comparisons/${comparisonId}`,
    );
    expect(detail.body.issues).toEqual([expect.objectContaining({ row: 8, code: 'id-stored-as-number' })]);
    const stored = await ctx.db.selectFrom('comparison_matches').select('person_id').execute();
    expect(stored.map((m) => m.person_id).sort()).toEqual([dead.id, moved.id, jailed.id, wrong.id].sort());
  });

  it('shows each street the matches in its own scope', async () => {
    const office = await matches('office');
    expect(office.total).toBe(4);
    const street = await matches('street');
    expect(street.items.map((m) => m.person.name).sort()).toEqual(['周在', '周死', '周迁']);
    expect(street.items.every((m) => /^310107\*+/.test(m.person.idNumber))).toBe(true);
    expect((await matches('community')).total).toBe(0);
    expect((await matches('leader')).total).toBe(4);
    expect((await as('department').client.get('/api/registry/comparison-matches')).status).toBe(403);
    expect((await as('auditor').client.get('/api/registry/comparisons')).status).toBe(403);
    const forPerson = await matches('street', `?personId=${dead.id}`);
    expect(forPerson.items).toEqual([expect.objectContaining({ reportedStatus: 'deceased', eventDate: '2026-01-15' })]);
  });

  it('confirming a death marks the person deceased, with the source in the history and the audit log', async () => {
    const [m] = (await matches('street', `?personId=${dead.id}`)).items;
    const res = await as('street').client.post<MatchItem>(`/api/registry/comparison-matches/${m!.id}/confirm`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ review: 'confirmed', person: { alive: false } });
    const person = await ctx.db.selectFrom('persons').selectAll().where('id', '=', dead.id).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ alive: 0, death_date: '2026-01-15' });
    const version = await ctx.db
      .selectFrom('person_versions')
      .selectAll()
      .where('person_id', '=', dead.id)
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    expect(version).toMatchObject({ action: 'deceased', source: '比对：公安（公安变动名单.xlsx）' });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'comparison_match')
      .where('entity_id', '=', String(m!.id))
      .execute();
    expect(audit).toHaveLength(1);
    const again = await as('street').client.post(`/api/registry/comparison-matches/${m!.id}/confirm`, {});
    expect(again.status).toBe(409);
  });

  it('a move needs no date and clears the 户籍 region; a sentence is noted', async () => {
    const [mv] = (await matches('office', `?personId=${moved.id}`)).items;
    expect((await as('office').client.post(`/api/registry/comparison-matches/${mv!.id}/confirm`, {})).status).toBe(200);
    const p = await ctx.db.selectFrom('persons').selectAll().where('id', '=', moved.id).executeTakeFirstOrThrow();
    expect(p.hukou_region_id).toBeNull();
    expect(p.residence_region_id).toBe(r.communities[0][1]);
    expect(p.hukou_address).toContain('户籍已迁出');
    expect(p.notes).toContain('【比对】公安名单：户籍迁出（2026-01），迁往江苏省南京市');

    const [jl] = (await matches('office', `?personId=${jailed.id}`)).items;
    const res = await as('office').client.post<MatchItem>(`/api/registry/comparison-matches/${jl!.id}/confirm`, {
      eventDate: '2025-12-01',
      note: '判处有期徒刑二年',
    });
    expect(res.status).toBe(200);
    const j = await ctx.db.selectFrom('persons').selectAll().where('id', '=', jailed.id).executeTakeFirstOrThrow();
    expect(j.notes).toContain('【比对】公安名单：服刑（2025-12-01），判处有期徒刑二年');
    expect(j.alive).toBe(1);
  });

  it('a wrong report is dismissed with a reason and changes nothing; scope holds', async () => {
    const [w] = (await matches('office', `?personId=${wrong.id}`)).items;
    expect(
      (await as('community').client.post(`/api/registry/comparison-matches/${w!.id}/dismiss`, { note: 'x' })).status,
    ).toBe(404);
    expect((await as('street').client.post(`/api/registry/comparison-matches/${w!.id}/dismiss`, {})).status).toBe(400);
    const res = await as('street').client.post<MatchItem>(`/api/registry/comparison-matches/${w!.id}/dismiss`, {
      note: '经入户核实本人健在',
    });
    expect(res.body).toMatchObject({ review: 'dismissed', reviewNote: '经入户核实本人健在' });
    const p = await ctx.db.selectFrom('persons').selectAll().where('id', '=', wrong.id).executeTakeFirstOrThrow();
    expect(p.alive).toBe(1);
    const list = await as('office').client.get<{ items: ComparisonItem[] }>('/api/registry/comparisons');
    expect(list.body.items[0]!.review).toEqual({ pending: 0, confirmed: 3, dismissed: 1 });
  });

  it('asks for a date when the list gives a death without one', async () => {
    const extra = await createPerson(ctx, { regionId: r.communities[0][0], name: '周无' });
    const bytes = await buildXlsx({
      rows: [
        ['身份证号', '状态'],
        [extra.idNumber, '已故'],
      ],
    });
    const res = await upload(
      app,
      as('office'),
      '/api/registry/comparisons?source=%E6%B0%91%E6%94%BF&fileName=a.xlsx',
      bytes,
    );
    await waitForJob(as('office').client, (JSON.parse(res.body) as { jobId: number }).jobId);
    const [m] = (await matches('office', `?personId=${extra.id}`)).items;
    const noDate = await as('office').client.post<{ error: { message: string } }>(
      `/api/registry/comparison-matches/${m!.id}/confirm`,
      {},
    );
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.message).toContain('请填写死亡日期');
    const ok = await as('office').client.post(`/api/registry/comparison-matches/${m!.id}/confirm`, {
      eventDate: '2026-02-01',
    });
    expect(ok.status).toBe(200);
  });
});
