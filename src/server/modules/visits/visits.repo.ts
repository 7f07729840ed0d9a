import type { Insertable, Kysely, Selectable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope, inScope, regionScope } from '../../platform/access.ts';
import { entryRegionColumns } from '../campaigns/campaigns.repo.ts';
import type { CampaignCaseTable, CampaignVisitTable } from '../campaigns/campaigns.schema.ts';
import type {} from '../registry/registry.schema.ts';

export type VisitRow = Selectable<CampaignVisitTable>;
export type CaseRow = Selectable<CampaignCaseTable>;
/** A new visit: every column named (a prepared insert binds the columns it was compiled with). */
export type NewVisit = Required<Omit<Insertable<CampaignVisitTable>, 'id'>>;

const visitByKey = prepared((db, $: { clientKey: string }) =>
  db.selectFrom('campaign_visits').selectAll().where('client_key', '=', $.clientKey),
);

export function findVisitByKey(db: Kysely<DB>, clientKey: string) {
  return visitByKey.first(db, { clientKey });
}

export function findVisitOfEntry(db: Kysely<DB>, entryId: number) {
  return db.selectFrom('campaign_visits').selectAll().where('entry_id', '=', entryId).executeTakeFirst();
}

const programmesOfCampaign = prepared((db, $: { campaignId: number }) =>
  db
    .selectFrom('troop_programme_links')
    .innerJoin('troop_programmes', 'troop_programmes.id', 'troop_programme_links.programme_id')
    .select('troop_programme_links.programme_id')
    .where('troop_programme_links.owner_type', '=', 'campaign')
    .where('troop_programme_links.owner_id', '=', $.campaignId)
    .orderBy('troop_programmes.sort')
    .orderBy('troop_programmes.id'),
);

/** A campaign's default programme tags for its visits, in the programmes' order (one read, ids only). */
export async function campaignProgrammeIds(db: Kysely<DB>, campaignId: number): Promise<number[]> {
  const rows = await programmesOfCampaign.rows(db, { campaignId });
  return rows.map((r) => r.programme_id);
}

/** A visit the actor may see (through its entry's place). */
export function findVisit(db: Kysely<DB>, actor: Actor, campaignId: number, visitId: number) {
  return db
    .selectFrom('campaign_visits')
    .innerJoin('campaign_roster_entries', 'campaign_roster_entries.id', 'campaign_visits.entry_id')
    .selectAll('campaign_visits')
    .where('campaign_visits.campaign_id', '=', campaignId)
    .where('campaign_visits.id', '=', visitId)
    .where(inRegionScope(actor, entryRegionColumns))
    .executeTakeFirst();
}

export function findVisitInScope(db: Kysely<DB>, actor: Actor, visitId: number) {
  return db
    .selectFrom('campaign_visits')
    .innerJoin('campaign_roster_entries', 'campaign_roster_entries.id', 'campaign_visits.entry_id')
    .select('campaign_visits.id')
    .where('campaign_visits.id', '=', visitId)
    .where(inRegionScope(actor, entryRegionColumns))
    .executeTakeFirst();
}

/** Where a visit came from, for the request it opened (no scope: the caller already holds the request). */
export function findVisitOrigin(db: Kysely<DB>, visitId: number) {
  return db
    .selectFrom('campaign_visits')
    .innerJoin('campaigns', 'campaigns.id', 'campaign_visits.campaign_id')
    .innerJoin('campaign_roster_entries', 'campaign_roster_entries.id', 'campaign_visits.entry_id')
    .select([
      'campaign_visits.campaign_id',
      'campaign_visits.entry_id',
      'campaign_visits.visited_on',
      'campaign_visits.recorded_by_name',
      'campaigns.name as campaign_name',
      'campaign_roster_entries.person_name',
    ])
    .where('campaign_visits.id', '=', visitId)
    .executeTakeFirst();
}

/** Visits tagged with a programme within the actor's scope: how many, and the money and goods handed over. */
export async function programmeVisitTotals(db: Kysely<DB>, actor: Actor, programmeId: number) {
  const row = await db
    .selectFrom('campaign_visits')
    .innerJoin('campaign_roster_entries', 'campaign_roster_entries.id', 'campaign_visits.entry_id')
    .innerJoin('troop_programme_links', (join) =>
      join
        .onRef('troop_programme_links.owner_id', '=', 'campaign_visits.id')
        .on('troop_programme_links.owner_type', '=', 'visit')
        .on('troop_programme_links.programme_id', '=', programmeId),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('campaign_visits.cash_cents').as('cash'),
      eb.fn.sum<number>('campaign_visits.goods_cents').as('goods'),
    ])
    .where(inRegionScope(actor, entryRegionColumns))
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), cashCents: Number(row.cash ?? 0), goodsCents: Number(row.goods ?? 0) };
}

