import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addQualification,
  createPerson,
  createUnit,
  createUser,
  seedRegions,
  type TestRegions,
} from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { MeritItem, PlaqueDetail, PlaqueItem } from '../../../shared/api/honours.api.ts';
import type { Role } from '../../../shared/permissions.ts';
import { addHousehold } from '../campaigns/campaigns.fixture.ts';

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
const clients = {} as Record<Role | 'street2' | 'community2', TestClient>;
const h = {} as { several: number; militia: number; deceased: number; other: number; fresh: number };
let unitId: number;
let familyPerson: number;
let otherStreetPerson: number;

async function member(householdId: number, regionId: number, codes: string[], alive = true): Promise<number> {
  const p = await createPerson(ctx, { regionId, categoryCode: codes[0]!, alive });
  await ctx.db.updateTable('persons').set({ household_id: householdId }).where('id', '=', p.id).execute();
  for (const code of codes.slice(1)) await addQualification(ctx, p.id, code);
  return p.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  const c11 = r.communities[0][0];
  const c21 = r.communities[1][0];
  h.several = await addHousehold(ctx, c11, '多重身份户');
  familyPerson = await member(h.several, c11, ['retired_soldier', 'disabled_veteran']);
  await member(h.several, c11, ['martyr_family', 'serviceman_family']);
  await member(h.several, c11, ['retired_soldier']);
  h.militia = await addHousehold(ctx, c11, '伤残民兵户');
  await member(h.militia, c11, ['disabled_militia', 'civilian_retiree']);
  h.deceased = await addHousehold(ctx, c11, '已故烈属户');
  await member(h.deceased, c11, ['martyr_family'], false);
  h.other = await addHousehold(ctx, c21, '乙街道军属户');
  otherStreetPerson = await member(h.other, c21, ['serviceman_family']);
  h.fresh = await addHousehold(ctx, c11, '新户');
  await member(h.fresh, c11, ['illness_death_family']);
  unitId = await createUnit(ctx, { kind: 'military', name: '某部一', designation: '91001部队' });

  const anchors: Record<string, { role: Role; regionId?: number; unitId?: number }> = {
    admin: { role: 'admin' },
    office: { role: 'office', regionId: r.district },
    street: { role: 'street', regionId: r.streets[0] },
    street2: { role: 'street', regionId: r.streets[1] },
    community: { role: 'community', regionId: c11 },
    community2: { role: 'community', regionId: r.communities[0][1] },
    leader: { role: 'leader', regionId: r.district },
    troop: { role: 'troop', unitId },
    department: { role: 'department' },
    auditor: { role: 'auditor' },
  };
  for (const [key, a] of Object.entries(anchors)) {
    const user = await createUser(ctx, a);
    clients[key as Role] = await login(app, user.username, user.password);
  }
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

type List = { items: PlaqueItem[]; total: number; counts: Record<string, number> };
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('光荣牌 eligibility', () => {
  it('lists a household with several reasons once, and leaves out the ineligible', async () => {
    const res = await clients.office.get<List>('/api/honours/plaques?pageSize=100');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i) => i.householdId);
    expect(ids.filter((id) => id === h.several)).toHaveLength(1);
    expect(ids).not.toContain(h.militia);
    expect(ids).not.toContain(h.deceased);
    const several = res.body.items.find((i) => i.householdId === h.several)!;
    expect(several).toMatchObject({
      status: 'due',
      eligible: true,
      reasons: ['martyr_family', 'serviceman_family', 'veteran_family'],
      actions: ['hang'],
    });
    expect(res.body.counts.due).toBe(3);
  });

  it('answers 404 for a household that is not eligible, as for a missing one', async () => {
    expect((await clients.office.get(`/api/honours/plaques/${h.militia}`)).status).toBe(404);
    const hang = await clients.office.post(`/api/honours/plaques/${h.militia}/actions`, {
      action: 'hang',
      date: today,
      performedBy: '王五',
      familySigner: '李四',
    });
    expect(hang.status).toBe(404);
  });
});

