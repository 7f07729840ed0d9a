/**
 * The PostgreSQL writer of the demo people: one transaction on a connection of its own, the rows streamed with
 * COPY FROM STDIN (copy-text.ts) into tables whose secondary indexes and foreign keys are built after the load
 * (bulk-indexes.ts). The registry counts stay with their triggers (migration 0170): statement triggers, so each
 * COPY costs one grouped upsert, and the counts are exact whatever writes the rows.
 */
import { Kysely, PostgresDialect, type PostgresPool, sql } from 'kysely';
import type { Client } from 'pg';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { pg } from '../platform/lazy.ts';
import { withIndexesDeferred } from './bulk-indexes.ts';
import type { CopyBatch, CopyIds } from './copy-lines.ts';
import { copyInto } from './copy-text.ts';
import { householdTable, personTable, qualificationTable } from './people-generator.ts';

/** People per round of COPY: persons streamed as they come, then their households and qualifications. */
const chunkSize = 50_000;

/** Kysely on one client, so the statements around the COPYs run in the same transaction as they do. */
function oneConnection(client: Client): PostgresPool {
  return { connect: async () => Object.assign(client, { release: () => {} }), end: () => client.end() };
}

/**
 * Writes the people: `start` hands the worker the first ids, `nextBatch` takes its batches. The tables are
 * locked for the load, so the ids are drawn from the sequences once, and the sequences moved on after it.
 */
export async function copyPeople(
  ctx: AppContext,
  start: (ids: CopyIds) => void,
  nextBatch: () => Promise<CopyBatch>,
  options: { people: number; onProgress?: (done: number, total: number) => void },
): Promise<void> {
  const client = new (pg().Client)({ connectionString: ctx.config.databaseUrl });
  await client.connect();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: oneConnection(client) }) });
  const tables = ['persons', 'qualifications', 'households'];
  try {
    await db.transaction().execute(async (trx) => {
      // No other writer until the commit: nothing else draws from the sequences while the ids are given out.
      await sql`LOCK TABLE persons, qualifications, households IN EXCLUSIVE MODE`.execute(trx);
      const sequence = (table: string) => sql`pg_get_serial_sequence(${table}, 'id')`;
      const ids = await sql<CopyIds>`SELECT nextval(${sequence('persons')})::int AS person,
        nextval(${sequence('households')})::int AS household`.execute(trx);
      start(ids.rows[0]!);
      await withIndexesDeferred(trx, tables, () => copyRows(client, nextBatch, options));
      await sql`SELECT setval(${sequence('persons')}, (SELECT max(id) FROM persons)),
        setval(${sequence('households')}, (SELECT max(id) FROM households))`.execute(trx);
    });
  } finally {
    await db.destroy();
  }
}

async function copyRows(
  client: Client,
  nextBatch: () => Promise<CopyBatch>,
  options: { people: number; onProgress?: (done: number, total: number) => void },
): Promise<void> {
  for (let chunk = 0; chunk < options.people; chunk += chunkSize) {
    const chunkEnd = Math.min(chunk + chunkSize, options.people);
    const households: string[] = [];
    const qualifications: string[] = [];
    await copyInto(client, personTable, async (write) => {
      for (let done = chunk; done < chunkEnd; ) {
        const batch = await nextBatch();
        households.push(batch.households);
        qualifications.push(batch.qualifications);
        await write(batch.persons);
        done += batch.count;
        options.onProgress?.(done, options.people);
      }
    });
    // After the persons: the qualifications' trigger reads their person rows to count them.
    await copyInto(client, householdTable, async (write) => {
      for (const text of households) await write(text);
    });
    await copyInto(client, qualificationTable, async (write) => {
      for (const text of qualifications) await write(text);
    });
  }
}
