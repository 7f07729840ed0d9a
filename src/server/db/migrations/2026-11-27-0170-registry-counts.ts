import { type Kysely, sql } from 'kysely';
import { engineOf } from '../dialect.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Registry counts kept by the database: living people per (户籍 region, residence region) and, per category, the
// distinct living people holding it. Dashboards and 报表 read these few rows instead of joining a million people
// with their qualifications. Triggers on persons and qualifications keep them exact on every write path (forms,
// import, demo loader, later migrations); a region absent (户籍 outside the tree) is stored as 0, so the key has
// no NULL and one upsert serves every change. Category '' holds the people themselves.
// Which categories a person holds, and how many qualification rows of each, is kept beside them in
// registry_holdings (its primary key is the only index the triggers use): the demo loader drops the secondary
// indexes of persons and qualifications while it loads, and a lookup into qualifications per inserted row would
// then scan the table each time.

const upsert = `ON CONFLICT (hukou_key, residence_key, category_code) DO UPDATE SET n = registry_counts.n + excluded.n`;
const key = (p: string) => `COALESCE(${p}.hukou_region_id, 0), COALESCE(${p}.residence_region_id, 0)`;

/** A person's keys: '' and each distinct category held; `row` is OLD or NEW (SQLite, PostgreSQL row triggers). */
const personKeys = (row: string, n: number) =>
  `INSERT INTO registry_counts (hukou_key, residence_key, category_code, n)
   SELECT ${key(row)}, k.code, ${n}
   FROM (SELECT '' AS code UNION SELECT category_code FROM registry_holdings WHERE person_id = ${row}.id AND n > 0) k
   WHERE ${row}.alive = 1 ${upsert}`;

/** The pair (person, category) of `row` gained a qualification row (+1) or lost one (−1); counted on its first / last. */
const pairChange = (row: 'NEW' | 'OLD', n: 1 | -1) =>
  `INSERT INTO registry_holdings (person_id, category_code, n) VALUES (${row}.person_id, ${row}.category_code, ${n})
     ON CONFLICT (person_id, category_code) DO UPDATE SET n = registry_holdings.n + excluded.n;
   INSERT INTO registry_counts (hukou_key, residence_key, category_code, n)
   SELECT ${key('p')}, ${row}.category_code, ${n} FROM persons p
   WHERE p.id = ${row}.person_id AND p.alive = 1
     AND (SELECT h.n FROM registry_holdings h
          WHERE h.person_id = ${row}.person_id AND h.category_code = ${row}.category_code) = ${n === 1 ? 1 : 0} ${upsert}`;

const sqliteTriggers = [
  `CREATE TRIGGER registry_counts_person_insert AFTER INSERT ON persons WHEN NEW.alive = 1
   BEGIN
     INSERT INTO registry_counts (hukou_key, residence_key, category_code, n) VALUES (${key('NEW')}, '', 1) ${upsert};
   END`,
  `CREATE TRIGGER registry_counts_person_update
   AFTER UPDATE OF hukou_region_id, residence_region_id, alive ON persons
   WHEN OLD.hukou_region_id IS NOT NEW.hukou_region_id OR OLD.residence_region_id IS NOT NEW.residence_region_id
     OR OLD.alive IS NOT NEW.alive
   BEGIN
     ${personKeys('OLD', -1)};
     ${personKeys('NEW', 1)};
   END`,
  // Before the delete, while the person's qualifications (removed by the cascade) are still there.
  `CREATE TRIGGER registry_counts_person_delete BEFORE DELETE ON persons WHEN OLD.alive = 1
   BEGIN
     ${personKeys('OLD', -1)};
   END`,
  // A (person, category) pair counts when its first qualification arrives and stops when its last one goes; the
  // person's own row gives the key (absent when the person is being deleted: its own trigger counted it out).
  `CREATE TRIGGER registry_counts_qualification_insert AFTER INSERT ON qualifications
   BEGIN ${pairChange('NEW', 1)}; END`,
  `CREATE TRIGGER registry_counts_qualification_delete AFTER DELETE ON qualifications
   BEGIN ${pairChange('OLD', -1)}; END`,
  `CREATE TRIGGER registry_counts_qualification_update AFTER UPDATE OF person_id, category_code ON qualifications
   WHEN OLD.person_id IS NOT NEW.person_id OR OLD.category_code IS NOT NEW.category_code
   BEGIN ${pairChange('OLD', -1)}; ${pairChange('NEW', 1)}; END`,
];

