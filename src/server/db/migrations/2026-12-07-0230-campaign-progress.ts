import { type Kysely, sql } from 'kysely';
import { engineOf } from '../dialect.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Campaign progress kept by the database: per campaign × street × community × category × standard, the active
// roster entries planned, delivered and pending, their planned money, and the money their visits delivered. The
// office dashboard and the 春节走访慰问情况统计表 read these few rows instead of every roster entry of the campaign
// (a million people: ~0.6 s a request). Triggers on campaign_roster_entries and campaign_visits keep it exact on
// every write path (roster generation, review, entry edits, deliveries, discarding a roster, bulk statements).
// Letters are not kept: an entry gets one when its standard has a letter template, and the template can change
// without touching any entry; the standard is part of the key, so the reader joins the standards instead.
// Rows that drop to zero stay (planned = 0 means the row holds nothing); the reader skips them.

export const keyColumns = 'campaign_id, street_id, community_id, category_code, standard_id';
export const figureColumns = [
  'planned',
  'delivered',
  'pending',
  'planned_cash_cents',
  'planned_goods_cents',
  'delivered_cash_cents',
  'delivered_goods_cents',
];
export const into = `INSERT INTO campaign_progress (${keyColumns}, ${figureColumns.join(', ')})`;
export const upsert = `ON CONFLICT (${keyColumns}) DO UPDATE SET ${figureColumns
  .map((c) => `${c} = campaign_progress.${c} + excluded.${c}`)
  .join(', ')}`;

/** The entry columns whose change moves the entry's figures (an update of anything else costs nothing). */
const entryFigures = [
  'campaign_id',
  'street_id',
  'community_id',
  'category_code',
  'standard_id',
  'state',
  'visit_status',
  'cash_cents',
  'goods_cents',
];
const visitFigures = ['entry_id', 'cash_cents', 'goods_cents'];

/**
 * SQLite row triggers. An entry's figures count while it is active, with its visit's money if one exists (the
 * unique entry_id of campaign_visits finds it); a visit's money counts in its entry's key while the entry is
 * active. Whichever of an entry and its visit is written first, the other's trigger sees the current state, so
 * the order inside a transaction does not matter. The campaign must still exist: when one is deleted, its rows
 * go with it (campaign_progress_campaign_delete), and the cascade to its entries must not write them back (an
 * inserted entry needs no such check: its foreign key holds the campaign).
 */
const sqliteEntry = (row: 'OLD' | 'NEW', sign: 1 | -1, withVisit: boolean) => {
  const visit = (c: string) => (withVisit ? `${sign} * COALESCE(v.${c}, 0)` : '0');
  return `${into}
    SELECT ${row}.campaign_id, ${row}.street_id, ${row}.community_id, ${row}.category_code, ${row}.standard_id,
      ${sign}, ${sign} * (${row}.visit_status = 'delivered'), ${sign} * (${row}.visit_status = 'pending'),
      ${sign} * ${row}.cash_cents, ${sign} * ${row}.goods_cents, ${visit('cash_cents')}, ${visit('goods_cents')}
    FROM (SELECT 1) one ${withVisit ? `LEFT JOIN campaign_visits v ON v.entry_id = ${row}.id` : ''}
    WHERE ${row}.state = 'active' ${withVisit ? `AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ${row}.campaign_id)` : ''}
    ${upsert}`;
};

const sqliteVisit = (row: 'OLD' | 'NEW', sign: 1 | -1) => `${into}
    SELECT e.campaign_id, e.street_id, e.community_id, e.category_code, e.standard_id, 0, 0, 0, 0, 0,
      ${sign} * ${row}.cash_cents, ${sign} * ${row}.goods_cents
    FROM campaign_roster_entries e WHERE e.id = ${row}.entry_id AND e.state = 'active'
    ${upsert}`;

const changed = (columns: string[]) => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

const sqliteTriggers = [
  // A new entry has no visit yet (the visit's foreign key points at it).
  `CREATE TRIGGER campaign_progress_entry_insert AFTER INSERT ON campaign_roster_entries WHEN NEW.state = 'active'
   BEGIN ${sqliteEntry('NEW', 1, false)}; END`,
  `CREATE TRIGGER campaign_progress_entry_update AFTER UPDATE OF ${entryFigures.join(', ')} ON campaign_roster_entries
   WHEN ${changed(entryFigures)}
   BEGIN ${sqliteEntry('OLD', -1, true)}; ${sqliteEntry('NEW', 1, true)}; END`,
  `CREATE TRIGGER campaign_progress_entry_delete AFTER DELETE ON campaign_roster_entries WHEN OLD.state = 'active'
   BEGIN ${sqliteEntry('OLD', -1, true)}; END`,
  `CREATE TRIGGER campaign_progress_visit_insert AFTER INSERT ON campaign_visits
   BEGIN ${sqliteVisit('NEW', 1)}; END`,
  `CREATE TRIGGER campaign_progress_visit_update AFTER UPDATE OF ${visitFigures.join(', ')} ON campaign_visits
   WHEN ${changed(visitFigures)}
   BEGIN ${sqliteVisit('OLD', -1)}; ${sqliteVisit('NEW', 1)}; END`,
  `CREATE TRIGGER campaign_progress_visit_delete AFTER DELETE ON campaign_visits
   BEGIN ${sqliteVisit('OLD', -1)}; END`,
];

