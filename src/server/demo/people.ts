import { on } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../platform/clock.ts';
import { loadMasterKey } from '../platform/crypto.ts';
import { withIndexesDeferred, withSqliteBulkLoad } from './bulk-indexes.ts';
import { bulkInsert, reserveIds } from './bulk-insert.ts';
import type { CopyBatch, CopyIds } from './copy-lines.ts';
import type { DemoDeployment, DemoRegion } from './deployments.ts';
import { copyPeople } from './people-copy.ts';
import { householdTable, type PeopleBatch, personTable, qualificationTable } from './people-generator.ts';
import type { PeopleWorkerData } from './people-worker.ts';

/** People per batch: the unit of work of a generating worker, and of the writer's acknowledgements. */
const batchSize = 500;
/** Generating threads: the generation (encryption, keyed hashes) is most of the CPU time of the load. */
const workers = 2;

function communitiesOf(tree: DemoRegion, ids: Map<string, number>): number[] {
  const out: number[] = [];
  const walk = (n: DemoRegion) => {
    if (n.level === 'community' || n.level === 'village') out.push(ids.get(n.code)!);
    for (const c of n.children ?? []) walk(c);
  };
  walk(tree);
  return out;
}

/**
 * Fictional people across every category: worker threads generate them in their stored form while this
 * thread writes them, all in one transaction, with the secondary indexes of the registry tables built once
 * after the load (bulk-indexes.ts). SQLite: batch by batch without the query builder (bulk-insert.ts).
 * PostgreSQL: with COPY (people-copy.ts).
 */
export async function insertDemoPeople(
  ctx: AppContext,
  deployment: DemoDeployment,
  regionIds: Map<string, number>,
  options: { people: number; seed?: number; onProgress?: (done: number, total: number) => void },
): Promise<void> {
  if (options.people === 0) return;
  const copy = ctx.engine === 'postgres';
  const batches = Math.ceil(options.people / batchSize);
  const workerCount = Math.min(workers, batches);
  const workerData: Omit<PeopleWorkerData, 'worker'> = {
    ownCode: deployment.ownCode,
    communities: communitiesOf(deployment.tree, regionIds),
    seed: options.seed ?? 20_260_125,
    now: nowIso(),
    // The worker encrypts with the same key as ctx.cipher: the one this deployment was opened with.
    masterKey: loadMasterKey(ctx.config.secretKey, ctx.config.dataDir),
    people: options.people,
    batchSize,
    // Batches per worker: far enough ahead to keep generating while PostgreSQL takes a round's households and
    // qualifications.
    ahead: copy ? 16 : 4,
    copy,
    workers: workerCount,
  };
  // Started first, so the people are being generated while the indexes are dropped.
  const threads = Array.from(
    { length: workerCount },
    (_, worker) =>
      new Worker(new URL('./people-worker.mjs', import.meta.url), { workerData: { ...workerData, worker } }),
  );
  try {
    // Batches in the order they were generated, taken from the workers in turn (batch n from worker n mod count);
    // an error in a worker ends the iteration with that error.
    const streams = threads.map((t) => on(t, 'message', { close: ['exit'] })[Symbol.asyncIterator]());
    let taken = 0;
    const nextBatch = async <B>(): Promise<B> => {
      const from = taken++ % threads.length;
      const { value, done } = await streams[from]!.next();
      if (done) throw new Error('演示数据生成线程提前结束');
      threads[from]!.postMessage('taken');
      return (value as [B])[0];
    };
    const start = (ids: CopyIds) => {
      for (const t of threads) t.postMessage(ids);
    };
    if (copy) await copyPeople(ctx, start, nextBatch<CopyBatch>, options);
    else
      await withSqliteBulkLoad(ctx.db, () =>
        ctx.db
          .transaction()
          .execute((trx) =>
            withIndexesDeferred(trx, ['persons', 'qualifications', 'households'], () =>
              writePeople(trx, nextBatch<PeopleBatch>, options),
            ),
          ),
      );
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
}

async function writePeople(
  trx: Kysely<DB>,
  nextBatch: () => Promise<PeopleBatch>,
  options: { people: number; onProgress?: (done: number, total: number) => void },
): Promise<void> {
  // Where the writer's values go in the generated rows.
  const householdWidth = householdTable.columns.length;
  const householdId = householdTable.columns.indexOf('id');
  const personWidth = personTable.columns.length;
  const personId = personTable.columns.indexOf('id');
  const personHousehold = personTable.columns.indexOf('household_id');
  const qualificationWidth = qualificationTable.columns.length;
  const qualificationPerson = qualificationTable.columns.indexOf('person_id');
  let household: number | null = null;
  for (let done = 0; done < options.people; ) {
    const batch = await nextBatch();
    const householdIds = await reserveIds(trx, 'households', batch.households.length / householdWidth);
    const personIds = await reserveIds(trx, 'persons', batch.count);
    for (let i = 0; i < householdIds.length; i++) batch.households[i * householdWidth + householdId] = householdIds[i];
    let nextHousehold = 0;
    for (let i = 0; i < batch.count; i++) {
      if (batch.newHousehold[i]) household = householdIds[nextHousehold++]!;
      batch.persons[i * personWidth + personId] = personIds[i];
      batch.persons[i * personWidth + personHousehold] = household;
      batch.qualifications[i * qualificationWidth + qualificationPerson] = personIds[i];
    }
    await bulkInsert(trx, householdTable, batch.households);
    await bulkInsert(trx, personTable, batch.persons);
    await bulkInsert(trx, qualificationTable, batch.qualifications);
    done += batch.count;
    options.onProgress?.(done, options.people);
  }
}
