import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { type Engine, engineOf } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';
import { type AuditRecord, appendAuditRecords, collectAudit } from './audit.ts';

/**
 * Group commit for small, frequent writes (a visit recorded from a phone): the writes of the requests waiting at
 * one moment run one after another in ONE transaction, and every request is answered only after that one durable
 * commit. SQLite with synchronous=FULL pays one fsync per commit (a few hundred a second), and the audit chain
 * head is a row every change locks until its commit; batching pays both once per batch instead of per request.
 * The audit records of the batch's successful requests are appended together, in request order, just before the
 * commit (still the same transaction as the changes), so the head is locked only at the very end of a batch and
 * on PostgreSQL the next batch runs its writes meanwhile.
 *
 * A batch first runs without savepoints (on PostgreSQL a savepoint pair costs two round trips per request, as
 * many as a visit's own writes). When a request fails, the whole transaction rolls back, that request gets its error,
 * and the others run again at once, this time each inside its own SAVEPOINT, so a second failure rolls back only
 * its own writes. A request's work may therefore run twice; only its last run commits.
 */
type Work = (trx: Transaction<DB>) => Promise<unknown>;

interface Waiting {
  work: Work;
  lockOrder: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  attempts: number;
}

interface Committer {
  queue: Waiting[];
  running: number;
}

/** Requests per batch: bounds the latency one batch adds to its first request. */
const maxBatch = 64;
/**
 * Batches in flight at once: SQLite has one connection; on PostgreSQL one batch runs its writes while the other
 * commits. More batches only make them smaller, each paying the audit chain head and a commit (visit-http, 2
 * cores: 3 and 6 in flight cost 10–35% more CPU per visit than 1 or 2).
 */
const concurrency: Record<Engine, number> = { sqlite: 1, postgres: 2 };

const committers = new WeakMap<Kysely<DB>, Committer>();

/**
 * Runs `work` in a transaction shared with other concurrent callers and resolves once it has committed. `work`
 * must use only `trx` (never `db`), must not depend on seeing another caller's writes, and may run twice (its
 * first run rolled back), so it must not change anything outside `trx`.
 *
 * `lockOrder` names the shared row the work will lock (a visit: the progress figures of its community, category
 * and standard). A batch runs its requests in this order, so two batches in flight lock shared rows in the same
 * order and never deadlock: in arrival order, batch A could lock X then Y while batch B locks Y then X, and
 * PostgreSQL breaks that only after a second's wait.
 */
export function groupTransaction<T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
  lockOrder = '',
): Promise<T> {
  let committer = committers.get(db);
  if (!committer) {
    committer = { queue: [], running: 0 };
    committers.set(db, committer);
  }
  const c = committer;
  return new Promise<T>((resolve, reject) => {
    c.queue.push({ work, lockOrder, resolve: resolve as (value: unknown) => void, reject, attempts: 0 });
    if (c.running < concurrency[engineOf(db)]) {
      c.running++;
      // After the current turn of the event loop, so the requests that arrived together share the batch.
      setImmediate(() => void drain(db, c));
    }
  });
}

async function drain(db: Kysely<DB>, c: Committer): Promise<void> {
  try {
    while (c.queue.length > 0) await runBatch(db, c, c.queue.splice(0, maxBatch));
  } finally {
    c.running--;
  }
}

async function runBatch(db: Kysely<DB>, c: Committer, batch: Waiting[]): Promise<void> {
  // Stable: requests with the same order keep their arrival order.
  batch.sort((a, b) => (a.lockOrder < b.lockOrder ? -1 : a.lockOrder > b.lockOrder ? 1 : 0));
  const failure = await runOnce(db, c, batch, false);
  if (failure === null) return;
  // The request that failed has its answer; the rest did not commit and run again, each guarded by a savepoint.
  const rest = batch.filter((waiting) => waiting !== failure);
  if (rest.length > 0) await runOnce(db, c, rest, true);
}

/**
 * Runs the batch in one transaction and settles its requests. Without savepoints the first failing request
 * aborts the transaction: it is settled and returned, and the others are left waiting for a run with savepoints.
 */
async function runOnce(db: Kysely<DB>, c: Committer, batch: Waiting[], savepoints: boolean): Promise<Waiting | null> {
  const settle: (() => void)[] = [];
  // Set inside the transaction's callback (a declared type TypeScript does not narrow away).
  let failed = null as { waiting: Waiting; error: unknown } | null;
  try {
    await db.transaction().execute(async (trx) => {
      const audit: AuditRecord[] = [];
      // Alone in its batch, a request needs no savepoint: its failure rolls back the whole transaction.
      const guarded = savepoints && batch.length > 1;
      for (const [i, waiting] of batch.entries()) {
        const savepoint = `gc${i}`;
        const own: AuditRecord[] = [];
        if (guarded) await statement(trx, `SAVEPOINT ${savepoint}`);
        collectAudit(trx, own);
        try {
          const value = await waiting.work(trx);
          collectAudit(trx, null);
          if (guarded) await statement(trx, `RELEASE SAVEPOINT ${savepoint}`);
          audit.push(...own);
          settle.push(() => waiting.resolve(value));
        } catch (error) {
          collectAudit(trx, null);
          if (!guarded) {
            failed = { waiting, error };
            throw error;
          }
          await statement(trx, `ROLLBACK TO SAVEPOINT ${savepoint}`);
          await statement(trx, `RELEASE SAVEPOINT ${savepoint}`);
          settle.push(() => settleFailure(c, waiting, error));
        }
      }
      await appendAuditRecords(trx, audit);
    });
  } catch (error) {
    if (failed !== null && batch.length > 1) {
      const { waiting, error: own } = failed;
      settleFailure(c, waiting, own);
      return waiting;
    }
    // Nothing of the batch committed: every request gets the error (a lone request its own).
    for (const waiting of batch) waiting.reject(error);
    return null;
  }
  for (const s of settle) s();
  return null;
}

/**
 * A request whose writes were undone: two batches in flight can lock the same rows in opposite orders (PostgreSQL
 * picks one statement to fail), and such a request simply runs again in a later batch; any other failure is its
 * answer.
 */
function settleFailure(c: Committer, waiting: Waiting, error: unknown): void {
  if (isDeadlock(error) && ++waiting.attempts < 3) c.queue.push(waiting);
  else waiting.reject(error);
}

/** A savepoint statement as it is (two per request of a batch: no query builder to build and compile). */
function statement(trx: Transaction<DB>, text: string) {
  return trx.executeQuery(CompiledQuery.raw(text));
}

function isDeadlock(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