/**
 * PostgreSQL: statement triggers with transition tables, so roster generation (one INSERT … SELECT of the whole
 * roster) or a bulk update costs one grouped upsert. Entries become a flow of (entry, sign): the old version of
 * each changed entry out, the new one in; visits a flow of (entry, money, sign). Both read the other table as it
 * is after the statement, so a statement writing an entry and its visit together (the delivery's CTE) counts
 * each once — as long as it does not also move the entry to another key, which no write path does.
 * Lookups are LATERAL probes on a key column, whatever the (possibly missing) statistics say.
 */
const entryColumns = 'id, campaign_id, street_id, community_id, category_code, standard_id, state, visit_status';
const pgEntryFlow: Record<'INSERT' | 'DELETE' | 'UPDATE', string> = {
  INSERT: `SELECT ${entryColumns}, cash_cents, goods_cents, 1 AS s FROM new_rows`,
  DELETE: `SELECT ${entryColumns}, cash_cents, goods_cents, -1 AS s FROM old_rows`,
  UPDATE: `SELECT o.${entryColumns.split(', ').join(', o.')}, o.cash_cents, o.goods_cents, -1 AS s
             FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (${entryFigures.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${entryFigures.map((c) => `n.${c}`).join(', ')})
           UNION ALL
           SELECT n.${entryColumns.split(', ').join(', n.')}, n.cash_cents, n.goods_cents, 1
             FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (${entryFigures.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${entryFigures.map((c) => `n.${c}`).join(', ')})`,
};

export const nonZero = (columns: string[]) => columns.map((c) => `${c} <> 0`).join(' OR ');

export const pgEntryChange = (op: 'INSERT' | 'DELETE' | 'UPDATE') => {
  // A new entry has no visit yet (the visit's foreign key points at it).
  const visit =
    op === 'INSERT'
      ? ''
      : 'LEFT JOIN LATERAL (SELECT cash_cents, goods_cents FROM campaign_visits WHERE entry_id = f.id) v ON true';
  const money = (c: string) => (op === 'INSERT' ? '0' : `sum(f.s * COALESCE(v.${c}, 0))`);
  return `
  WITH delta AS (
    SELECT f.campaign_id, f.street_id, f.community_id, f.category_code, f.standard_id, sum(f.s) AS planned,
      sum(f.s * (f.visit_status = 'delivered')::int) AS delivered, sum(f.s * (f.visit_status = 'pending')::int) AS pending,
      sum(f.s * f.cash_cents) AS planned_cash_cents, sum(f.s * f.goods_cents) AS planned_goods_cents,
      ${money('cash_cents')} AS delivered_cash_cents, ${money('goods_cents')} AS delivered_goods_cents
    FROM (${pgEntryFlow[op]}) f ${visit}
    WHERE f.state = 'active'
    GROUP BY 1, 2, 3, 4, 5
  )
  ${into}
  SELECT * FROM delta d
  WHERE (${nonZero(figureColumns)}) AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = d.campaign_id)
  ORDER BY 1, 2, 3, 4, 5 ${upsert};`;
};

const pgVisitFlow: Record<'INSERT' | 'DELETE' | 'UPDATE', string> = {
  INSERT: 'SELECT entry_id, cash_cents, goods_cents, 1 AS s FROM new_rows',
  DELETE: 'SELECT entry_id, cash_cents, goods_cents, -1 AS s FROM old_rows',
  UPDATE: `SELECT o.entry_id, o.cash_cents, o.goods_cents, -1 AS s FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.entry_id, o.cash_cents, o.goods_cents) IS DISTINCT FROM (n.entry_id, n.cash_cents, n.goods_cents)
           UNION ALL
           SELECT n.entry_id, n.cash_cents, n.goods_cents, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.entry_id, o.cash_cents, o.goods_cents) IS DISTINCT FROM (n.entry_id, n.cash_cents, n.goods_cents)`,
};

export const pgVisitChange = (op: 'INSERT' | 'DELETE' | 'UPDATE') => `
  WITH delta AS (
    SELECT e.campaign_id, e.street_id, e.community_id, e.category_code, e.standard_id, 0 AS planned, 0 AS delivered,
      0 AS pending, 0 AS planned_cash_cents, 0 AS planned_goods_cents,
      sum(f.s * f.cash_cents) AS delivered_cash_cents, sum(f.s * f.goods_cents) AS delivered_goods_cents
    FROM (${pgVisitFlow[op]}) f
    CROSS JOIN LATERAL (SELECT ${keyColumns} FROM campaign_roster_entries
      WHERE id = f.entry_id AND state = 'active') e
    GROUP BY 1, 2, 3, 4, 5
  )
  ${into}
  SELECT * FROM delta WHERE delivered_cash_cents <> 0 OR delivered_goods_cents <> 0 ORDER BY 1, 2, 3, 4, 5 ${upsert};`;

