import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import { loadDemo } from '../src/server/demo/demo.service.ts';
import * as campaigns from '../src/server/modules/campaigns/campaigns.service.ts';
import { generateRoster } from '../src/server/modules/campaigns/roster.service.ts';
import * as standardsService from '../src/server/modules/campaigns/standards.service.ts';
import { type Actor, systemActor } from '../src/server/platform/access.ts';
import { goodsValueCents, type StandardInput } from '../src/shared/domain/campaign/standards.ts';
import { type Benchmark, type BenchOptions, type BenchResult, benchContext, timed } from './lib.ts';
import { fillRegistry } from './registry-search.bench.ts';

/**
 * Roster generation at scale (issue 8: 1,000,000 people, 10 rules, per-household dedup, with explanations): the
 * whole job — every standard compiled to SQL, the winner and the other matching standards of each person, the
 * reasons, household dedup, exclusions with their reasons, in one transaction — against one hand-written
 * INSERT … SELECT of the same entries into the same table (same indexes and foreign keys) that picks the winner
 * with CASE and dedups households with ROW_NUMBER (no reasons, no exclusions, no explanation) in the same database.
 */
const rice = { name: '大米', quantity: 2, unitPriceCents: 15_000, unit: '袋' };
const local = { kind: 'hukouLocal', value: true } as const;
export const rosterStandards: StandardInput[] = [
  {
    name: '一至四级残疾军人',
    priority: 30,
    categories: ['disabled_veteran'],
    conditions: [{ kind: 'disabilityGrade', max: 4 }, local],
    package: { cashCents: 200_000, goods: [rice] },
  },
  {
    name: '五至六级因战因公残疾军人',
    priority: 28,
    categories: ['disabled_veteran'],
    conditions: [
      { kind: 'disabilityGrade', min: 5, max: 6 },
      { kind: 'disabilityNature', anyOf: ['war', 'duty'] },
      local,
    ],
    package: { cashCents: 150_000, goods: [rice] },
  },
  {
    name: '七至十级残疾军人',
    priority: 25,
    categories: ['disabled_veteran'],
    conditions: [{ kind: 'disabilityGrade', min: 7 }, local],
    package: { cashCents: 120_000, goods: [] },
  },
  {
    name: '高龄优抚对象',
    priority: 20,
    categories: [],
    conditions: [local, { kind: 'age', min: 80 }],
    package: { cashCents: 100_000, goods: [] },
  },
  {
    name: '烈士遗属',
    priority: 18,
    categories: ['martyr_family'],
    conditions: [local],
    package: { cashCents: 90_000, goods: [rice] },
  },
  {
    name: '独居优抚对象',
    priority: 15,
    categories: [],
    conditions: [local, { kind: 'livingSituation', anyOf: ['独居', '孤老'] }],
    package: { cashCents: 80_000, goods: [] },
  },
  {
    name: '现役军人父母',
    priority: 12,
    categories: ['serviceman_family'],
    conditions: [{ kind: 'relation', anyOf: ['父母'] }, local],
    package: { cashCents: 60_000, goods: [] },
  },
  {
    name: '烈属军属普惠',
    priority: 10,
    categories: ['martyr_family', 'serviceman_family'],
    conditions: [local],
    package: { cashCents: 50_000, goods: [{ name: '春联年画', quantity: 1, unitPriceCents: 2_000, unit: '套' }] },
  },
  {
    name: '参战退役士兵',
    priority: 9,
    categories: ['retired_soldier'],
    conditions: [{ kind: 'flag', anyOf: ['combat'] }, local],
    package: { cashCents: 40_000, goods: [] },
  },
  {
    name: '七十岁以上军转干部',
    priority: 8,
    categories: ['transferred_cadre'],
    conditions: [{ kind: 'age', min: 70 }, local],
    package: { cashCents: 30_000, goods: [] },
  },
];

/** Details the registry filler leaves empty, so that every standard has work: grades, natures, relations,
 * flags, and half the people in households of three. */