/**
 * PostgreSQL: statement triggers with transition tables, so a bulk insert of a thousand rows costs one grouped
 * upsert, not a thousand. Qualification changes become flows per (person, category): rows in and out; a pair
 * counts when it is held now and was not before (before = now − in + out), and stops in the opposite case.
 */
const qualificationFlow: Record<'INSERT' | 'DELETE' | 'UPDATE', string> = {
  INSERT: 'SELECT person_id, category_code, 1 AS in_n, 0 AS out_n FROM new_rows',
  DELETE: 'SELECT person_id, category_code, 0 AS in_n, 1 AS out_n FROM old_rows',
  UPDATE: `SELECT n.person_id, n.category_code, 1 AS in_n, 0 AS out_n FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.person_id, o.category_code) IS DISTINCT FROM (n.person_id, n.category_code)
           UNION ALL
           SELECT o.person_id, o.category_code, 0, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.person_id, o.category_code) IS DISTINCT FROM (n.person_id, n.category_code)`,
};

// Every lookup is a LATERAL subquery on one key column (a person's id, a person's qualifications), so it is an
// index probe per changed row whatever the statistics say: a table that grows from empty (a fresh install loading
// its registry) is planned as tiny until autovacuum analyses it, and a scan per statement made a 20,000-person demo
// load take minutes.
const pgQualificationChange = (flow: string) => `
  WITH pairs AS (
    SELECT person_id, category_code, sum(in_n) - sum(out_n) AS moved FROM (${flow}) f GROUP BY 1, 2
  ), held AS (
    INSERT INTO registry_holdings (person_id, category_code, n)
    SELECT person_id, category_code, moved FROM pairs WHERE moved <> 0 ORDER BY 1, 2
    ON CONFLICT (person_id, category_code) DO UPDATE SET n = registry_holdings.n + excluded.n
    RETURNING person_id, category_code, n
  ), delta AS (
    SELECT ${key('p')}, held.category_code, sum((held.n > 0)::int - (held.n - pairs.moved > 0)::int) AS n
    FROM held JOIN pairs USING (person_id, category_code)
    CROSS JOIN LATERAL (SELECT hukou_region_id, residence_region_id FROM persons
      WHERE persons.id = held.person_id AND persons.alive = 1) p
    GROUP BY 1, 2, 3
  )
  INSERT INTO registry_counts (hukou_key, residence_key, category_code, n)
  SELECT * FROM delta WHERE n <> 0 ORDER BY 1, 2, 3 ${upsert};`;

/** A changed person's keys: '' and each distinct category held (read per person). */
const heldKeys = (person: string) => `CROSS JOIN LATERAL (SELECT '' AS code
  UNION SELECT h.category_code FROM registry_holdings h WHERE h.person_id = ${person}.id AND h.n > 0) k`;

/**
 * Person inserts count the new living people (they hold no qualification yet: the foreign key); updates move the
 * keys of people whose 户籍, residence or living state changed, out of the old row's key and into the new one's.
 */
const pgPersonChange = (op: 'INSERT' | 'UPDATE') => {
  if (op === 'INSERT') {
    return `INSERT INTO registry_counts (hukou_key, residence_key, category_code, n)
      SELECT ${key('n')}, '', count(*) FROM new_rows n WHERE n.alive = 1 GROUP BY 1, 2 ORDER BY 1, 2 ${upsert};`;
  }
  return `
  WITH changed AS MATERIALIZED (
    SELECT o.hukou_region_id AS oh, o.residence_region_id AS orr, o.alive AS oa, n.*
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE o.hukou_region_id IS DISTINCT FROM n.hukou_region_id
      OR o.residence_region_id IS DISTINCT FROM n.residence_region_id OR o.alive IS DISTINCT FROM n.alive
  ), delta AS (
    SELECT COALESCE(c.oh, 0) AS h, COALESCE(c.orr, 0) AS r, k.code, -1 AS n FROM changed c ${heldKeys('c')}
      WHERE c.oa = 1
    UNION ALL
    SELECT ${key('c')}, k.code, 1 FROM changed c ${heldKeys('c')} WHERE c.alive = 1
  )
  INSERT INTO registry_counts (hukou_key, residence_key, category_code, n)
  SELECT h, r, code, sum(n) FROM delta GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3 ${upsert};`;
};

