/**
 * Differential test of the set-based roster (roster-sql.ts) against the pure reference (`buildRoster` over the
 * facts the registry holds): random people, qualifications, households and standards; the SQL roster written
 * by `generateRoster` must equal the reference entry for entry and exclusion for exclusion, reasons included.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import { buildRoster, type DedupPolicy } from '../../../shared/domain/campaign/roster.ts';
import type { Condition, StandardInput } from '../../../shared/domain/campaign/standards.ts';
import { type Actor, systemActor } from '../../platform/access.ts';
import { loadRegionIndex } from './campaign-regions.ts';
import { addHousehold } from './campaigns.fixture.ts';
import { categoryLabels, listStandards } from './campaigns.repo.ts';
import * as campaigns from './campaigns.service.ts';
import { streamFacts } from './facts.repo.ts';
import { generateRoster } from './roster.service.ts';
import { toDomainStandard } from './standard-mapping.ts';
import * as standardsService from './standards.service.ts';

let ctx: TestContext;
let r: TestRegions;
let actor: Actor;
let campaignId: number;
let households: number[];
let made = 0;

const categories = ['disabled_veteran', 'martyr_family', 'serviceman_family', 'retired_soldier'] as const;
const living = ['独居', '孤老', '空巢'] as const;
const flags = ['a', 'b', "c'd"] as const;
const relations = ['父母', '配偶', '子女'] as const;

beforeAll(async () => {
  ctx = await createTestContext();
  r = await seedRegions(ctx);
  actor = { ...systemActor('测试'), regionId: r.district };
  const campaign = await campaigns.createCampaign(ctx, actor, {
    year: 2026,
    regionId: r.district,
    littleNewYearDay: '24',
    budgetCents: 0,
    presetKey: null,
    copyFromCampaignId: null,
    signatory: null,
    dedupPolicy: 'person',
  });
  campaignId = campaign.id;
  households = [];
  for (let i = 0; i < 4; i++) {
    households.push(await addHousehold(ctx, r.communities[0][0], `户${i}`));
  }
});
afterAll(async () => {
  await ctx?.close();
});

const qualification = fc.record({
  category: fc.constantFrom(...categories),
  grade: fc.option(fc.integer({ min: 1, max: 10 })),
  nature: fc.option(fc.constantFrom('因战', '因公', '因病', 'war', '其他')),
  relation: fc.option(fc.constantFrom(...relations)),
  endDate: fc.option(fc.constantFrom('2020-01-01', '2026-02-17', '2030-01-01')),
  flags: fc.subarray([...flags]),
});

const person = fc.record({
  place: fc.integer({ min: 0, max: 3 }),
  hukou: fc.constantFrom('same', 'other', 'none'),
  residence: fc.constantFrom('here', 'here', 'none'),
  alive: fc.boolean(),
  birthDate: fc.constantFrom(
    '1946-02-17',
    '1946-02-18',
    '1944-02-29',
    '1960-07-01',
    '2001-13-01',
    '1990-02-30',
    '不详',
  ),
  living: fc.subarray([...living]),
  household: fc.option(fc.integer({ min: 0, max: 3 })),
  qualifications: fc.array(qualification, { maxLength: 3 }),
});

const range = (min: number, max: number) =>
  fc
    .tuple(
      fc.option(fc.integer({ min, max }), { nil: undefined }),
      fc.option(fc.integer({ min, max }), { nil: undefined }),
    )
    .filter(([a, b]) => a !== undefined || b !== undefined)
    .map(([a, b]) => (a !== undefined && b !== undefined && a > b ? { min: b, max: a } : { min: a, max: b }));

const condition: fc.Arbitrary<Condition> = fc.oneof(
  range(1, 10).map((x) => ({ kind: 'disabilityGrade' as const, ...x })),
  fc.subarray(['war', 'duty', 'illness'] as const, { minLength: 1 }).map((anyOf) => ({
    kind: 'disabilityNature' as const,
    anyOf,
  })),
  fc.subarray([...relations], { minLength: 1 }).map((anyOf) => ({ kind: 'relation' as const, anyOf })),
  fc.boolean().map((value) => ({ kind: 'hukouLocal' as const, value })),
  fc.boolean().map((value) => ({ kind: 'alive' as const, value })),
  range(60, 90).map((x) => ({ kind: 'age' as const, ...x })),
  fc.subarray([...living], { minLength: 1 }).map((anyOf) => ({ kind: 'livingSituation' as const, anyOf })),
  fc.subarray([...flags], { minLength: 1 }).map((anyOf) => ({ kind: 'flag' as const, anyOf })),
);

const standard = fc.record({
  priority: fc.integer({ min: 0, max: 2 }),
  categories: fc.subarray([...categories]),
  conditions: fc.uniqueArray(condition, { maxLength: 4, selector: (c) => c.kind }),
  cash: fc.constantFrom(0, 100, 200),
  goods: fc.boolean(),
});

type PersonGen = fc.Arbitrary<typeof person extends fc.Arbitrary<infer T> ? T : never>;

async function addPeople(people: (PersonGen extends fc.Arbitrary<infer T> ? T : never)[]) {
  const now = new Date().toISOString();
  const places = [...r.communities[0], ...r.communities[1]];
  for (const p of people) {
    made++;
    const here = places[p.place]!;
    const created = await createPerson(ctx, {
      regionId: here,
      birthDate: `19${50 + (made % 40)}-0${1 + (made % 9)}-1${made % 10}`,
      name: `测试${made}`,
    });
    await ctx.db.deleteFrom('qualifications').where('person_id', '=', created.id).execute();
    await ctx.db
      .updateTable('persons')
      .set({
        hukou_region_id: p.hukou === 'same' ? here : p.hukou === 'other' ? places[(p.place + 1) % 4]! : null,
        residence_region_id: p.residence === 'here' ? here : null,
        alive: p.alive ? 1 : 0,
        birth_date: p.birthDate,
        living_situations_json: JSON.stringify(p.living),
        household_id: p.household === null ? null : households[p.household]!,
      })
      .where('id', '=', created.id)
      .execute();
    for (const q of p.qualifications) {
      await ctx.db
        .insertInto('qualifications')
        .values({
          person_id: created.id,
          category_code: q.category,
          disability_grade: q.grade,
          disability_nature: q.nature,
          relation: q.relation,
          serviceman_name: null,
          certificate_no: null,
          start_date: null,
          end_date: q.endDate,
          flags_json: JSON.stringify(q.flags),
          created_at: now,
        })
        .execute();
    }
  }
}

async function setStandards(list: (typeof standard extends fc.Arbitrary<infer T> ? T : never)[]) {
  for (const table of ['campaign_exclusions', 'campaign_street_reviews', 'campaign_roster_entries'] as const) {
    await ctx.db.deleteFrom(table).where('campaign_id', '=', campaignId).execute();
  }
  await ctx.db.deleteFrom('campaign_standards').where('campaign_id', '=', campaignId).execute();
  await ctx.db.updateTable('campaigns').set({ status: 'draft' }).where('id', '=', campaignId).execute();
  for (const [i, s] of list.entries()) {
    const input: StandardInput = {
      name: `标准${i}`,
      priority: s.priority,
      categories: s.categories,
      conditions: s.conditions,
      package: {
        cashCents: s.cash,
        goods: s.goods ? [{ name: '大米', quantity: 1, unitPriceCents: 100, unit: '袋' }] : [],
      },
    };
    await standardsService.saveStandard(ctx, actor, campaignId, null, input);
  }
}

async function reference(dedup: DedupPolicy, refDate: string) {
  const regions = await loadRegionIndex(ctx.db);
  const labels = await categoryLabels(ctx.db);
  const standards = (await listStandards(ctx.db, campaignId)).map(toDomainStandard);
  const facts = [];
  for await (const page of streamFacts(ctx.db, { regionIds: regions.subtree(r.district), regions, refDate })) {
    facts.push(...page.map((x) => x.facts));
  }
  return buildRoster(facts, standards, { dedup, refDate, labels: { categories: labels } });
}

async function written() {
  const entries = await ctx.db
    .selectFrom('campaign_roster_entries')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('person_id')
    .execute();
  const excluded = await ctx.db
    .selectFrom('campaign_exclusions')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('person_id')
    .execute();
  return {
    entries: entries.map((e) => ({
      personId: String(e.person_id),
      householdId: e.household_id === null ? null : String(e.household_id),
      streetId: String(e.street_id),
      communityId: String(e.community_id),
      standardId: String(e.standard_id),
      categoryCode: e.category_code,
      alsoMatched: (JSON.parse(e.also_matched_json) as number[]).map(String),
      reasons: JSON.parse(e.reasons_json) as string[],
      otherMembers: (JSON.parse(e.other_members_json) as number[]).map(String),
    })),
    excluded: excluded.map((x) => ({
      personId: String(x.person_id),
      householdId: x.household_id === null ? null : String(x.household_id),
      streetId: String(x.street_id),
      communityId: String(x.community_id),
      reason: x.reason,
      ...(x.standard_id !== null && { standardId: String(x.standard_id) }),
      ...(x.covered_by_person_id !== null && { coveredBy: String(x.covered_by_person_id) }),
    })),
  };
}

const byPerson = <T extends { personId: string }>(list: T[]) =>
  [...list].sort((a, b) => Number(a.personId) - Number(b.personId));

describe('roster in SQL equals the reference evaluation', () => {
  it('for random people, households and standards, per person and per household', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(person, { minLength: 1, maxLength: 8 }),
        fc.array(standard, { minLength: 1, maxLength: 5 }),
        fc.constantFrom<DedupPolicy>('person', 'household'),
        fc.constantFrom('2026-02-17', '2024-02-28', '2023-03-01'),
        async (people, standards, dedup, refDate) => {
          await addPeople(people);
          await setStandards(standards);
          await ctx.db
            .updateTable('campaigns')
            .set({ dedup_policy: dedup, ref_date: refDate })
            .where('id', '=', campaignId)
            .execute();
          const result = await generateRoster(ctx, actor, campaignId);
          const expected = await reference(dedup, refDate);
          const got = await written();
          expect(byPerson(got.entries)).toEqual(byPerson(expected.entries));
          expect(byPerson(got.excluded)).toEqual(byPerson(expected.excluded));
          expect(result.considered).toBe(expected.considered);
          expect(result.entries).toBe(expected.entries.length);
        },
      ),
      { numRuns: Number(process.env.ROSTER_RUNS ?? 40) },
    );
  }, 120_000);
});
