/** Test data for the campaign and visit tests (not used by the application). */

import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createPerson, createUser, type TestRegions } from '../../../../test/helpers/factories.ts';
import { login, type TestClient } from '../../../../test/helpers/test-app.ts';
import type { TestContext } from '../../../../test/helpers/test-context.ts';
import type { CampaignDetail, RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import type { StandardInput } from '../../../shared/domain/campaign/standards.ts';
import { jobSettled } from '../../platform/jobs.ts';

export interface PersonSpec {
  community: number;
  /** 户籍 region; null = 户籍 outside the region tree (非本区户籍). Default: the community. */
  hukou?: number | null;
  category?: string;
  grade?: number;
  nature?: '因战' | '因公' | '因病';
  relation?: string;
  flags?: string[];
  living?: string[];
  alive?: boolean;
  birthDate?: string;
  household?: number;
  name?: string;
}

export async function addHousehold(ctx: TestContext, regionId: number, name = '测试户'): Promise<number> {
  const now = new Date().toISOString();
  const row = await ctx.db
    .insertInto('households')
    .values({ name, region_id: regionId, address: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A person with one qualification as described (factories.createPerson, then the details). */
export async function addPerson(ctx: TestContext, spec: PersonSpec): Promise<{ id: number; name: string }> {
  const p = await createPerson(ctx, {
    regionId: spec.community,
    hukouRegionId: spec.hukou === undefined ? spec.community : spec.hukou,
    categoryCode: spec.category ?? 'martyr_family',
    alive: spec.alive ?? true,
    birthDate: spec.birthDate ?? '1950-03-05',
    ...(spec.name && { name: spec.name }),
  });
  await ctx.db
    .updateTable('persons')
    .set({
      household_id: spec.household ?? null,
      living_situations_json: JSON.stringify(spec.living ?? []),
      address: `测试路${p.id}号`,
    })
    .where('id', '=', p.id)
    .execute();
  await ctx.db
    .updateTable('qualifications')
    .set({
      disability_grade: spec.grade ?? null,
      disability_nature: spec.nature ?? null,
      relation: spec.relation ?? null,
      flags_json: JSON.stringify(spec.flags ?? []),
    })
    .where('person_id', '=', p.id)
    .execute();
  return { id: p.id, name: p.name };
}

/** Standards used by the API tests: 残疾军人 1–4 级 > 高龄 ≥ 80 > 烈属普惠. */
export const testStandards: StandardInput[] = [
  {
    name: '一至四级残疾军人',
    priority: 30,
    categories: ['disabled_veteran'],
    conditions: [
      { kind: 'disabilityGrade', max: 4 },
      { kind: 'hukouLocal', value: true },
    ],
    package: { cashCents: 200_000, goods: [{ name: '大米', quantity: 2, unitPriceCents: 15_000, unit: '袋' }] },
  },
  {
    name: '高龄优抚对象',
    priority: 20,
    categories: [],
    conditions: [
      { kind: 'hukouLocal', value: true },
      { kind: 'age', min: 80 },
    ],
    package: { cashCents: 100_000, goods: [] },
  },
  {
    name: '烈属普惠',
    priority: 10,
    categories: ['martyr_family', 'serviceman_family'],
    conditions: [{ kind: 'hukouLocal', value: true }],
    package: { cashCents: 50_000, goods: [{ name: '春联年画', quantity: 1, unitPriceCents: 2_000, unit: '套' }] },
  },
];

/** Creates a 2026 campaign with the test standards; returns its detail. */
export async function createCampaign(
  office: TestClient,
  options: { dedupPolicy?: 'person' | 'household'; year?: number; standards?: StandardInput[] } = {},
): Promise<CampaignDetail> {
  const created = await office.post<CampaignDetail>('/api/campaigns', {
    year: options.year ?? 2026,
    budgetCents: 100_000_000,
    dedupPolicy: options.dedupPolicy ?? 'person',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  for (const s of options.standards ?? testStandards) {
    const res = await office.post(`/api/campaigns/${created.body.id}/standards`, s);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return (await office.get<CampaignDetail>(`/api/campaigns/${created.body.id}`)).body;
}

/** Starts roster generation and waits for the job. */
export async function generate(office: TestClient, campaignId: number): Promise<void> {
  const res = await office.post<{ jobId: number }>(`/api/campaigns/${campaignId}/roster`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await jobSettled(res.body.jobId);
  const job = await office.get<{ status: string; message: string }>(`/api/campaigns/${campaignId}/roster-job`);
  expect(job.body.status, job.body.message).toBe('succeeded');
}

export async function transition(office: TestClient, campaignId: number, to: string) {
  return office.post<CampaignDetail & { error?: { code: string; message: string } }>(
    `/api/campaigns/${campaignId}/status`,
    {
      to,
    },
  );
}

/** Sends the generated roster to review, confirms every street's review and locks it; returns its entries. */
export async function lockRoster(
  office: TestClient,
  campaignId: number,
  streets: readonly number[],
): Promise<RosterEntryItem[]> {
  await transition(office, campaignId, 'in_review');
  for (const s of streets) await office.post(`/api/campaigns/${campaignId}/reviews/${s}/confirm`, {});
  expect((await transition(office, campaignId, 'locked')).status).toBe(200);
  return (await office.get<{ items: RosterEntryItem[] }>(`/api/campaigns/${campaignId}/entries?pageSize=200`)).body
    .items;
}

/** A tiny valid PNG (1×1), as a signature drawn on screen would arrive. */
export const signaturePng =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function visitBody(overrides: Record<string, unknown> = {}) {
  return {
    clientKey: crypto.randomUUID(),
    visitedOn: '2026-02-10',
    mode: 'home',
    cashCents: 50_000,
    goods: [{ name: '春联年画', quantity: 1, unit: '套' }],
    receiver: { kind: 'self' },
    signature: signaturePng,
    ...overrides,
  };
}

/** The campaign tests' users, logged in: the district office and a street user of each of the first two streets. */
export async function loginOfficeAndStreets(ctx: TestContext, app: FastifyInstance, r: TestRegions) {
  const o = await createUser(ctx, { role: 'office', regionId: r.district });
  const s = await createUser(ctx, { role: 'street', regionId: r.streets[0] });
  const s2 = await createUser(ctx, { role: 'street', regionId: r.streets[1] });
  return {
    office: await login(app, o.username, o.password),
    street: await login(app, s.username, s.password),
    otherStreet: await login(app, s2.username, s2.password),
  };
}
