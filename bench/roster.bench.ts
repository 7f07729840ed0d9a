import { sql } from 'kysely';
import { loadDemo } from '../src/server/demo/demo.service.ts';
import * as campaigns from '../src/server/modules/campaigns/campaigns.service.ts';
import { generateRoster } from '../src/server/modules/campaigns/roster.service.ts';
import * as standardsService from '../src/server/modules/campaigns/standards.service.ts';
import { type Actor, systemActor } from '../src/server/platform/access.ts';
import type { StandardInput } from '../src/shared/domain/campaign/standards.ts';
import { type Benchmark, type BenchOptions, type BenchResult, benchContext, timed } from './lib.ts';
import { fillRegistry } from './registry-search.bench.ts';

/**
 * Roster generation at scale (issue 4 item 12: 1,000,000 people): the whole job — facts streamed in pages from
 * the registry, every standard evaluated with its reasons, exclusions with theirs, entries and exclusions
 * written in batches in one transaction — against a hand-written single INSERT … SELECT that picks the winning
 * standard in SQL (no reasons, no exclusions, no dedup explanation) in the same database.
 */
export const rosterStandards: StandardInput[] = [
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
    name: '独居优抚对象',
    priority: 15,
    categories: [],
    conditions: [
      { kind: 'hukouLocal', value: true },
      { kind: 'livingSituation', anyOf: ['独居', '孤老'] },
    ],
    package: { cashCents: 80_000, goods: [] },
  },
  {
    name: '烈属军属普惠',
    priority: 10,
    categories: ['martyr_family', 'serviceman_family'],
    conditions: [{ kind: 'hukouLocal', value: true }],
    package: { cashCents: 50_000, goods: [{ name: '春联年画', quantity: 1, unitPriceCents: 2_000, unit: '套' }] },
  },
];

export const rosterBenchmark: Benchmark = {
  name: 'roster',
  async run({ engine, scale, postgresUrl }: BenchOptions): Promise<BenchResult[]> {
    const people = Math.round(1_000_000 * scale);
    const ctx = await benchContext({ engine, scale, postgresUrl });
    try {
      await loadDemo(ctx, { deployment: 'putuo', people: 0 });
      process.stderr.write(`  载入 ${people} 名优抚对象……\n`);
      await fillRegistry(ctx, people);
      // Some of them disabled veterans of grades 1–10, so that every standard has work.
      await ctx.db
        .updateTable('qualifications')
        .set({ disability_grade: sql`(id % 10) + 1`, disability_nature: '因战' })
        .where('category_code', '=', 'disabled_veteran')
        .execute();
      const district = await ctx.db
        .selectFrom('regions')
        .select(['id', 'path'])
        .where('code', '=', '310107')
        .executeTakeFirstOrThrow();
      const actor: Actor = { ...systemActor('基准测试'), regionId: district.id };
      const campaign = await campaigns.createCampaign(ctx, actor, {
        year: 2026,
        regionId: district.id,
        littleNewYearDay: '24',
        budgetCents: 0,
        presetKey: null,
        copyFromCampaignId: null,
        signatory: null,
        dedupPolicy: 'person',
      });
      for (const s of rosterStandards) await standardsService.saveStandard(ctx, actor, campaign.id, null, s);
      const saved = (await campaigns.getCampaign(ctx, actor, campaign.id)).standards;
      const id = (name: string) => saved.find((s) => s.name === name)!.id;

      const service = await timed(() => generateRoster(ctx, actor, campaign.id));
      process.stderr.write(`  名单：${service.result.entries} 条，排除 ${service.result.excluded} 人\n`);

      // The baseline: one INSERT … SELECT choosing the winning standard with CASE, in the same database.
      const local = (
        await ctx.db.selectFrom('regions').select('id').where('path', 'like', `${district.path}%`).execute()
      ).map((r) => r.id);
      const inLocal = sql.join(local.map((n) => sql.lit(n)));
      const elderly = '1946-02-17'; // born on or before: 80 on 2026-02-17 (春节, the campaign's reference date)
      await sql`CREATE TABLE bench_roster (person_id integer, standard_id integer, cash_cents integer)`.execute(ctx.db);
      const winner = sql`CASE
          WHEN q.category_code = 'disabled_veteran' AND q.disability_grade <= 4 THEN ${sql.lit(id('一至四级残疾军人'))}
          WHEN p.birth_date <= ${sql.lit(elderly)} THEN ${sql.lit(id('高龄优抚对象'))}
          WHEN p.living_situations_json LIKE '%独居%' OR p.living_situations_json LIKE '%孤老%' THEN ${sql.lit(id('独居优抚对象'))}
          WHEN q.category_code IN ('martyr_family', 'serviceman_family') THEN ${sql.lit(id('烈属军属普惠'))}
        END`;
      const baseline = await timed(() =>
        sql`INSERT INTO bench_roster (person_id, standard_id, cash_cents)
          SELECT person_id, standard_id, s.cash_cents FROM (
            SELECT p.id AS person_id, ${winner} AS standard_id
            FROM persons p JOIN qualifications q ON q.person_id = p.id
            WHERE p.alive = 1 AND p.hukou_region_id IN (${inLocal})
              AND (p.residence_region_id IN (${inLocal}) OR p.hukou_region_id IN (${inLocal}))
          ) w JOIN campaign_standards s ON s.id = w.standard_id`.execute(ctx.db),
      );
      const counted = await sql<{ n: number }>`SELECT COUNT(DISTINCT person_id) AS n FROM bench_roster`.execute(ctx.db);
      const baselineCount = Number(counted.rows[0]?.n ?? 0);
      if (baselineCount !== service.result.entries) {
        process.stderr.write(`  注意：基线 ${baselineCount} 条与服务 ${service.result.entries} 条不一致\n`);
      }
      const seconds = Math.round(service.ms / 100) / 10;
      const baseSeconds = Math.round(baseline.ms / 100) / 10;
      const targetSeconds = 120 * scale;
      return [
        {
          name: `roster ${people} people`,
          engine,
          value: seconds,
          unit: 's',
          baseline: baseSeconds,
          ratio: baseSeconds > 0 ? Math.round((seconds / baseSeconds) * 100) / 100 : null,
          target: `≤ ${targetSeconds} s (same entries as the SQL baseline: ${baselineCount === service.result.entries ? 'yes' : 'no'})`,
          met: seconds <= targetSeconds && baselineCount === service.result.entries,
        },
      ];
    } finally {
      await ctx.close();
    }
  },
};
