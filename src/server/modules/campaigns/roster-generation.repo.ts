/**
 * Writes a generated roster with set-based statements (see roster-sql.ts) inside the caller's transaction:
 * temporary tables of places, facts and households, then entries and exclusions by INSERT … SELECT.
 * Progress is reported after each statement.
 */
import { type Kysely, sql } from 'kysely';
import { goodsValueCents } from '../../../shared/domain/campaign/standards.ts';
import { engineOf } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { RegionIndex } from './campaign-regions.ts';
import { compileRosterSql, int, type RosterSqlInput } from './roster-sql.ts';

const temporaryTables = ['roster_groups', 'roster_facts', 'roster_places'];

export interface SqlRosterCounts {
  considered: number;
  entries: number;
  excluded: number;
  byStandard: { standardId: number; people: number; cashCents: number; goodsCents: number }[];
}

async function run(db: Kysely<DB>, statement: string): Promise<number> {
  const result = await sql.raw(statement).execute(db);
  return Number(result.numAffectedRows ?? 0);
}

async function createPlaces(db: Kysely<DB>, regions: RegionIndex, regionIds: readonly number[]) {
  await run(
    db,
    'CREATE TEMP TABLE roster_places (region_id INTEGER PRIMARY KEY, street_id INTEGER NOT NULL, community_id INTEGER NOT NULL)',
  );
  for (let i = 0; i < regionIds.length; i += 500) {
    const values = regionIds.slice(i, i + 500).map((id) => {
      const place = regions.place(id);
      return `(${int(id)}, ${int(place.streetId)}, ${int(place.communityId)})`;
    });
    await run(db, `INSERT INTO roster_places (region_id, street_id, community_id) VALUES ${values.join(', ')}`);
  }
}

/**
 * Generates the roster of `campaignId` into campaign_roster_entries and campaign_exclusions (the caller has
 * discarded the previous one). `onStep(done, total, message)` after each statement.
 */
export async function writeRoster(
  db: Kysely<DB>,
  campaignId: number,
  input: Omit<RosterSqlInput, 'engine'> & { regions: RegionIndex; regionIds: readonly number[]; now: string },
  onStep?: (done: number, total: number, message: string) => void,
): Promise<SqlRosterCounts> {
  const compiled = compileRosterSql({ ...input, engine: engineOf(db) });
  const household = compiled.insertHouseholdExclusions(campaignId);
  const steps: { message: string; statement: string; counts?: 'entries' | 'excluded' }[] = [
    ...compiled.createFacts.map((statement) => ({ message: '正在按标准逐人比对', statement })),
    {
      message: '正在写入慰问名单（含入选理由）',
      statement: compiled.insertEntries(campaignId, input.now),
      counts: 'entries',
    },
    { message: '正在写入未入选人员及原因', statement: compiled.insertExclusions(campaignId), counts: 'excluded' },
    ...(household
      ? [{ message: '正在写入按户去重的同户人员', statement: household, counts: 'excluded' as const }]
      : []),
  ];
  for (const statement of compiled.settings) await run(db, statement);
  for (const table of temporaryTables) await run(db, `DROP TABLE IF EXISTS ${table}`);
  await createPlaces(db, input.regions, input.regionIds);
  let entries = 0;
  let excluded = 0;
  for (const [index, step] of steps.entries()) {
    onStep?.(index, steps.length, step.message);
    const affected = await run(db, step.statement);
    if (step.counts === 'entries') entries += affected;
    if (step.counts === 'excluded') excluded += affected;
  }
  onStep?.(steps.length, steps.length, '正在统计');
  const considered = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM roster_facts`.execute(db);
  const groups = await sql<{ w: number; n: number | string }>`${sql.raw(compiled.countByWinner)}`.execute(db);
  for (const table of temporaryTables) await run(db, `DROP TABLE IF EXISTS ${table}`);
  return {
    considered: Number(considered.rows[0]?.n ?? 0),
    entries,
    excluded,
    byStandard: groups.rows.map((g) => {
      const standard = compiled.ranked[Number(g.w)]!;
      const people = Number(g.n);
      return {
        standardId: Number(standard.id),
        people,
        cashCents: people * standard.package.cashCents,
        goodsCents: people * goodsValueCents(standard.package),
      };
    }),
  };
}
