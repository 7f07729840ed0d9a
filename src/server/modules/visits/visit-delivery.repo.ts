import { type Kysely, type QueryCreator, type Selectable, sql } from 'kysely';
import { engineOf } from '../../db/dialect.ts';
import { prepared } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, inScope, regionScope } from '../../platform/access.ts';
import { type FileRow, insertFiles, keepFilesForGood, putFile } from '../../platform/files.ts';
import { type CampaignRow, entryRegionColumns, inReach } from '../campaigns/campaigns.repo.ts';
import type { CampaignRosterEntryTable } from '../campaigns/campaigns.schema.ts';
import type { NewVisit, VisitRow } from './visits.repo.ts';

/**
 * Recording a visit, the write path every visitor's phone takes: the one read that judges a delivery, and the
 * delivery itself (the entry claimed once, the visit and its files stored).
 */

/** What a delivery is judged on, of its campaign: the rest of the row is not read. */
export type DeliveryCampaign = Pick<CampaignRow, 'id' | 'name' | 'status' | 'window_start'>;

/** A campaign's default programme ids as one text, in the programmes' order (null: none). */
function defaultProgrammeIds(db: Kysely<DB>) {
  const agg =
    engineOf(db) === 'postgres'
      ? sql`string_agg(l.programme_id::text, ',' order by p.sort, p.id)`
      : sql`group_concat(l.programme_id, ',' order by p.sort, p.id)`;
  return sql<string | null>`(select ${agg} from troop_programme_links l join troop_programmes p on p.id = l.programme_id
    where l.owner_type = 'campaign' and l.owner_id = campaigns.id)`;
}

/**
 * The entry in the actor's scope, with its campaign in the actor's reach (as `findCampaignInReach` judges it) and
 * that campaign's default programme tags: every read a delivery is judged on, in one statement. The entry is
 * found by its id alone (the caller checks its campaign): given the campaign id as well, PostgreSQL may pick the
 * campaign's index and read all its entries while the table's statistics are not yet up to date (a roster just
 * generated). `home`, the actor's region, is a list so that the form without a scope (an admin's) binds none.
 */
const deliveryTarget = prepared(
  (db, $: { entryId: number; scope: readonly number[]; home: readonly number[] }, form: 'all' | 'ids' | undefined) => {
    const q = db
      .selectFrom('campaign_roster_entries')
      .innerJoin('campaigns', 'campaigns.id', 'campaign_roster_entries.campaign_id')
      .selectAll('campaign_roster_entries')
      .select([
        'campaigns.name as campaign_name',
        'campaigns.status as campaign_status',
        'campaigns.window_start as campaign_window_start',
        defaultProgrammeIds(db).as('campaign_programme_ids'),
      ])
      .where('campaign_roster_entries.id', '=', $.entryId);
    return form === 'all' ? q : q.where(inScope($.scope, entryRegionColumns)).where(inReach($.scope, $.home[0]!));
  },
);

export interface DeliveryTarget {
  campaign: DeliveryCampaign;
  entry: Selectable<CampaignRosterEntryTable>;
  /** The tags a visit gets when the form sends none. */
  defaultProgrammeIds: number[];
}

/** The entry to deliver and its campaign, or undefined when either is out of the actor's reach (or missing). */
export async function findDeliveryTarget(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: number,
  entryId: number,
): Promise<DeliveryTarget | undefined> {
  const scope = regionScope(actor);
  let row: Awaited<ReturnType<typeof deliveryTarget.first>>;
  if (scope === 'all') row = await deliveryTarget.first(db, { entryId, scope: [], home: [] }, 'all');
  else if (scope.length === 0 || actor.regionId === null) return undefined;
  else row = await deliveryTarget.first(db, { entryId, scope, home: [actor.regionId] }, 'ids');
  if (row?.campaign_id !== campaignId) return undefined;
  const { campaign_name, campaign_status, campaign_window_start, campaign_programme_ids, ...entry } = row;
  const campaign: DeliveryCampaign = {
    id: campaignId,
    name: campaign_name,
    status: campaign_status,
    window_start: campaign_window_start,
  };
  return { campaign, entry, defaultProgrammeIds: campaign_programme_ids?.split(',').map(Number) ?? [] };
}

