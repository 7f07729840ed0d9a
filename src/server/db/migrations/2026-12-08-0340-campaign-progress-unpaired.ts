import { type Kysely, sql } from 'kysely';
import { engineOf } from '../dialect.ts';
import {
  figureColumns,
  into,
  keyColumns,
  nonZero,
  pgEntryChange,
  pgVisitChange,
  upsert,
} from './2026-12-07-0230-campaign-progress.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// PostgreSQL's update triggers of the campaign progress (2026-12-07-0230) paired each old row with its new one by
// a join of the two transition tables, and looked up the visit of every changed entry. A trigger function's plan
// is made once per connection, for the sizes of its first run: after a one-row update, a later update of
// thousands of rows ran a nested loop over both tables (quadratic); and planned while campaign_visits was nearly
// empty (a campaign's first visits), every delivery then read the whole table (visit-http, 3,000 visits: 2.2
// million rows read).
// Now no join pairs the rows: the old rows count negatively, the new ones positively, and an unchanged row
// cancels out. An entry's visit is read only when some entry of the statement moved to another group or in or
// out of the roster (its visit's money moves with it); otherwise the visit's money cancels out too. A delivery
// (the entry goes from pending to delivered, its visit inserted in the same statement) reads no visit: the visit's
// own trigger adds its money. A visit update that changes no figure column (its case link) writes nothing.
// SQLite's row triggers need no pairing and stay as they are.

const entryFlow = `SELECT id, ${keyColumns}, state, visit_status, cash_cents, goods_cents, -1 AS s FROM old_rows
  UNION ALL SELECT id, ${keyColumns}, state, visit_status, cash_cents, goods_cents, 1 FROM new_rows`;
const upsertDelta = `${into}
  SELECT * FROM delta d WHERE (${nonZero(figureColumns)}) AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = d.campaign_id)
  ORDER BY 1, 2, 3, 4, 5 ${upsert}`;

/** The entries' change per group; `withVisits` adds the money of each entry's visit (as it is now). */
const entryDelta = (withVisits: boolean) => {
  const money = (c: string) => (withVisits ? `sum(f.s * COALESCE(v.${c}, 0))` : '0');
  return `WITH delta AS (
    SELECT f.campaign_id, f.street_id, f.community_id, f.category_code, f.standard_id, sum(f.s) AS planned,
      sum(f.s * (f.visit_status = 'delivered')::int) AS delivered, sum(f.s * (f.visit_status = 'pending')::int) AS pending,
      sum(f.s * f.cash_cents) AS planned_cash_cents, sum(f.s * f.goods_cents) AS planned_goods_cents,
      ${money('cash_cents')} AS delivered_cash_cents, ${money('goods_cents')} AS delivered_goods_cents
    FROM (${entryFlow}) f
    ${withVisits ? 'LEFT JOIN LATERAL (SELECT cash_cents, goods_cents FROM campaign_visits WHERE entry_id = f.id) v ON true' : ''}
    WHERE f.state = 'active'
    GROUP BY 1, 2, 3, 4, 5
  ) ${upsertDelta};`;
};

const entryUpdate = `
  IF EXISTS (SELECT id, ${keyColumns}, state FROM new_rows EXCEPT SELECT id, ${keyColumns}, state FROM old_rows) THEN
    ${entryDelta(true)}
  ELSE
    ${entryDelta(false)}
  END IF;`;

const visitUpdate = `
  IF EXISTS (SELECT id, entry_id, cash_cents, goods_cents FROM new_rows
             EXCEPT SELECT id, entry_id, cash_cents, goods_cents FROM old_rows) THEN
    WITH delta AS (
      SELECT e.campaign_id, e.street_id, e.community_id, e.category_code, e.standard_id, 0 AS planned, 0 AS delivered,
        0 AS pending, 0 AS planned_cash_cents, 0 AS planned_goods_cents,
        sum(f.s * f.cash_cents) AS delivered_cash_cents, sum(f.s * f.goods_cents) AS delivered_goods_cents
      FROM (SELECT entry_id, cash_cents, goods_cents, -1 AS s FROM old_rows
        UNION ALL SELECT entry_id, cash_cents, goods_cents, 1 FROM new_rows) f
      CROSS JOIN LATERAL (SELECT ${keyColumns} FROM campaign_roster_entries WHERE id = f.entry_id AND state = 'active') e
      GROUP BY 1, 2, 3, 4, 5
    ) ${upsertDelta};
  END IF;`;

// biome-ignore lint/suspicious/noExplicitAny: see up
const replace = (db: Kysely<any>, name: string, body: string) =>
  sql
    .raw(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    ${body}
    RETURN NULL;
  END $fn$`)
    .execute(db);

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await replace(db, 'campaign_progress_entry_update', entryUpdate);
  await replace(db, 'campaign_progress_visit_update', visitUpdate);
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await replace(db, 'campaign_progress_entry_update', pgEntryChange('UPDATE'));
  await replace(db, 'campaign_progress_visit_update', pgVisitChange('UPDATE'));
}
