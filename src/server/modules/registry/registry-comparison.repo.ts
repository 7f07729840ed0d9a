import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import { personRegionColumns } from './registry.repo.ts';
import type { ComparisonMatchTable, MatchReview } from './registry-import.schema.ts';

/**
 * Comparisons: another department's list (公安/民政/医保 …) matched against the registry, and the matches
 * each street reviews. The tables are the import migration's (registry-import.schema.ts).
 */

export async function insertComparison(
  db: Kysely<DB>,
  row: { source: string; file_name: string; created_by: number | null; created_by_name: string | null },
  now: string,
): Promise<number> {
  const inserted = await db
    .insertInto('comparisons')
    .values({
      ...row,
      status: 'running',
      counts_json: '{}',
      issues_json: '[]',
      message: null,
      job_id: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateComparison(
  db: Kysely<DB>,
  id: number,
  patch: Partial<{
    status: 'running' | 'done' | 'failed';
    counts_json: string;
    issues_json: string;
    message: string | null;
    job_id: number | null;
  }>,
  now: string,
): Promise<void> {
  await db
    .updateTable('comparisons')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .execute();
}

const comparisonColumns = [
  'comparisons.id',
  'comparisons.source',
  'comparisons.file_name',
  'comparisons.status',
  'comparisons.counts_json',
  'comparisons.message',
  'comparisons.created_by_name',
  'comparisons.created_at',
  'comparisons.job_id',
] as const;

/**
 * Comparisons the actor may see: those it uploaded, and those with a match on a person in its scope (an office
 * uploads the 公安 list; each street reviews its own matches).
 */
export function listComparisons(db: Kysely<DB>, actor: Actor, limit = 50) {
  return db
    .selectFrom('comparisons')
    .select(comparisonColumns)
    .where((eb) =>
      eb.or([
        eb('comparisons.created_by', '=', actor.userId ?? -1),
        eb.exists(
          eb
            .selectFrom('comparison_matches')
            .innerJoin('persons', 'persons.id', 'comparison_matches.person_id')
            .select('comparison_matches.id')
            .whereRef('comparison_matches.comparison_id', '=', 'comparisons.id')
            .where(inRegionScope(actor, personRegionColumns)),
        ),
      ]),
    )
    .orderBy('comparisons.id', 'desc')
    .limit(limit)
    .execute();
}
export type ComparisonRow = Awaited<ReturnType<typeof listComparisons>>[number];

export async function findComparison(db: Kysely<DB>, actor: Actor, id: number) {
  const rows = await db
    .selectFrom('comparisons')
    .select([...comparisonColumns, 'comparisons.issues_json', 'comparisons.created_by'])
    .where('comparisons.id', '=', id)
    .execute();
  const row = rows[0];
  if (!row) return undefined;
  if (row.created_by === actor.userId) return row;
  const visible = await listComparisons(db, actor, 1000);
  return visible.some((c) => c.id === id) ? row : undefined;
}

/** Registered people in scope with these ID hashes: hash → person id. */
export async function personIdsByHash(db: Kysely<DB>, actor: Actor, hashes: readonly string[]) {
  const out = new Map<string, number>();
  for (let i = 0; i < hashes.length; i += 500) {
    const chunk = hashes.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('persons')
      .where(inRegionScope(actor, personRegionColumns))
      .where('persons.id_number_hash', 'in', chunk)
      .select(['persons.id', 'persons.id_number_hash'])
      .execute();
    for (const r of rows) out.set(r.id_number_hash, r.id);
  }
  return out;
}

/** A match as the comparison finds it; the review columns start empty. */
export type MatchWrite = Omit<
  ComparisonMatchTable,
  'id' | 'review' | 'review_note' | 'reviewed_by' | 'reviewed_by_name' | 'reviewed_at' | 'created_at'
>;

export async function insertMatches(db: Kysely<DB>, rows: readonly MatchWrite[], now: string): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('comparison_matches')
      .values(
        rows.slice(i, i + 200).map((r) => ({
          ...r,
          review: 'pending' as const,
          review_note: null,
          reviewed_by: null,
          reviewed_by_name: null,
          reviewed_at: null,
          created_at: now,
        })),
      )
      .execute();
  }
}

export interface MatchFilter {
  comparisonId?: number | undefined;
  personId?: number | undefined;
  review?: MatchReview | 'all';
}

/** Matches on people in the actor's scope (the one scope filter, through the person). */
function matchesQuery(db: Kysely<DB>, actor: Actor, f: MatchFilter) {
  let q = db
    .selectFrom('comparison_matches')
    .innerJoin('persons', 'persons.id', 'comparison_matches.person_id')
    .innerJoin('comparisons', 'comparisons.id', 'comparison_matches.comparison_id')
    .where(inRegionScope(actor, personRegionColumns));
  if (f.comparisonId !== undefined) q = q.where('comparison_matches.comparison_id', '=', f.comparisonId);
  if (f.personId !== undefined) q = q.where('comparison_matches.person_id', '=', f.personId);
  if (f.review && f.review !== 'all') q = q.where('comparison_matches.review', '=', f.review);
  return q;
}

const matchColumns = [
  'comparison_matches.id',
  'comparison_matches.comparison_id',
  'comparison_matches.person_id',
  'comparison_matches.row_number',
  'comparison_matches.reported_status',
  'comparison_matches.reported_text',
  'comparison_matches.event_date',
  'comparison_matches.note',
  'comparison_matches.review',
  'comparison_matches.review_note',
  'comparison_matches.reviewed_by_name',
  'comparison_matches.reviewed_at',
  'comparison_matches.created_at',
  'comparisons.source',
  'comparisons.file_name',
  'persons.name',
  'persons.id_masked',
  'persons.id_number_enc',
  'persons.alive',
  'persons.residence_region_id',
  'persons.hukou_region_id',
] as const;

export async function listMatches(
  db: Kysely<DB>,
  actor: Actor,
  f: MatchFilter,
  page: { offset: number; limit: number },
) {
  const [rows, count] = await Promise.all([
    matchesQuery(db, actor, f)
      .select(matchColumns)
      .orderBy('comparison_matches.id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    matchesQuery(db, actor, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type MatchRow = Awaited<ReturnType<typeof listMatches>>['rows'][number];

export function findMatch(db: Kysely<DB>, actor: Actor, id: number) {
  return matchesQuery(db, actor, {}).select(matchColumns).where('comparison_matches.id', '=', id).executeTakeFirst();
}

/** Sets the review of a pending match; false when it was no longer pending. */
export async function reviewMatch(
  db: Kysely<DB>,
  id: number,
  patch: { review: MatchReview; review_note: string | null; reviewed_by: number | null; reviewed_by_name: string },
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('comparison_matches')
    .set({ ...patch, reviewed_at: now })
    .where('id', '=', id)
    .where('review', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Review counts per comparison, over the matches in the actor's scope. */
export async function reviewCounts(db: Kysely<DB>, actor: Actor, comparisonIds: readonly number[]) {
  if (comparisonIds.length === 0) return [];
  return db
    .selectFrom('comparison_matches')
    .innerJoin('persons', 'persons.id', 'comparison_matches.person_id')
    .where(inRegionScope(actor, personRegionColumns))
    .where('comparison_matches.comparison_id', 'in', [...comparisonIds])
    .select((eb) => ['comparison_matches.comparison_id', 'comparison_matches.review', eb.fn.countAll<number>().as('n')])
    .groupBy(['comparison_matches.comparison_id', 'comparison_matches.review'])
    .execute();
}
