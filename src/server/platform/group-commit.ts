import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { type Engine, engineOf } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';
import { type AuditRecord, appendAuditRecords, collectAudit } from './audit.ts';

/**
 * Group commit for small, frequent writes (a visit recorded from a phone): the writes of the requests waiting at
 * one moment run one after another in ONE transaction, each inside its own SAVEPOINT (a request that fails rolls
 * back only its own writes and gets its own error), and every request is answered only after that one durable
 * commit. SQLite with synchronous=FULL pays one fsync per commit (a few hundred a second), and the audit chain
 * head is a row every change locks until its commit; batching pays both once per batch instead of per request.
 * The audit records of the batch's successful requests are appended together, in request order, just before the
 * commit (still the same transaction as the changes), so the head is locked only at the very end of a batch and
 * on PostgreSQL the next batch runs its writes meanwhile.
 */
type Work = (trx: Transaction<DB>) => Promise<unknown>;

interface Waiting {
  work: Work;
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
/** Batches in flight at once: SQLite has one connection; PostgreSQL overlaps a batch's writes with another's commit. */
const concurrency: Record<Engine, number> = { sqlite: 1, postgres: 3 };

const committers = new WeakMap<Kysely<DB>, Committer>();

/**
 * Runs `work` in a transaction shared with other concurrent callers and resolves once it has committed. `work`
 * must use only `trx` (never `db`), and must not depend on seeing another caller's writes.
 */
export function groupTransaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  let committer = committers.get(db);
  if (!committer) {
    committer = { queue: [], running: 0 };
    committers.set(db, committer);
  }
  const c = committer;
  return new Promise<T>((resolve, reject) => {
    c.queue.push({ work, resolve: resolve as (value: unknown) => void, reject, attempts: 0 });
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
  const settle: (() => void)[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      const audit: AuditRecord[] = [];
      // Alone in its batch, a request needs no savepoint: its failure rolls back the whole transaction.
      const alone = batch.length === 1;
      for (const [i, waiting] of batch.entries()) {
        const savepoint = `gc${i}`;
        const own: AuditRecord[] = [];
        if (!alone) await statement(trx, `SAVEPOINT ${savepoint}`);
        collectAudit(trx, own);
        try {
          const value = await waiting.work(trx);
          collectAudit(trx, null);
          if (!alone) await statement(trx, `RELEASE SAVEPOINT ${savepoint}`);
          audit.push(...own);
          settle.push(() => waiting.resolve(value));
        } catch (error) {
          collectAudit(trx, null);
          if (alone) throw error;
          await statement(trx, `ROLLBACK TO SAVEPOINT ${savepoint}`);
          await statement(trx, `RELEASE SAVEPOINT ${savepoint}`);
          // Two batches in flight can lock the same rows in opposite orders (PostgreSQL picks one statement to
          // fail): that request's writes were undone, so it simply runs again in a later batch.
          if (isDeadlock(error) && ++waiting.attempts < 3) settle.push(() => c.queue.push(waiting));
          else settle.push(() => waiting.reject(error));
        }
      }
      await appendAuditRecords(trx, audit);
    });
  } catch (error) {
    // Nothing of the batch committed: every request gets the error (a lone request its own).
    for (const waiting of batch) waiting.reject(error);
    return;
  }
  for (const s of settle) s();
}

/** A savepoint statement as it is (two per request of a batch: no query builder to build and compile). */
function statement(trx: Transaction<DB>, text: string) {
  return trx.executeQuery(CompiledQuery.raw(text));
}

function isDeadlock(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