const transitionTables = {
  INSERT: 'NEW TABLE AS new_rows',
  DELETE: 'OLD TABLE AS old_rows',
  UPDATE: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
} as const;

const plpgsql = (name: string, body: string, returns = 'NULL') =>
  sql.raw(`
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    ${body}
    RETURN ${returns};
  END $fn$`);

const watched = [
  ['campaign_roster_entries', 'entry', pgEntryChange],
  ['campaign_visits', 'visit', pgVisitChange],
] as const;

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  for (const [table, name, change] of watched) {
    for (const op of ['INSERT', 'DELETE', 'UPDATE'] as const) {
      const fn = `campaign_progress_${name}_${op.toLowerCase()}`;
      await plpgsql(fn, change(op)).execute(db);
      await sql
        .raw(
          `CREATE TRIGGER ${fn} AFTER ${op} ON ${table} REFERENCING ${transitionTables[op]}
           FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
        )
        .execute(db);
    }
  }
  // TRUNCATE bypasses the row flows: a truncated roster holds nothing, truncated visits delivered nothing.
  await plpgsql(
    'campaign_progress_truncate',
    `IF TG_TABLE_NAME = 'campaign_roster_entries' THEN DELETE FROM campaign_progress;
     ELSE UPDATE campaign_progress SET delivered_cash_cents = 0, delivered_goods_cents = 0; END IF;`,
  ).execute(db);
  for (const [table] of watched) {
    await sql
      .raw(`CREATE TRIGGER campaign_progress_truncate AFTER TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION campaign_progress_truncate()`)
      .execute(db);
  }
  await plpgsql(
    'campaign_progress_campaign_delete',
    'DELETE FROM campaign_progress WHERE campaign_id = OLD.id;',
    'OLD',
  ).execute(db);
  await sql`CREATE TRIGGER campaign_progress_campaign_delete AFTER DELETE ON campaigns
    FOR EACH ROW EXECUTE FUNCTION campaign_progress_campaign_delete()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  // Money of a whole group can pass 2^31 cents on PostgreSQL (integer is 64-bit on SQLite anyway).
  const money = engine === 'postgres' ? 'bigint' : 'integer';
  await sql
    .raw(`CREATE TABLE campaign_progress (
    campaign_id integer NOT NULL,
    street_id integer NOT NULL,
    community_id integer NOT NULL,
    category_code text NOT NULL,
    standard_id integer NOT NULL,
    planned integer NOT NULL,
    delivered integer NOT NULL,
    pending integer NOT NULL,
    planned_cash_cents ${money} NOT NULL,
    planned_goods_cents ${money} NOT NULL,
    delivered_cash_cents ${money} NOT NULL,
    delivered_goods_cents ${money} NOT NULL,
    PRIMARY KEY (${keyColumns})
  )`)
    .execute(db);
  await sql
    .raw(`${into}
    SELECT e.campaign_id, e.street_id, e.community_id, e.category_code, e.standard_id, count(*),
      sum(CASE WHEN e.visit_status = 'delivered' THEN 1 ELSE 0 END),
      sum(CASE WHEN e.visit_status = 'pending' THEN 1 ELSE 0 END),
      sum(e.cash_cents), sum(e.goods_cents), COALESCE(sum(v.cash_cents), 0), COALESCE(sum(v.goods_cents), 0)
    FROM campaign_roster_entries e LEFT JOIN campaign_visits v ON v.entry_id = e.id
    WHERE e.state = 'active'
    GROUP BY 1, 2, 3, 4, 5`)
    .execute(db);
  if (engine === 'postgres') {
    await postgresTriggers(db);
  } else {
    for (const trigger of sqliteTriggers) await sql.raw(trigger).execute(db);
    await sql`CREATE TRIGGER campaign_progress_campaign_delete AFTER DELETE ON campaigns
      BEGIN DELETE FROM campaign_progress WHERE campaign_id = OLD.id; END`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  const names = watched.flatMap(([table, name]) =>
    ['insert', 'update', 'delete'].map((op) => [table, `campaign_progress_${name}_${op}`] as const),
  );
  if (engineOf(db) === 'postgres') {
    for (const [table, name] of [...names, ['campaigns', 'campaign_progress_campaign_delete'] as const]) {
      await sql.raw(`DROP TRIGGER ${name} ON ${table}`).execute(db);
      await sql.raw(`DROP FUNCTION ${name}()`).execute(db);
    }
    for (const [table] of watched) await sql.raw(`DROP TRIGGER campaign_progress_truncate ON ${table}`).execute(db);
    await sql`DROP FUNCTION campaign_progress_truncate()`.execute(db);
  } else {
    for (const [, name] of [...names, ['campaigns', 'campaign_progress_campaign_delete'] as const]) {
      await sql.raw(`DROP TRIGGER ${name}`).execute(db);
    }
  }
  await sql`DROP TABLE campaign_progress`.execute(db);
}