export async function insertCase(db: Kysely<DB>, row: Insertable<CampaignCaseTable>): Promise<number> {
  const inserted = await db.insertInto('campaign_cases').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/**
 * The phone list's entries: the page and its total in one statement. The window counts the matching entries before
 * the limit; the page is chosen on the sort columns alone (the window keeps every matching row until the sort), and
 * the rest of the entry, the person and the names are read for the page's rows only (an entry's person and standard
 * are foreign keys: those joins drop no row, so the count is the list's total). Prepared: planning this join cost
 * PostgreSQL more than running it. An empty list argument leaves its filter out (one form per length).
 */
const visitEntries = prepared(
  (
    db,
    $: {
      campaignIds: readonly number[];
      scope: readonly number[];
      assignedTo: readonly number[];
      status: readonly string[];
      name: readonly string[];
      limit: number;
    },
    form: 'all' | 'ids' | undefined,
  ) => {
    let q = db
      .selectFrom('campaign_roster_entries')
      .where('campaign_roster_entries.campaign_id', 'in', $.campaignIds)
      .where('campaign_roster_entries.state', '=', 'active')
      .where(inScope(form === 'all' ? 'all' : $.scope, entryRegionColumns));
    const [assignedTo] = $.assignedTo;
    const [status] = $.status;
    const [name] = $.name;
    if (assignedTo !== undefined) q = q.where('campaign_roster_entries.assigned_user_id', '=', assignedTo);
    if (status !== undefined) q = q.where('campaign_roster_entries.visit_status', '=', status);
    if (name !== undefined) q = q.where('campaign_roster_entries.person_name', 'like', name);
    const page = q
      .select((eb) => [
        'campaign_roster_entries.id',
        'campaign_roster_entries.visit_status',
        'campaign_roster_entries.community_id',
        eb.fn.countAll<number>().over().as('total'),
      ])
      .orderBy('campaign_roster_entries.visit_status', 'desc')
      .orderBy('campaign_roster_entries.community_id')
      .orderBy('campaign_roster_entries.id')
      .limit($.limit);
    return db
      .selectFrom(page.as('page'))
      .innerJoin('campaign_roster_entries as e', 'e.id', 'page.id')
      .innerJoin('persons', 'persons.id', 'e.person_id')
      .innerJoin('campaign_standards', 'campaign_standards.id', 'e.standard_id')
      .leftJoin('categories', 'categories.code', 'e.category_code')
      .leftJoin('regions as street', 'street.id', 'e.street_id')
      .leftJoin('regions as community', 'community.id', 'e.community_id')
      .select([
        'e.id',
        'e.campaign_id',
        'e.person_name',
        'e.street_id',
        'e.community_id',
        'e.category_code',
        'e.cash_cents',
        'e.goods_json',
        'e.visit_status',
        'e.delivered_at',
        'e.assigned_user_id',
        'page.total',
        'campaign_standards.name as standard_name',
        'categories.name as category_name',
        'street.name as street_name',
        'community.name as community_name',
        'persons.address',
        'persons.phone_masked',
        'persons.birth_date',
        'persons.alive',
      ])
      .orderBy('page.visit_status', 'desc')
      .orderBy('page.community_id')
      .orderBy('page.id');
  },
);

/** Entries for the visitor's phone list, with what the visitor needs at the door, and how many match in all. */
export async function listVisitEntries(
  db: Kysely<DB>,
  actor: Actor,
  f: {
    campaignIds: readonly number[];
    assignedTo?: number | undefined;
    status: 'pending' | 'delivered' | 'all';
    q?: string | undefined;
  },
  limit: number,
) {
  const scope = regionScope(actor);
  const rows = await visitEntries.rows(
    db,
    {
      campaignIds: f.campaignIds.length ? f.campaignIds : [-1],
      scope: scope === 'all' ? [] : scope,
      assignedTo: f.assignedTo === undefined ? [] : [f.assignedTo],
      status: f.status === 'all' ? [] : [f.status],
      name: f.q ? [`%${f.q.replace(/[%_\\]/g, '')}%`] : [],
      limit,
    },
    scope === 'all' ? 'all' : 'ids',
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

// ---------------------------------------------------------------------------------------------------------------
// Cases

export function listCases(db: Kysely<DB>, actor: Actor, campaignId: number, status: 'open' | 'resolved' | 'all') {
  let q = db
    .selectFrom('campaign_cases')
    .innerJoin('persons', 'persons.id', 'campaign_cases.person_id')
    .selectAll('campaign_cases')
    .select('persons.name as person_name')
    .where('campaign_cases.campaign_id', '=', campaignId)
    .where(inRegionScope(actor, ['campaign_cases.street_id', 'campaign_cases.community_id']));
  if (status !== 'all') q = q.where('campaign_cases.status', '=', status);
  return q.orderBy('campaign_cases.id', 'desc').execute();
}

export function findCase(db: Kysely<DB>, actor: Actor, campaignId: number, caseId: number) {
  return db
    .selectFrom('campaign_cases')
    .innerJoin('persons', 'persons.id', 'campaign_cases.person_id')
    .selectAll('campaign_cases')
    .select('persons.name as person_name')
    .where('campaign_cases.campaign_id', '=', campaignId)
    .where('campaign_cases.id', '=', caseId)
    .where(inRegionScope(actor, ['campaign_cases.street_id', 'campaign_cases.community_id']))
    .executeTakeFirst();
}
export type CaseListRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export async function resolveCase(db: Kysely<DB>, caseId: number, resolution: string, by: string, at: string) {
  const result = await db
    .updateTable('campaign_cases')
    .set({ status: 'resolved', resolution, resolved_by_name: by, resolved_at: at })
    .where('id', '=', caseId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------------------------
// 回访抽查

/** Delivered entries not sampled yet, within scope (ids only: cheap even for a large campaign). */
export function sampleCandidates(db: Kysely<DB>, actor: Actor, campaignId: number, streetId: number | null) {
  let q = db
    .selectFrom('campaign_roster_entries')
    .select([
      'campaign_roster_entries.id',
      'campaign_roster_entries.visit_id',
      'campaign_roster_entries.street_id',
      'campaign_roster_entries.community_id',
    ])
    .where('campaign_roster_entries.campaign_id', '=', campaignId)
    .where('campaign_roster_entries.state', '=', 'active')
    .where('campaign_roster_entries.visit_status', '=', 'delivered')
    .where(inRegionScope(actor, entryRegionColumns))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('campaign_verifications')
            .select('campaign_verifications.id')
            .whereRef('campaign_verifications.entry_id', '=', 'campaign_roster_entries.id'),
        ),
      ),
    );
  if (streetId !== null) q = q.where('campaign_roster_entries.street_id', '=', streetId);
  return q.orderBy('campaign_roster_entries.id').execute();
}

export async function nextBatch(db: Kysely<DB>, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom('campaign_verifications')
    .select((eb) => eb.fn.max('batch').as('b'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return Number(row?.b ?? 0) + 1;
}

export function listVerifications(db: Kysely<DB>, actor: Actor, campaignId: number, id?: number) {
  let q = db
    .selectFrom('campaign_verifications')
    .innerJoin('campaign_roster_entries', 'campaign_roster_entries.id', 'campaign_verifications.entry_id')
    .innerJoin('campaign_visits', 'campaign_visits.id', 'campaign_verifications.visit_id')
    .innerJoin('persons', 'persons.id', 'campaign_roster_entries.person_id')
    .selectAll('campaign_verifications')
    .select([
      'campaign_roster_entries.person_name',
      'campaign_roster_entries.person_id',
      'persons.phone_masked',
      'campaign_visits.visited_on',
      'campaign_visits.cash_cents as delivered_cash_cents',
    ])
    .where('campaign_verifications.campaign_id', '=', campaignId)
    .where(inRegionScope(actor, ['campaign_verifications.street_id', 'campaign_verifications.community_id']));
  if (id !== undefined) q = q.where('campaign_verifications.id', '=', id);
  return q.orderBy('campaign_verifications.batch', 'desc').orderBy('campaign_verifications.id').execute();
}
export type VerificationRow = Awaited<ReturnType<typeof listVerifications>>[number];
