import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type {
  AmendmentItem,
  CampaignDetail,
  EvaluationResponse,
  RosterEntryItem,
  TrialRunResponse,
} from '../../../shared/api/campaigns.api.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import {
  addHousehold,
  addPerson,
  createCampaign,
  generate,
  loginOfficeAndStreets,
  type PersonSpec,
  testStandards,
  transition,
} from './campaigns.fixture.ts';

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
let office: TestClient;
let street: TestClient;
let street2: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  ({ office, street, otherStreet: street2 } = await loginOfficeAndStreets(ctx, app, r));
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('rule evaluation through the API', () => {
  let campaign: CampaignDetail;
  const ids: Record<string, number> = {};
  // name → (person, expected winner or exclusion reason, reasons that must be shown)
  const cases: { key: string; spec: () => PersonSpec; winner: string | null; reason?: string; shows?: string[] }[] = [
    {
      key: 'severe',
      spec: () => ({ community: r.communities[0][0], category: 'disabled_veteran', grade: 2, nature: '因战' }),
      winner: '一至四级残疾军人',
      shows: ['类别：残疾军人', '伤残等级 2 级 ≤ 4 级', '本区户籍'],
    },
    {
      key: 'grade6',
      spec: () => ({ community: r.communities[0][1], category: 'disabled_veteran', grade: 6, nature: '因公' }),
      winner: null,
      reason: '伤残等级 6 级，不满足 ≤ 4 级',
    },
    {
      key: 'elderMartyr',
      spec: () => ({
        community: r.communities[1][0],
        category: 'martyr_family',
        relation: '父母',
        birthDate: '1940-01-01',
      }),
      winner: '高龄优抚对象',
      shows: ['年龄 86 岁 ≥ 80 岁'],
    },
    {
      key: 'nonLocal',
      spec: () => ({ community: r.communities[1][1], hukou: null, category: 'martyr_family' }),
      winner: null,
      reason: '非本区户籍',
    },
    { key: 'dead', spec: () => ({ community: r.communities[1][1], alive: false }), winner: null, reason: '已故' },
    {
      key: 'young',
      spec: () => ({ community: r.communities[0][0], category: 'retired_soldier' }),
      winner: null,
      reason: '年龄 75 岁，未满 80 岁',
    },
  ];

  beforeAll(async () => {
    campaign = await createCampaign(office);
    for (const c of cases) ids[c.key] = (await addPerson(ctx, c.spec())).id;
  });

  for (const c of cases) {
    it(`${c.key}: ${c.winner ?? c.reason}`, async () => {
      const res = await office.post<EvaluationResponse>(`/api/campaigns/${campaign.id}/evaluate`, {
        personId: ids[c.key],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const winner = campaign.standards.find((s) => s.id === res.body.winnerId)?.name ?? null;
      expect(winner).toBe(c.winner);
      if (c.reason) {
        expect(res.body.excludedReason).toBe(c.reason);
        expect(res.body.failures.length).toBe(testStandards.length);
      }
      for (const text of c.shows ?? []) expect(res.body.matched[0]?.reasons).toContain(text);
    });
  }

  it('the elderly martyr parent also matched the universal standard (shown as also matched)', async () => {
    const res = await office.post<EvaluationResponse>(`/api/campaigns/${campaign.id}/evaluate`, {
      personId: ids.elderMartyr,
    });
    expect(res.body.matched.map((m) => m.standardName)).toEqual(['高龄优抚对象', '烈属普惠']);
  });

  it('a street cannot evaluate a person of another street (404 as if missing)', async () => {
    const res = await street.post(`/api/campaigns/${campaign.id}/evaluate`, { personId: ids.elderMartyr });
    expect(res.status).toBe(404);
  });
});

describe('standards as data', () => {
  it('refuses unknown categories and duplicate names in Chinese', async () => {
    const c = await createCampaign(office, { standards: [] });
    const bad = await office.post<{ error: { message: string } }>(`/api/campaigns/${c.id}/standards`, {
      ...testStandards[0],
      categories: ['no_such_category'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('优抚类别不存在');
    await office.post(`/api/campaigns/${c.id}/standards`, testStandards[0]);
    const dup = await office.post(`/api/campaigns/${c.id}/standards`, testStandards[0]);
    expect(dup.status).toBe(400);
  });

  it('a preset brings standards with placeholder amounts that must be set before the roster', async () => {
    const created = await office.post<CampaignDetail>('/api/campaigns', { year: 2027, presetKey: 'putuo' });
    expect(created.status).toBe(200);
    expect(created.body.dedupPolicy).toBe('household');
    expect(created.body.standards.map((s) => s.name)).toContain('现役军人直系亲属家庭');
    expect(created.body.standards.every((s) => !s.amountSet && s.package.cashCents === 0)).toBe(true);
    expect(created.body.windowStart).toBe('2027-01-30');
    const refused = await office.post<{ error: { code: string; message: string } }>(
      `/api/campaigns/${created.body.id}/roster`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('预设占位');
    const first = created.body.standards[0]!;
    const saved = await office.put<{ amountSet: boolean }>(`/api/campaigns/${created.body.id}/standards/${first.id}`, {
      name: first.name,
      priority: first.priority,
      categories: first.categories,
      conditions: first.conditions,
      package: {
        cashCents: 80_000,
        goods: first.package.goods,
        letterTemplate: first.package.letterTemplate ?? undefined,
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.amountSet).toBe(true);
  });
});

describe('roster: dedup per person and per household, with explanations', () => {
  it('per person: everyone matching gets an entry, the rest are listed with the reason', async () => {
    const c = await createCampaign(office);
    await generate(office, c.id);
    const entries = await office.get<{ items: RosterEntryItem[]; total: number }>(
      `/api/campaigns/${c.id}/entries?pageSize=200`,
    );
    const exclusions = await office.get<{ byReason: { reason: string; count: number }[] }>(
      `/api/campaigns/${c.id}/exclusions`,
    );
    // Count independently from the tables what the rules must give.
    const entryRows = await ctx.db
      .selectFrom('campaign_roster_entries')
      .select('person_id')
      .where('campaign_id', '=', c.id)
      .execute();
    expect(entries.body.total).toBe(entryRows.length);
    const severe = entries.body.items.find((e) => e.standardName === '一至四级残疾军人');
    expect(severe?.reasons).toContain('伤残等级 2 级 ≤ 4 级');
    const reasons = Object.fromEntries(exclusions.body.byReason.map((x) => [x.reason, x.count]));
    expect(reasons.非本区户籍).toBeGreaterThanOrEqual(1);
    expect(reasons.已故).toBeGreaterThanOrEqual(1);
  });

  it('per household: one entry for the member with the best standard, the others excluded with who covers them', async () => {
    const hh = await addHousehold(ctx, r.communities[1][0]);
    const vet = await addPerson(ctx, {
      community: r.communities[1][0],
      category: 'disabled_veteran',
      grade: 3,
      household: hh,
    });
    const wife = await addPerson(ctx, {
      community: r.communities[1][0],
      category: 'serviceman_family',
      relation: '配偶',
      household: hh,
    });
    const c = await createCampaign(office, { dedupPolicy: 'household' });
    await generate(office, c.id);
    const entries = await office.get<{ items: RosterEntryItem[] }>(`/api/campaigns/${c.id}/entries?pageSize=200`);
    const ours = entries.body.items.filter((e) => e.householdId === hh);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.personId).toBe(vet.id);
    expect(ours[0]?.otherMembers).toEqual([wife.id]);
    expect(ours[0]?.reasons.at(-1)).toBe('按户发放：同户 2 人，取最高标准');
    const excl = await ctx.db
      .selectFrom('campaign_exclusions')
      .selectAll()
      .where('campaign_id', '=', c.id)
      .where('person_id', '=', wife.id)
      .executeTakeFirstOrThrow();
    expect(excl.reason).toBe('同户已享受更高标准');
    expect(excl.covered_by_person_id).toBe(vet.id);
  });

  it('trial run: by street, matching a sum computed from the generated entries', async () => {
    const c = await createCampaign(office);
    const trial = await office.post<TrialRunResponse>(`/api/campaigns/${c.id}/trial`);
    expect(trial.status, JSON.stringify(trial.body)).toBe(200);
    await generate(office, c.id);
    const rows = await ctx.db
      .selectFrom('campaign_roster_entries')
      .select(['street_id', 'cash_cents', 'goods_cents'])
      .where('campaign_id', '=', c.id)
      .execute();
    for (const s of r.streets) {
      const mine = rows.filter((x) => x.street_id === s);
      const group = trial.body.totals.byStreet.find((g) => g.key === String(s));
      expect(group?.people ?? 0).toBe(mine.length);
      expect(group?.totalCents ?? 0).toBe(mine.reduce((t, x) => t + x.cash_cents + x.goods_cents, 0));
      expect(group?.label).toBe(s === r.streets[0] ? '甲街道' : '乙街道');
    }
  });
});

describe('review and lock flow', () => {
  it('street confirms (adding and removing with reasons) → office locks → amendments need approval', async () => {
    for (const community of [...r.communities[0], ...r.communities[1]]) {
      await addPerson(ctx, { community, category: 'martyr_family', relation: '配偶' });
    }
    const c = await createCampaign(office);
    // Invalid transitions answer 409 with the allowed next steps.
    const early = await transition(office, c.id, 'locked');
    expect(early.status).toBe(409);
    expect(early.body.error?.message).toContain('只能变更为');
    const editBefore = await street.post(`/api/campaigns/${c.id}/entries`, {
      personId: 1,
      standardId: 1,
      reason: '测试添加',
    });
    expect(editBefore.status).toBe(409);

    await generate(office, c.id);
    expect((await transition(office, c.id, 'in_review')).status).toBe(200);
    // Standards are frozen once a roster exists.
    const std = c.standards[0]!;
    const frozen = await office.put(`/api/campaigns/${c.id}/standards/${std.id}`, testStandards[0]);
    expect(frozen.status).toBe(409);

    const mine = await street.get<{ items: RosterEntryItem[] }>(`/api/campaigns/${c.id}/entries?pageSize=200`);
    expect(mine.body.items.every((e) => e.streetId === r.streets[0])).toBe(true);
    const toRemove = mine.body.items[0]!;
    const removed = await street.post<{ status: string }>(`/api/campaigns/${c.id}/entries/${toRemove.id}/remove`, {
      reason: '已迁出本区',
    });
    expect(removed.body.status).toBe('applied');
    const soldier = await addPerson(ctx, { community: r.communities[0][1], category: 'retired_soldier' });
    const added = await street.post<{ status: string }>(`/api/campaigns/${c.id}/entries`, {
      personId: soldier.id,
      standardId: c.standards.find((s) => s.name === '烈属普惠')!.id,
      reason: '特困退役士兵，经街道研究同意',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    // A street cannot touch another street's entries.
    const other = await street2.post(`/api/campaigns/${c.id}/entries/${toRemove.id}/remove`, { reason: '越权测试' });
    expect(other.status).toBe(404);

    const notYet = await transition(office, c.id, 'locked');
    expect(notYet.status).toBe(409);
    expect(notYet.body.error?.message).toContain('甲街道');
    expect(
      (await street.post(`/api/campaigns/${c.id}/reviews/${r.streets[0]}/confirm`, { note: '已核对' })).status,
    ).toBe(200);
    expect((await street.post(`/api/campaigns/${c.id}/reviews/${r.streets[1]}/confirm`, {})).status).toBe(404);
    const reviews = await office.get<{ items: { streetId: number; status: string }[] }>(
      `/api/campaigns/${c.id}/reviews`,
    );
    for (const rv of reviews.body.items.filter((x) => x.status !== 'confirmed')) {
      expect((await office.post(`/api/campaigns/${c.id}/reviews/${rv.streetId}/confirm`, {})).status).toBe(200);
    }
    const locked = await transition(office, c.id, 'locked');
    expect(locked.status, JSON.stringify(locked.body)).toBe(200);
    expect(locked.body.lockedAt).not.toBeNull();
    expect((await transition(office, c.id, 'draft')).status).toBe(409);
    expect((await transition(office, c.id, 'in_review')).status).toBe(409);

    // After the lock a removal is an amendment waiting for the office.
    const target = mine.body.items[1]!;
    const pending = await street.post<{ status: string; amendmentId: number }>(
      `/api/campaigns/${c.id}/entries/${target.id}/remove`,
      { reason: '本人已去世' },
    );
    expect(pending.body.status).toBe('pending');
    let entry = await ctx.db
      .selectFrom('campaign_roster_entries')
      .select('state')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(entry.state).toBe('active');
    expect(
      (await street.post(`/api/campaigns/${c.id}/amendments/${pending.body.amendmentId}/decide`, { approve: true }))
        .status,
    ).toBe(403);
    const ok = await office.post(`/api/campaigns/${c.id}/amendments/${pending.body.amendmentId}/decide`, {
      approve: true,
      note: '同意',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    entry = await ctx.db
      .selectFrom('campaign_roster_entries')
      .select('state')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(entry.state).toBe('removed');
    const again = await office.post(`/api/campaigns/${c.id}/amendments/${pending.body.amendmentId}/decide`, {
      approve: false,
    });
    expect(again.status).toBe(409);
    const log = await office.get<{ items: AmendmentItem[] }>(`/api/campaigns/${c.id}/amendments`);
    expect(log.body.items.map((a) => `${a.phase}:${a.kind}:${a.status}`).sort()).toEqual(
      ['amendment:remove:approved', 'review:add:applied', 'review:remove:applied'].sort(),
    );
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });
});