export async function enrich(db: Kysely<DB>) {
  await db
    .updateTable('qualifications')
    .set({
      disability_grade: sql`(id % 10) + 1`,
      disability_nature: sql`CASE id % 3 WHEN 0 THEN '因战' WHEN 1 THEN '因公' ELSE '因病' END`,
    })
    .where('category_code', '=', 'disabled_veteran')
    .execute();
  await db
    .updateTable('qualifications')
    .set({ relation: sql`CASE WHEN id % 3 = 0 THEN '父母' ELSE '配偶' END` })
    .where('category_code', '=', 'serviceman_family')
    .execute();
  await db
    .updateTable('qualifications')
    .set({ flags_json: '["combat"]' })
    .where('category_code', '=', 'retired_soldier')
    .where(sql<boolean>`id % 4 = 0`)
    .execute();
  const now = new Date().toISOString();
  await sql`INSERT INTO households (id, name, region_id, address, created_at, updated_at)
    SELECT ${sql.lit(householdBase)} + id, name, residence_region_id, NULL, ${now}, ${now} FROM persons WHERE id % 6 = 1`.execute(
    db,
  );
  await sql`UPDATE persons SET household_id = ${sql.lit(householdBase)} + id - ((id - 1) % 3)
    WHERE (id - ((id - 1) % 3)) % 6 = 1`.execute(db);
}
const householdBase = 10_000_000;