/** The claim of a pending, active entry: the conditional update only one of two submissions wins. */
const claimEntry = prepared((db, $: { entryId: number; at: string }) =>
  db
    .updateTable('campaign_roster_entries')
    .set({ visit_status: 'delivered', delivered_at: $.at, updated_at: $.at })
    .where('id', '=', $.entryId)
    .where('visit_status', '=', 'pending')
    .where('state', '=', 'active'),
);
const insertVisit = prepared((db, $: NewVisit) => db.insertInto('campaign_visits').values($).returningAll());
const pointEntryAtVisit = prepared((db, $: { entryId: number; visitId: number }) =>
  db.updateTable('campaign_roster_entries').set({ visit_id: $.visitId }).where('id', '=', $.entryId),
);
/** The claim of the entry (as `claimEntry`), pointing it at the visit id drawn first. */
function claimOf(db: Kysely<DB>, entryId: number, at: string) {
  return db
    .with('nid', (qc) =>
      qc.selectNoFrom(sql<number>`nextval(pg_get_serial_sequence('campaign_visits', 'id'))`.as('id')),
    )
    .with('claimed', (qc) =>
      qc
        .updateTable('campaign_roster_entries')
        .set((eb) => ({
          visit_status: 'delivered',
          delivered_at: at,
          updated_at: at,
          visit_id: eb.selectFrom('nid').select('nid.id'),
        }))
        .where('id', '=', entryId)
        .where('visit_status', '=', 'pending')
        .where('state', '=', 'active')
        .returning('campaign_roster_entries.id'),
    );
}

/**
 * PostgreSQL: all of it in one statement, the visit's id drawn first so that the claim can point at it. Its files
 * are written whatever the claim finds: a refused delivery rolls back its transaction.
 */
const claimAndInsertVisit = prepared((db, $: NewVisit & { entryId: number; files: readonly FileRow[] }) => {
  const { entryId, files, ...row } = $;
  const columns = Object.keys(row) as (keyof NewVisit)[];
  const claim = claimOf(db, entryId, row.created_at);
  if (files.length === 0) return insertClaimed(claim, columns, row);
  // No other part of the statement reads the file writes: it keeps the claim's type.
  const creator = (qc: unknown) => qc as QueryCreator<DB>;
  const withFiles = claim
    .with('stored', (qc) => insertFiles(creator(qc), files).returning('files.sha256'))
    .with('kept', (qc) =>
      keepFilesForGood(
        creator(qc),
        files.map((f) => f.sha256),
      ).returning('files.sha256'),
    ) as unknown as typeof claim;
  return insertClaimed(withFiles, columns, row);
});

/** The visit's row, its id drawn by `nid`, inserted only if the entry was `claimed`. */
function insertClaimed(claim: ReturnType<typeof claimOf>, columns: (keyof NewVisit)[], row: NewVisit) {
  return claim
    .insertInto('campaign_visits')
    .columns(['id', ...columns])
    .expression((eb) =>
      eb
        .selectFrom(['nid', 'claimed'])
        .select((s) => [s.ref('nid.id').as('id'), ...columns.map((c) => s.val(row[c]).as(c))]),
    )
    .returningAll();
}

/**
 * The one delivery of an entry, with the files it points at (stored once per content): flips the entry from
 * pending to delivered only if nobody did so first, stores the visit and points the entry at it. Answers
 * undefined when another visit won (the caller answers 409 and rolls back) — this, with the unique entry_id of
 * campaign_visits, is what keeps two concurrent submissions from both delivering. PostgreSQL does it in one
 * statement: one round trip instead of five inside the transaction every visit of a batch waits on.
 */
export async function deliverVisit(
  db: Kysely<DB>,
  entryId: number,
  row: NewVisit,
  files: readonly FileRow[],
): Promise<VisitRow | undefined> {
  if (engineOf(db) === 'postgres') return claimAndInsertVisit.first(db, { ...row, entryId, files });
  for (const file of files) await putFile(db, file);
  if ((await claimEntry.affected(db, { entryId, at: row.created_at })) !== 1) return undefined;
  const visit = (await insertVisit.first(db, row))!;
  await pointEntryAtVisit.affected(db, { entryId, visitId: visit.id });
  return visit;
}