const plpgsql = (name: string, body: string, returns = 'NULL') =>
  sql.raw(`
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    ${body}
    RETURN ${returns};
  END $fn$`);

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  for (const op of ['INSERT', 'UPDATE'] as const) {
    const fn = `registry_counts_person_${op.toLowerCase()}`;
    await plpgsql(fn, pgPersonChange(op)).execute(db);
    const tables = op === 'INSERT' ? 'NEW TABLE AS new_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
    await sql
      .raw(
        `CREATE TRIGGER ${fn} AFTER ${op} ON persons REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      )
      .execute(db);
  }
  // Before each deleted person, while its qualifications (removed by the cascade) are still there. No write path
  // deletes people; the bench and tests reset tables this way.
  await plpgsql(
    'registry_counts_person_delete',
    `IF OLD.alive = 1 THEN ${personKeys('OLD', -1)}; END IF;`,
    'OLD',
  ).execute(db);
  await sql`CREATE TRIGGER registry_counts_person_delete BEFORE DELETE ON persons
    FOR EACH ROW EXECUTE FUNCTION registry_counts_person_delete()`.execute(db);
  for (const op of ['INSERT', 'DELETE', 'UPDATE'] as const) {
    const fn = `registry_counts_qualification_${op.toLowerCase()}`;
    await plpgsql(fn, pgQualificationChange(qualificationFlow[op])).execute(db);
    const tables = {
      INSERT: 'NEW TABLE AS new_rows',
      DELETE: 'OLD TABLE AS old_rows',
      UPDATE: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
    }[op];
    await sql
      .raw(
        `CREATE TRIGGER ${fn} AFTER ${op} ON qualifications REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      )
      .execute(db);
  }
  await plpgsql(
    'registry_counts_truncate',
    `DELETE FROM registry_counts WHERE TG_TABLE_NAME = 'persons' OR category_code <> ''; DELETE FROM registry_holdings;`,
  ).execute(db);
  for (const table of ['persons', 'qualifications']) {
    await sql
      .raw(`CREATE TRIGGER registry_counts_truncate AFTER TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION registry_counts_truncate()`)
      .execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE registry_counts (
    hukou_key integer NOT NULL,
    residence_key integer NOT NULL,
    category_code text NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (hukou_key, residence_key, category_code)
  )`.execute(db);
  await sql`CREATE TABLE registry_holdings (
    person_id integer NOT NULL,
    category_code text NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (person_id, category_code)
  )`.execute(db);
  await sql`INSERT INTO registry_holdings (person_id, category_code, n)
    SELECT person_id, category_code, count(*) FROM qualifications GROUP BY 1, 2`.execute(db);
  await sql`INSERT INTO registry_counts (hukou_key, residence_key, category_code, n)
    SELECT ${sql.raw(key('persons'))}, '', count(*) FROM persons WHERE alive = 1 GROUP BY 1, 2`.execute(db);
  await sql`INSERT INTO registry_counts (hukou_key, residence_key, category_code, n)
    SELECT ${sql.raw(key('p'))}, k.category_code, count(*)
    FROM (SELECT DISTINCT person_id, category_code FROM qualifications) k JOIN persons p ON p.id = k.person_id
    WHERE p.alive = 1 GROUP BY 1, 2, 3`.execute(db);
  if (engineOf(db) === 'postgres') {
    await postgresTriggers(db);
  } else {
    for (const trigger of sqliteTriggers) await sql.raw(trigger).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  const triggers = [
    ['persons', 'person_insert'],
    ['persons', 'person_update'],
    ['persons', 'person_delete'],
    ['qualifications', 'qualification_insert'],
    ['qualifications', 'qualification_delete'],
    ['qualifications', 'qualification_update'],
  ];
  if (engineOf(db) === 'postgres') {
    for (const [table, name] of triggers) {
      await sql.raw(`DROP TRIGGER registry_counts_${name} ON ${table}`).execute(db);
      await sql.raw(`DROP FUNCTION registry_counts_${name}()`).execute(db);
    }
    await sql`DROP TRIGGER registry_counts_truncate ON persons`.execute(db);
    await sql`DROP TRIGGER registry_counts_truncate ON qualifications`.execute(db);
    await sql`DROP FUNCTION registry_counts_truncate()`.execute(db);
  } else {
    for (const [, name] of triggers) await sql.raw(`DROP TRIGGER registry_counts_${name}`).execute(db);
  }
  await sql`DROP TABLE registry_counts`.execute(db);
  await sql`DROP TABLE registry_holdings`.execute(db);
}