export const rosterBenchmark: Benchmark = {
  name: 'roster',
  async run({ engine, scale, postgresUrl }: BenchOptions): Promise<BenchResult[]> {
    const people = Math.round(1_000_000 * scale);
    const ctx = await benchContext({ engine, scale, postgresUrl });
    try {
      await loadDemo(ctx, { deployment: 'putuo', people: 0 });
      process.stderr.write(`  载入 ${people} 名优抚对象……\n`);
      await fillRegistry(ctx, people);
      await enrich(ctx.db);
      if (ctx.engine === 'postgres') await sql`ANALYZE`.execute(ctx.db);
      const district = await ctx.db
        .selectFrom('regions')
        .select(['id', 'path'])
        .where('code', '=', '310107')
        .executeTakeFirstOrThrow();
      const actor: Actor = { ...systemActor('基准测试'), regionId: district.id };
      const campaignInput = {
        year: 2026,
        regionId: district.id,
        littleNewYearDay: '24',
        budgetCents: 0,
        presetKey: null,
        copyFromCampaignId: null,
        signatory: null,
        dedupPolicy: 'household',
      } as const;
      const campaign = await campaigns.createCampaign(ctx, actor, campaignInput);
      for (const s of rosterStandards) await standardsService.saveStandard(ctx, actor, campaign.id, null, s);

      // Time per statement of the job (its progress messages), for finding the slow one.
      let phase = { message: '准备', at: performance.now() };
      const phases: string[] = [];
      const service = await timed(() =>
        generateRoster(ctx, actor, campaign.id, (_done, _total, message) => {
          const at = performance.now();
          phases.push(`${phase.message} ${((at - phase.at) / 1000).toFixed(2)} s`);
          phase = { message, at };
        }),
      );
      process.stderr.write(`  ${phases.join('；')}\n`);
      process.stderr.write(`  名单：${service.result.entries} 条，排除 ${service.result.excluded} 人\n`);

      // The baseline: one INSERT … SELECT of the same entries into the same table (its indexes and foreign keys
      // included), choosing the winning standard with CASE, for a second campaign with the same standards. It
      // writes no explanations: reasons, other matched standards and household members stay empty.
      const localIds = (
        await ctx.db.selectFrom('regions').select('id').where('path', 'like', `${district.path}%`).execute()
      ).map((r) => r.id);
      const inLocal = sql.join(localIds.map((n) => sql.lit(n)));
      const born = (years: number) => `${2026 - years}-02-17`; // 春节 2026, the campaign's reference date
      const rank = (name: string) => sql.lit(rosterStandards.findIndex((x) => x.name === name));
      const other = await campaigns.createCampaign(ctx, actor, { ...campaignInput, year: 2025 });
      for (const s of rosterStandards) await standardsService.saveStandard(ctx, actor, other.id, null, s);
      const otherStandards = (await campaigns.getCampaign(ctx, actor, other.id)).standards;
      // The winner by priority, written by hand (the standards above, best first).
      const winner = sql`CASE
          WHEN q.category_code = 'disabled_veteran' AND q.disability_grade <= 4 THEN ${rank('一至四级残疾军人')}
          WHEN q.category_code = 'disabled_veteran' AND q.disability_grade BETWEEN 5 AND 6
            AND q.disability_nature IN ('因战', '因公') THEN ${rank('五至六级因战因公残疾军人')}
          WHEN q.category_code = 'disabled_veteran' AND q.disability_grade >= 7 THEN ${rank('七至十级残疾军人')}
          WHEN p.birth_date <= ${sql.lit(born(80))} THEN ${rank('高龄优抚对象')}
          WHEN q.category_code = 'martyr_family' THEN ${rank('烈士遗属')}
          WHEN p.living_situations_json LIKE '%独居%' OR p.living_situations_json LIKE '%孤老%' THEN ${rank('独居优抚对象')}
          WHEN q.category_code = 'serviceman_family' AND q.relation = '父母' THEN ${rank('现役军人父母')}
          WHEN q.category_code = 'serviceman_family' THEN ${rank('烈属军属普惠')}
          WHEN q.category_code = 'retired_soldier' AND q.flags_json LIKE '%"combat"%' THEN ${rank('参战退役士兵')}
          WHEN q.category_code = 'transferred_cadre' AND p.birth_date <= ${sql.lit(born(70))} THEN ${rank('七十岁以上军转干部')}
        END`;
      const ranked = sql.join(
        rosterStandards.map((s, i) => {
          const id = otherStandards.find((x) => x.name === s.name)!.id;
          return sql`SELECT ${sql.lit(i)} AS r, ${sql.lit(id)} AS id, ${sql.lit(goodsValueCents(s.package))} AS goods_cents`;
        }),
        sql` UNION ALL `,
      );
      const now = new Date().toISOString();
      const baseline = await timed(() =>
        sql`INSERT INTO campaign_roster_entries (campaign_id, person_id, household_id, standard_id, category_code,
            street_id, community_id, person_name, cash_cents, goods_cents, goods_json, also_matched_json, reasons_json,
            other_members_json, source, state, visit_status, created_at, updated_at)
          SELECT ${sql.lit(other.id)}, x.person_id, x.household_id, s.id, x.category_code, c.parent_id, c.id, x.name,
            s.cash_cents, k.goods_cents, s.goods_json, '[]', '[]', '[]', 'rule', 'active', 'pending', ${now}, ${now}
          FROM (
            SELECT w.*, ROW_NUMBER() OVER (
              PARTITION BY COALESCE(w.household_id, -w.person_id) ORDER BY w.r, w.person_id) AS rn
            FROM (
              SELECT p.id AS person_id, p.household_id, p.name, p.residence_region_id, q.category_code, ${winner} AS r
              FROM persons p JOIN qualifications q ON q.person_id = p.id
              WHERE p.alive = 1 AND p.hukou_region_id IN (${inLocal})
            ) w WHERE w.r IS NOT NULL
          ) x JOIN (${ranked}) k ON k.r = x.r JOIN campaign_standards s ON s.id = k.id
          JOIN regions c ON c.id = x.residence_region_id
          WHERE x.rn = 1`.execute(ctx.db),
      );
      // Same entries: the same people with the same standard (by name), place and money, both ways.
      const entriesOf = (campaignId: number) => sql`SELECT e.person_id, s.name, e.street_id, e.community_id,
          e.cash_cents, e.goods_cents FROM campaign_roster_entries e JOIN campaign_standards s ON s.id = e.standard_id
          WHERE e.campaign_id = ${sql.lit(campaignId)}`;
      const differing = await sql<{ n: number | string }>`SELECT (
          SELECT COUNT(*) FROM (${entriesOf(campaign.id)} EXCEPT ${entriesOf(other.id)}) a) + (
          SELECT COUNT(*) FROM (${entriesOf(other.id)} EXCEPT ${entriesOf(campaign.id)}) b) AS n`.execute(ctx.db);
      const baselineCount = Number(baseline.result.numAffectedRows ?? 0);
      const same = Number(differing.rows[0]?.n ?? -1) === 0 && baselineCount === service.result.entries;
      if (!same) {
        process.stderr.write(
          `  注意：基线 ${baselineCount} 条与服务 ${service.result.entries} 条不一致（${differing.rows[0]?.n} 处不同）\n`,
        );
      }
      const seconds = Math.round(service.ms / 100) / 10;
      const baseSeconds = Math.round(baseline.ms / 100) / 10;
      const ratio = baseSeconds > 0 ? Math.round((seconds / baseSeconds) * 100) / 100 : null;
      return [
        {
          name: `roster ${people} people, 10 rules, per household`,
          engine,
          value: seconds,
          unit: 's',
          baseline: baseSeconds,
          ratio,
          target: `≤ 3 × baseline (same entries as the SQL baseline: ${same ? 'yes' : 'no'})`,
          met: ratio !== null && ratio <= 3 && same,
        },
      ];
    } finally {
      await ctx.close();
    }
  },
};
