import type { Kysely } from 'kysely';
import { AppError, defaultMessages } from '../../shared/errors.ts';
import type { DB, JobStatus } from '../db/schema.ts';
import type { Actor } from './access.ts';
import { nowIso } from './clock.ts';

/**
 * Long work (imports, exports, rosters, PDFs) as jobs: the work runs in the process that started it, but its
 * state — queued → running → succeeded / failed, progress of total, a message, the result or the error code —
 * lives in the `jobs` table, so any app node can report it and the UI polls it for a progress bar.
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

/** How long a running job may stay silent before it is reported as interrupted (its node went away). */
export const staleAfterMs = 10 * 60 * 1000;
const heartbeatMs = 30 * 1000;
const throttleMs = 250;

export const interruptedMessage = '任务因服务器重启或中断而没有完成，未写入任何数据；请重新提交。';

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
  },
  now = Date.now(),
): JobView {
  const stale =
    row.status === 'running' || row.status === 'queued' ? now - Date.parse(row.updated_at) > staleAfterMs : false;
  return {
    id: row.id,
    kind: row.kind,
    status: stale ? 'failed' : (row.status as JobStatus),
    progress: row.progress,
    total: row.total,
    message: stale ? interruptedMessage : row.message,
    result: row.result_json === null ? null : JSON.parse(row.result_json),
    errorCode: stale ? 'INTERNAL' : row.error_code,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function createJob(db: Kysely<DB>, actor: Actor, spec: JobSpec): Promise<number> {
  const now = nowIso();
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getJob(db: Kysely<DB>, id: number): Promise<JobView | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJobView(row) : null;
}

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
): Promise<void> {
  let chain: Promise<unknown> = Promise.resolve();
  const write = (patch: { progress?: number; total?: number; message?: string | null }) => {
    chain = chain
      .then(() =>
        db
          .updateTable('jobs')
          .set({ ...patch, updated_at: nowIso() })
          .where('id', '=', jobId)
          .where('status', '=', 'running')
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
  await db
    .updateTable('jobs')
    .set({ status: 'running', message: state.message, updated_at: nowIso() })
    .where('id', '=', jobId)
    .execute();
  const heartbeat = setInterval(() => write({}), heartbeatMs);
  heartbeat.unref();

  let outcome: { status: 'succeeded'; result: R } | { status: 'failed'; code: string; message: string };
  try {
    outcome = { status: 'succeeded', result: await work(reporter) };
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
            updated_at: nowIso(),
          }
        : { status: 'failed', message: outcome.message, error_code: outcome.code, updated_at: nowIso() },
    )
    .where('id', '=', jobId)
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
): Promise<number> {
  const id = await createJob(db, actor, spec);
  const promise = new Promise<void>((resolve) => {
    setImmediate(() => {
      runJob(db, id, work)
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
