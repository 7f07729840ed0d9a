import { sql } from 'kysely';
import { loadDemo } from '../src/server/demo/demo.service.ts';
import * as campaigns from '../src/server/modules/campaigns/campaigns.service.ts';
import { generateRoster } from '../src/server/modules/campaigns/roster.service.ts';
import * as standardsService from '../src/server/modules/campaigns/standards.service.ts';
import { dashboard } from '../src/server/modules/reports/dashboards.service.ts';
import { report } from '../src/server/modules/reports/reports.service.ts';
import { type Actor, systemActor } from '../src/server/platform/access.ts';
import { type ReportKey, reportKeys } from '../src/shared/api/reports.api.ts';
import { type Benchmark, type BenchOptions, type BenchResult, benchContext, percentile, timed } from './lib.ts';
import { fillRegistry } from './registry-search.bench.ts';
import { rosterStandards } from './roster.bench.ts';

/**
 * Dashboards and reports at 1,000,000 people with a full campaign (roster generated, half of it visited): the p95
 * of each dashboard (office of the district, staff of one street) and each report (office), against the p95 of a
 * plain SQL aggregate of the same main figure in the same database.
 */
export const dashboardsBenchmark: Benchmark = {
  name: 'dashboards',
  async run({ engine, scale, postgresUrl }: BenchOptions): Promise<BenchResult[]> {
    const people = Math.round(1_000_000 * scale);
    const ctx = await benchContext({ engine, scale, postgresUrl });
    try {
      await loadDemo(ctx, { deployment: 'putuo', people: 0 });
      process.stderr.write(`  载入 ${people} 名优抚对象……\n`);
      await fillRegistry(ctx, people);
      const district = await ctx.db
        .selectFrom('regions')
        .select(['id', 'path'])
        .where('code', '=', '310107')
        .executeTakeFirstOrThrow();
      const subtree = async (path: string) =>
        (await ctx.db.selectFrom('regions').select('id').where('path', 'like', `${path}%`).execute()).map((r) => r.id);
      const system: Actor = { ...systemActor('基准测试'), regionId: district.id };
      const campaign = await campaigns.createCampaign(ctx, system, {
        year: 2026,
        regionId: district.id,
        littleNewYearDay: '24',
        budgetCents: 0,
        presetKey: null,
        copyFromCampaignId: null,
        signatory: null,
        dedupPolicy: 'person',
      });
      for (const s of rosterStandards) await standardsService.saveStandard(ctx, system, campaign.id, null, s);
      process.stderr.write('  生成慰问名单……\n');
      await generateRoster(ctx, system, campaign.id);
      // Half of the roster visited: one visit row per delivered entry, as the visit service writes them.
      const now = new Date().toISOString();
      await sql`INSERT INTO campaign_visits (campaign_id, entry_id, client_key, person_id, visited_on, mode, cash_cents,
          goods_json, goods_cents, receiver_kind, receiver_name, recorded_offline, created_at)
        SELECT campaign_id, id, 'bench-' || id, person_id, '2026-02-10', 'home', cash_cents, '[]', goods_cents,
          'self', person_name, 0, ${now}
        FROM campaign_roster_entries WHERE campaign_id = ${campaign.id} AND id % 2 = 0`.execute(ctx.db);
      await sql`UPDATE campaign_roster_entries SET visit_status = 'delivered', delivered_at = ${now}
        WHERE campaign_id = ${campaign.id} AND id % 2 = 0`.execute(ctx.db);
      if (engine === 'postgres') await sql`ANALYZE`.execute(ctx.db);

      const street = await ctx.db
        .selectFrom('regions')
        .select(['id', 'path'])
        .where('parent_id', '=', district.id)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const base = { ...system, userId: 1, username: 'bench', ip: null, requestId: null };
      const office: Actor = { ...base, role: 'office', regionId: district.id, regionIds: await subtree(district.path) };
      const streetActor: Actor = {
        ...base,
        role: 'street',
        regionId: street.id,
        regionIds: await subtree(street.path),
      };
      const query = { year: 2026, compare: 'false' as const };
      const runs = Math.max(5, Math.round(40 * scale));
      const p95 = async (work: () => Promise<unknown>) => {
        await work();
        const samples: number[] = [];
        for (let i = 0; i < runs; i++) samples.push((await timed(work)).ms);
        return Math.round(percentile(samples, 95));
      };

      // Plain SQL aggregates of the main figure of each page, in the same database.
      // The registry figure from the base tables: living people per 户籍 region, and distinct holders per 户籍
      // region × category (what the reports read from the counts the database keeps).
      const registrySql = () =>
        Promise.all([
          ctx.db
            .selectFrom('persons')
            .select((eb) => ['hukou_region_id', eb.fn.countAll().as('n')])
            .where('alive', '=', 1)
            .groupBy('hukou_region_id')
            .execute(),
          ctx.db
            .selectFrom('persons')
            .innerJoin('qualifications', 'qualifications.person_id', 'persons.id')
            .select((eb) => ['hukou_region_id', 'category_code', eb.fn.count('persons.id').distinct().as('n')])
            .where('alive', '=', 1)
            .groupBy(['hukou_region_id', 'category_code'])
            .execute(),
        ]);
      const campaignSql = () =>
        ctx.db
          .selectFrom('campaign_roster_entries')
          .select((eb) => ['community_id', eb.fn.countAll().as('n'), eb.fn.sum('cash_cents').as('cash')])
          .where('campaign_id', '=', campaign.id)
          .where('state', '=', 'active')
          .groupBy('community_id')
          .execute();
      // Plaque states per household region, without the eligibility rule (the plain part of the plaque figure).
      const plaqueSql = () =>
        ctx.db
          .selectFrom('households')
          .leftJoin('honor_plaques', 'honor_plaques.household_id', 'households.id')
          .select((eb) => ['households.region_id', 'honor_plaques.status', eb.fn.countAll().as('n')])
          .groupBy(['households.region_id', 'honor_plaques.status'])
          .execute();
      const smallSql = (table: 'troop_requests' | 'activities' | 'notice_assignments' | 'honor_merit_notices') => () =>
        ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .execute();
      const baselines: Record<ReportKey, () => Promise<unknown>> = {
        'registry-categories': registrySql,
        'campaign-visits': campaignSql,
        'honour-plaques': plaqueSql,
        'merit-notices': smallSql('honor_merit_notices'),
        'troop-requests': smallSql('troop_requests'),
        activities: smallSql('activities'),
        'notice-tasks': smallSql('notice_assignments'),
      };
      const target = 300;
      const results: BenchResult[] = [];
      const record = (name: string, value: number, baseline: number) => {
        process.stderr.write(`  ${name}: p95 ${value} ms（基线 ${baseline} ms）\n`);
        results.push({
          name: `${name} ${people} people p95`,
          engine,
          value,
          unit: 'ms',
          baseline,
          ratio: baseline > 0 ? Math.round((value / baseline) * 100) / 100 : null,
          target: `≤ ${target} ms`,
          met: value <= target,
        });
      };
      const dashboardBase = await p95(() => Promise.all([registrySql(), campaignSql()]));
      record('dashboard office', await p95(() => dashboard(ctx, office, query)), dashboardBase);
      record('dashboard street', await p95(() => dashboard(ctx, streetActor, query)), dashboardBase);
      for (const key of reportKeys) {
        record(`report ${key}`, await p95(() => report(ctx, office, key, query)), await p95(baselines[key]));
      }
      return results;
    } finally {
      await ctx.close();
    }
  },
};