describe('光荣牌 lifecycle', () => {
  const act = (body: object, who: TestClient = clients.community) =>
    who.post<PlaqueDetail>(`/api/honours/plaques/${h.several}/actions`, body);

  it('hangs, refuses invalid steps with 409, withdraws, restores and replaces, each step recorded and audited', async () => {
    const hang = await act({ action: 'hang', date: today, performedBy: '社区王五', familySigner: '张家属' });
    expect(hang.status).toBe(200);
    expect(hang.body).toMatchObject({ status: 'hung', hungOn: today, hungBy: '社区王五', familySigner: '张家属' });

    const again = await act({ action: 'hang', date: today, performedBy: '社区王五', familySigner: '张家属' });
    expect(again.status).toBe(409);
    expect((again.body as unknown as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('已挂'),
    });
    expect((await act({ action: 'restore', date: today, performedBy: '王五', reason: '误收' })).status).toBe(409);

    const withdraw = await act({ action: 'withdraw', date: today, reason: '家庭迁出本区' });
    expect(withdraw.body.status).toBe('withdrawn');
    expect((await act({ action: 'replace', date: today, performedBy: '王五', reason: '破损' })).status).toBe(409);
    expect((await act({ action: 'withdraw', date: today, reason: '重复' })).status).toBe(409);

    const restore = await act({ action: 'restore', date: today, performedBy: '王五', reason: '迁回本区' });
    expect(restore.body.status).toBe('hung');
    const replace = await act({ action: 'replace', date: today, performedBy: '王五', reason: '牌面褪色' });
    expect(replace.status).toBe(200);
    expect(replace.body.events.map((e) => e.action)).toEqual(['replace', 'restore', 'withdraw', 'hang']);

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_type', '=', 'honorPlaque')
      .where('entity_id', '=', String(h.several))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.summary)).toEqual(['光荣牌悬挂', '光荣牌收回', '光荣牌恢复', '光荣牌更换']);
  });

  it('refuses a future date and unknown fields', async () => {
    const future = await act({ action: 'withdraw', date: '2999-01-01', reason: 'x' }, clients.office);
    expect(future.status).toBe(400);
    const extra = await act({ action: 'withdraw', date: today, reason: 'x', note: 'y' }, clients.office);
    expect(extra.status).toBe(400);
  });

  it('a hang from two places at once: one wins, the other is refused', async () => {
    const body = { action: 'hang', date: today, performedBy: '甲', familySigner: '乙' };
    const [a, b] = await Promise.all([
      clients.office.post(`/api/honours/plaques/${h.fresh}/actions`, body),
      clients.street.post(`/api/honours/plaques/${h.fresh}/actions`, body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });
});

describe('光荣牌 scope × role', () => {
  const cases: [string, number | null, number][] = [
    // who, status of GET /plaques (null: 403), how many households of street 1 it sees
    ['admin', 200, 2],
    ['office', 200, 2],
    ['street', 200, 2],
    ['street2', 200, 0],
    ['community', 200, 2],
    ['community2', 200, 0],
    ['leader', 200, 2],
    ['troop', null, 0],
    ['department', null, 0],
    ['auditor', null, 0],
  ];
  it.each(cases)('%s', async (who, status, seen) => {
    const client = clients[who as Role];
    const res = await client.get<List>('/api/honours/plaques?pageSize=100');
    if (status === null) {
      expect(res.status).toBe(403);
      return;
    }
    const street1 = res.body.items.filter((i) => i.householdId !== h.other);
    expect(street1).toHaveLength(seen);
    const one = await client.get(`/api/honours/plaques/${h.several}`);
    expect(one.status).toBe(seen > 0 ? 200 : 404);
  });

  it('out of scope is 404 for changes too; read-only roles get 403', async () => {
    const body = { action: 'replace', date: today, performedBy: '甲', reason: '破损' };
    expect((await clients.street2.post(`/api/honours/plaques/${h.several}/actions`, body)).status).toBe(404);
    expect((await clients.leader.post(`/api/honours/plaques/${h.several}/actions`, body)).status).toBe(403);
    expect((await clients.troop.post(`/api/honours/plaques/${h.several}/actions`, body)).status).toBe(403);
  });
});

describe('立功喜报', () => {
  let meritId: number;
  const create = (who: TestClient, over: object = {}) =>
    who.post<MeritItem>('/api/honours/merits', {
      award: 'third_class',
      servicemanName: '张小兵',
      militaryUnitId: unitId,
      citation: '在某次演习中表现突出',
      personId: familyPerson,
      relation: '父母',
      receivedOn: '2025-11-28',
      ...over,
    });

  it('is due two working days after it arrives, skipping the weekend', async () => {
    const res = await create(clients.office);
    expect(res.status).toBe(200);
    meritId = res.body.id;
    // 2025-11-28 is a Friday: due the Tuesday after.
    expect(res.body).toMatchObject({ receivedOn: '2025-11-28', dueOn: '2025-12-02', dueState: 'overdue' });
    expect(res.body.family).toMatchObject({ personId: familyPerson, householdId: h.several });
  });

  it('shows the serviceman and his unit only to cleared roles', async () => {
    const office = await clients.office.get<MeritItem>(`/api/honours/merits/${meritId}`);
    expect(office.body).toMatchObject({
      servicemanName: '张小兵',
      masked: false,
      citation: '在某次演习中表现突出',
      militaryUnit: { id: unitId, name: '某部一', designation: '91001部队' },
    });
    for (const who of ['street', 'community'] as const) {
      const seen = await clients[who].get<MeritItem>(`/api/honours/merits/${meritId}`);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({
        servicemanName: '张某',
        masked: true,
        citation: null,
        militaryUnit: { id: unitId, name: '某部一', designation: null },
      });
    }
    expect(JSON.stringify((await clients.street.get('/api/honours/merits')).body)).not.toContain('91001');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity_type', '=', 'meritNotice')
      .execute();
    expect(JSON.stringify(audit)).not.toContain('演习');
  });

  it('keeps notices in scope: out of scope is 404, families out of scope cannot be registered', async () => {
    expect((await clients.street2.get(`/api/honours/merits/${meritId}`)).status).toBe(404);
    expect((await clients.community2.get(`/api/honours/merits/${meritId}`)).status).toBe(404);
    expect((await clients.troop.get(`/api/honours/merits/${meritId}`)).status).toBe(403);
    expect((await create(clients.street, { personId: otherStreetPerson })).status).toBe(404);
    expect((await create(clients.leader)).status).toBe(403);
    const list = await clients.street2.get<{ items: MeritItem[] }>('/api/honours/merits');
    expect(list.body.items).toEqual([]);
  });

  it('records the delivery once; a second delivery is refused', async () => {
    const body = {
      deliveredOn: '2025-12-03',
      deliveredBy: '街道王五、社区李六',
      ceremony: '敲锣打鼓送喜报',
      rewardCents: 50_000,
    };
    const done = await clients.street.post<MeritItem>(`/api/honours/merits/${meritId}/deliver`, body);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      dueState: 'deliveredLate',
      rewardCents: 50_000,
      deliveredBy: '街道王五、社区李六',
    });
    expect((await clients.street.post(`/api/honours/merits/${meritId}/deliver`, body)).status).toBe(409);
    const early = await create(clients.office);
    const before = { ...body, deliveredOn: '2025-11-01' };
    expect((await clients.office.post(`/api/honours/merits/${early.body.id}/deliver`, before)).status).toBe(400);
  });

  it('lists open, overdue and delivered counts', async () => {
    const res = await clients.office.get<{ counts: Record<string, number>; items: MeritItem[] }>(
      '/api/honours/merits?state=overdue',
    );
    expect(res.body.counts).toEqual({ open: 1, overdue: 1, delivered: 1 });
    expect(res.body.items.every((i) => i.dueState === 'overdue')).toBe(true);
  });

  it('asks for the title of a 荣誉称号 and refuses a future receipt date', async () => {
    expect((await create(clients.office, { award: 'honorary_title' })).status).toBe(400);
    expect((await create(clients.office, { receivedOn: '2999-01-01' })).status).toBe(400);
  });
});
