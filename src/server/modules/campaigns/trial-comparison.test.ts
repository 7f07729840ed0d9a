import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { CampaignDetail, TrialRunResponse } from '../../../shared/api/campaigns.api.ts';
import { addPerson, createCampaign, generate, testStandards } from './campaigns.fixture.ts';

/** 试算 against last year's campaign: the difference by street, community, category and rule. */

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
let office: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  const o = await createUser(ctx, { role: 'office', regionId: r.district });
  office = await login(app, o.username, o.password);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

type Row = { street_id: number; community_id: number; category_code: string; name: string; money: number };

async function rowsOf(campaignId: number): Promise<Row[]> {
  const rows = await ctx.db
    .selectFrom('campaign_roster_entries')
    .innerJoin('campaign_standards', 'campaign_standards.id', 'campaign_roster_entries.standard_id')
    .select([
      'campaign_roster_entries.street_id',
      'campaign_roster_entries.community_id',
      'campaign_roster_entries.category_code',
      'campaign_standards.name',
      'campaign_roster_entries.cash_cents',
      'campaign_roster_entries.goods_cents',
    ])
    .where('campaign_roster_entries.campaign_id', '=', campaignId)
    .where('campaign_roster_entries.state', '=', 'active')
    .execute();
  return rows.map((x) => ({ ...x, money: x.cash_cents + x.goods_cents }));
}

describe('trial run compared with last year', () => {
  it('shows the difference in people and money by street, community, category and rule', async () => {
    const [[c11, c12], [c21, c22]] = r.communities;
    await addPerson(ctx, { community: c11, relation: '父母' });
    await addPerson(ctx, { community: c11, relation: '配偶' });
    await addPerson(ctx, { community: c12, category: 'disabled_veteran', grade: 2 });
    await addPerson(ctx, { community: c21, category: 'serviceman_family' });
    const last = await createCampaign(office, { year: 2025 });
    await generate(office, last.id);

    // This year: two more families (one in a community that had none), and 烈属普惠 raised to 600 元.
    await addPerson(ctx, { community: c11, relation: '子女' });
    await addPerson(ctx, { community: c22, relation: '父母' });
    const created = await office.post<CampaignDetail>('/api/campaigns', { year: 2026, copyFromCampaignId: last.id });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const current = created.body;
    expect(current.previousCampaignId).toBe(last.id);
    const general = current.standards.find((s) => s.name === '烈属普惠')!;
    const raised = await office.put(`/api/campaigns/${current.id}/standards/${general.id}`, {
      ...testStandards[2],
      package: { ...testStandards[2]!.package, cashCents: 60_000 },
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);

    const trial = await office.post<TrialRunResponse>(`/api/campaigns/${current.id}/trial`);
    expect(trial.status, JSON.stringify(trial.body)).toBe(200);
    expect(trial.body.previousCampaign?.id).toBe(last.id);
    const comparison = trial.body.comparison!;

    await generate(office, current.id);
    const [now, before] = [await rowsOf(current.id), await rowsOf(last.id)];
    const sum = (rows: Row[]) => ({ people: rows.length, money: rows.reduce((t, x) => t + x.money, 0) });
    const dims = [
      ['byStreet', (x: Row) => String(x.street_id)],
      ['byCommunity', (x: Row) => String(x.community_id)],
      ['byCategory', (x: Row) => x.category_code],
      ['byStandard', (x: Row) => x.name],
    ] as const;
    for (const [dim, keyOf] of dims) {
      const rows = comparison[dim];
      const keys = new Set([...now, ...before].map(keyOf));
      expect(rows, dim).toHaveLength(keys.size);
      for (const key of keys) {
        const a = sum(now.filter((x) => keyOf(x) === key));
        const b = sum(before.filter((x) => keyOf(x) === key));
        const row = rows.find((x) => (dim === 'byStandard' ? x.label : x.key) === key);
        expect(row, `${dim} ${key}`).toBeDefined();
        expect([row!.current?.people ?? 0, row!.lastYear?.people ?? 0, row!.diff.people], `${dim} ${key}`).toEqual([
          a.people,
          b.people,
          a.people - b.people,
        ]);
        expect(row!.diff.totalCents, `${dim} ${key}`).toBe(a.money - b.money);
      }
    }
    // The new community had nobody last year; the raise shows on the rule.
    expect(comparison.byCommunity.find((x) => x.key === String(c22))?.lastYear).toBeNull();
    const rule = comparison.byStandard.find((x) => x.label === '烈属普惠')!;
    expect(rule.diff.cashCents).toBe(rule.current!.people * 60_000 - rule.lastYear!.people * 50_000);
    expect(comparison.overall.diff.totalCents).toBe(sum(now).money - sum(before).money);
  });
});
