import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type Kysely, sql, type Transaction } from 'kysely';
import { AppError, defaultMessages } from '../../shared/errors.ts';
import type { DB, JobStatus } from '../db/schema.ts';
import type { Actor } from './access.ts';

/**
 * Long work (imports, exports, rosters, PDFs) as jobs: the work runs in the process that started it, but its
 * state — queued → running → succeeded / failed, progress of total, a message, the result or the error code —
 * lives in the `jobs` table, so any app node can report it and the UI polls it for a progress bar.
 *
 * Several app nodes share one database, so each job is claimed by one node: the row names its `owner_node` and
 * holds a lease that the node's heartbeat keeps extending. A job whose lease ran out (its node died) is failed
 * once by whichever node notices first, and the cleanup registered for its kind runs in the same transaction;
 * it is never started again. Work that writes in one transaction calls `assertJobClaim(trx)` inside it, so
 * it can only commit while its node still holds the claim: a job is either failed or its data is there.
 *
 * Progress writes never block the work: they are queued and throttled, and a write issued while the work holds
 * an SQLite transaction simply lands after it (SQLite has one writer; PostgreSQL shows it at once).
 */

export interface JobView {
  id: number;
  kind: string;
  status: JobStatus;
  progress: number;
  total: number;
  message: string | null;
  result: unknown;
  errorCode: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface JobReporter {
  readonly jobId: number;
  /** Records progress (and optionally a new total and message). Returns at once. */
  progress(done: number, total?: number, message?: string): void;
  /** Sets the message shown beside the progress bar (`正在校验第 3 行` …). Returns at once. */
  message(text: string): void;
}

export interface JobSpec {
  kind: string;
  params?: unknown;
  total?: number;
  message?: string;
}

/**
 * Who runs jobs here, how long a claim lasts without a heartbeat, and the clock (injected by tests).
 * `SHUANGYONG_JOB_LEASE_SECONDS` shortens the lease (crash tests); the heartbeat renews it six times per lease.
 */
export interface JobRuntime {
  node: string;
  leaseMs: number;
  now: () => number;
}

export const jobRuntime: JobRuntime = {
  node: `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`,
  leaseMs: Math.max(1, Number(process.env.SHUANGYONG_JOB_LEASE_SECONDS) || 60) * 1000,
  now: Date.now,
};

/** Rows of earlier versions carry no lease: they count as interrupted after this long without a heartbeat. */
export const staleAfterMs = 10 * 60 * 1000;
const throttleMs = 250;
const iso = (ms: number) => new Date(ms).toISOString();

export const interruptedMessage = '任务因服务器重启或中断而没有完成，未写入任何数据；请重新提交。';
export const committedMessage = '任务已完成并保存（服务器随后中断，未能返回结果）；请刷新页面查看。';

export function toJobView(
  row: {
    id: number;
    kind: string;
    status: string;
    progress: number;
    total: number;
    message: string | null;
    result_json: string | null;
    error_code: string | null;
    created_by: number | null;
    created_at: string;
    updated_at: string;
    lease_until?: string | null;
    work_committed_at?: string | null;
  },
  now = jobRuntime.now(),
): JobView {
  const stale = (row.status === 'running' || row.status === 'queued') && leaseExpired(row, now);
  // A dead node's job whose data had committed succeeded; one whose data had not is failed and wrote nothing.
  const done = stale && Boolean(row.work_committed_at);
  return {
    id: row.id,
    kind: row.kind,
    status: done ? 'succeeded' : stale ? 'failed' : (row.status as JobStatus),
    progress: done ? row.total : row.progress,
    total: row.total,
    message: done ? committedMessage : stale ? interruptedMessage : row.message,
    result: row.result_json === null ? null : JSON.parse(row.result_json),
    errorCode: stale && !done ? 'INTERNAL' : row.error_code,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function leaseExpired(row: { updated_at: string; lease_until?: string | null }, now: number): boolean {
  return row.lease_until ? Date.parse(row.lease_until) < now : now - Date.parse(row.updated_at) > staleAfterMs;
}

/** Creates a job claimed by this node (it is started here, by `runJob`). */
export async function createJob(
  db: Kysely<DB>,
  actor: Actor,
  spec: JobSpec,
  rt: JobRuntime = jobRuntime,
): Promise<number> {
  const now = iso(rt.now());
  const row = await db
    .insertInto('jobs')
    .values({
      kind: spec.kind,
      status: 'queued',
      progress: 0,
      total: spec.total ?? 0,
      message: spec.message ?? '排队等待中',
      params_json: spec.params === undefined ? null : JSON.stringify(spec.params),
      result_json: null,
      error_code: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      owner_node: rt.node,
      lease_until: iso(rt.now() + rt.leaseMs),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getJob(db: Kysely<DB>, id: number, rt: JobRuntime = jobRuntime): Promise<JobView | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  // A job this process is still running is alive, whatever its lease says (a heartbeat may be late under load).
  const mine = row.owner_node === rt.node && running.has(id);
  return toJobView(row, mine ? Number.NEGATIVE_INFINITY : rt.now());
}

/** What the work of a job knows about its claim, for `assertJobClaim`. */
const currentJob = new AsyncLocalStorage<{ jobId: number; rt: JobRuntime }>();

export const claimLostMessage = '任务运行超时，已被其他服务器节点判定为中断，未写入任何数据；请重新提交。';

/**
 * Inside the transaction that writes a job's data: renews this node's claim, or throws (rolling the
 * transaction back) when the job was meanwhile failed as abandoned. On PostgreSQL the renewal also locks the
 * job row until commit, so no other node can fail the job while its data is being committed. Outside a job
 * (a direct call) it does nothing.
 */
export async function assertJobClaim(trx: Transaction<DB>): Promise<void> {
  const job = currentJob.getStore();
  if (!job) return;
  const renewed = await trx
    .updateTable('jobs')
    .set({ lease_until: iso(job.rt.now() + job.rt.leaseMs), work_committed_at: iso(job.rt.now()) })
    .where('id', '=', job.jobId)
    .where('status', '=', 'running')
    .where('owner_node', '=', job.rt.node)
    .executeTakeFirst();
  if (Number(renewed.numUpdatedRows) !== 1) throw new AppError('CONFLICT', claimLostMessage);
}

type AbandonedHandler = (trx: Transaction<DB>, params: unknown) => Promise<void>;
const abandonedHandlers = new Map<string, AbandonedHandler>();

/**
 * What to undo when a job of this kind is found abandoned (e.g. an import stuck in `committing` goes back to
 * failed). Runs in the transaction that fails the job, on whichever node notices; every node registers the
 * same handlers because every node loads the same modules.
 */
export function onJobAbandoned(kind: string, handler: AbandonedHandler): void {
  abandonedHandlers.set(kind, handler);
}

/**
 * Fails, once, every open job whose lease ran out, except the ones this process is still running, and runs
 * the cleanup of its kind in the same transaction. Returns the ids it failed.
 */
export async function reapAbandonedJobs(db: Kysely<DB>, rt: JobRuntime = jobRuntime): Promise<number[]> {
  const now = rt.now();
  const open = await db
    .selectFrom('jobs')
    .select(['id', 'kind', 'status', 'params_json', 'owner_node', 'lease_until', 'updated_at', 'work_committed_at'])
    .where('status', 'in', ['queued', 'running'])
    .execute();
  const reaped: number[] = [];
  for (const job of open) {
    if (!leaseExpired(job, now) || (job.owner_node === rt.node && running.has(job.id))) continue;
    const failed = await db.transaction().execute(async (trx) => {
      // Compare and set: only the node that sees the row unchanged fails it; a heartbeat that renewed it wins.
      const committed = job.work_committed_at !== null;
      let update = trx
        .updateTable('jobs')
        .set(
          committed
            ? { status: 'succeeded', message: committedMessage, progress: sql`total`, updated_at: iso(now) }
            : { status: 'failed', message: interruptedMessage, error_code: 'INTERNAL', updated_at: iso(now) },
        )
        .where('id', '=', job.id)
        .where('status', '=', job.status);
      update =
        job.lease_until === null
          ? update.where('lease_until', 'is', null).where('updated_at', '=', job.updated_at)
          : update.where('lease_until', '=', job.lease_until);
      if (Number((await update.executeTakeFirst()).numUpdatedRows) !== 1) return false;
      if (!committed) {
        await abandonedHandlers.get(job.kind)?.(trx, job.params_json === null ? null : JSON.parse(job.params_json));
      }
      return true;
    });
    if (failed) reaped.push(job.id);
  }
  return reaped;
}

/** Reaps now and then once per heartbeat period, until the returned function is called. */
export function startJobReaper(db: Kysely<DB>, rt: JobRuntime = jobRuntime): () => void {
  const reap = () =>
    reapAbandonedJobs(db, rt).catch((error) => console.error('abandoned jobs could not be checked', error));
  void reap();
  const timer = setInterval(reap, heartbeatOf(rt));
  timer.unref();
  return () => clearInterval(timer);
}

const heartbeatOf = (rt: JobRuntime) => Math.max(200, Math.floor(rt.leaseMs / 6));

/** Work started in this process and not yet settled, so tests and the CLI can wait for it. */
const running = new Map<number, Promise<void>>();

/**
 * Runs the work of a created job now: marks it running, reports progress, and records the result or the
 * error. Never throws: the outcome is in the job row.
 */
export async function runJob<R>(
  db: Kysely<DB>,
  jobId: number,
  work: (reporter: JobReporter) => Promise<R>,
  rt: JobRuntime = jobRuntime,
): Promise<void> {
  const lease = () => ({ updated_at: iso(rt.now()), lease_until: iso(rt.now() + rt.leaseMs) });
  let chain: Promise<unknown> = Promise.resolve();
  const write = (patch: { progress?: number; total?: number; message?: string | null }) => {
    chain = chain
      .then(() =>
        db
          .updateTable('jobs')
          .set({ ...patch, ...lease() })
          .where('id', '=', jobId)
          .where('status', '=', 'running')
          .where('owner_node', '=', rt.node)
          .execute(),
      )
      .catch(() => {
        // Progress is best effort; the final state below is what counts.
      });
  };

  let state = { progress: 0, total: 0, message: null as string | null };
  let lastWrite = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    pending = null;
    lastWrite = Date.now();
    write({ ...state });
  };
  const schedule = () => {
    if (pending) return;
    const wait = Math.max(0, throttleMs - (Date.now() - lastWrite));
    pending = setTimeout(flush, wait);
  };
  const reporter: JobReporter = {
    jobId,
    progress(done, total, message) {
      state = { progress: done, total: total ?? state.total, message: message ?? state.message };
      schedule();
    },
    message(text) {
      state = { ...state, message: text };
      schedule();
    },
  };

  const start = await db.selectFrom('jobs').select(['total', 'message']).where('id', '=', jobId).executeTakeFirst();
  state.total = start?.total ?? 0;
  state.message = start?.message === '排队等待中' ? '正在处理' : (start?.message ?? null);
  // The claim: only a queued job that is this node's (or nobody's) starts, so no job ever runs twice.
  const claimed = await db
    .updateTable('jobs')
    .set({ status: 'running', message: state.message, owner_node: rt.node, ...lease() })
    .where('id', '=', jobId)
    .where('status', '=', 'queued')
    .where((eb) => eb.or([eb('owner_node', 'is', null), eb('owner_node', '=', rt.node)]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return;
  const heartbeat = setInterval(() => write({}), heartbeatOf(rt));
  heartbeat.unref();

  let outcome: { status: 'succeeded'; result: R } | { status: 'failed'; code: string; message: string };
  try {
    outcome = { status: 'succeeded', result: await currentJob.run({ jobId, rt }, () => work(reporter)) };
  } catch (error) {
    if (error instanceof AppError) {
      outcome = { status: 'failed', code: error.code, message: error.message };
    } else {
      console.error(`job ${jobId} failed`, error);
      outcome = { status: 'failed', code: 'INTERNAL', message: defaultMessages.INTERNAL };
    }
  }
  clearInterval(heartbeat);
  if (pending) clearTimeout(pending);
  await chain;
  await db
    .updateTable('jobs')
    .set(
      outcome.status === 'succeeded'
        ? {
            status: 'succeeded',
            progress: Math.max(state.progress, state.total),
            total: state.total,
            message: state.message === '正在处理' ? '已完成' : state.message,
            result_json: outcome.result === undefined ? null : JSON.stringify(outcome.result),
            ...lease(),
          }
        : { status: 'failed', message: outcome.message, error_code: outcome.code, ...lease() },
    )
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .where('owner_node', '=', rt.node)
    .execute();
}

/**
 * Creates a job and starts its work in the background of this process; returns the job id at once.
 * The caller answers the request with the id, and the client polls `GET /api/jobs/:id`.
 */
export async function startJob<R>(
  db: Kysely<DB>,
  actor: Actor,
  spec: JobSpec,
  work: (reporter: JobReporter) => Promise<R>,
  rt: JobRuntime = jobRuntime,
): Promise<number> {
  const id = await createJob(db, actor, spec, rt);
  const promise = new Promise<void>((resolve) => {
    setImmediate(() => {
      runJob(db, id, work, rt)
        .catch((error) => console.error(`job ${id} could not record its outcome`, error))
        .finally(() => {
          running.delete(id);
          resolve();
        });
    });
  });
  running.set(id, promise);
  return id;
}

/** Resolves when a job started by this process has settled (at once for jobs of other processes). */
export async function jobSettled(id: number): Promise<void> {
  await running.get(id);
}

/** Waits until every job started by this process has settled (graceful shutdown, tests). */
export async function allJobsSettled(): Promise<void> {
  await Promise.all([...running.values()]);
}
