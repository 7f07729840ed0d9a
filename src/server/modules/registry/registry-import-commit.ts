import type { Transaction } from 'kysely';
import type { PersonInput } from '../../../shared/api/registry.api.ts';
import type { ImportCounts } from '../../../shared/api/registry-import.api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, regionScope } from '../../platform/access.ts';
import { type AuditEntry, appendAudit, appendAuditBatch } from '../../platform/audit.ts';
import { nowIso, todayInChina } from '../../platform/clock.ts';
import { heapCeiling } from '../../platform/heap.ts';
import { pg } from '../../platform/lazy.ts';
import { savePersonInTransaction } from './registry.service.ts';
import { auditSummary, isUniqueViolation } from './registry-common.ts';
import * as repo from './registry-import.repo.ts';
import {
  type AnalysedRow,
  type ProgressFn,
  type RowSink,
  sourceOf,
  yieldToEventLoop,
} from './registry-import-analyse.ts';
import * as staged from './registry-import-staged.repo.ts';

/**
 * The staging tables between the two phases of an import, and the commit: the validate phase writes every
 * row's verdict there as it goes, each new person as it will be stored (ID number and phones encrypted) and
 * each merge's input (encrypted); the commit copies exactly the accepted rows in one transaction (all or
 * nothing) — new people set-based, merges through the registry's write path — with one `import` audit record
 * beside the per-person versions and audit records.
 */

/**
 * A sink for `analyseRosterInto`, given to `validate` and closed when it returns: each batch of verdicts goes to
 * the staging table, and its new people to the staged persons as they will be stored. Only a merge keeps its
 * input (encrypted): the commit saves it through the registry's one write path. A batch is one transaction,
 * staged whole or not at all. PostgreSQL streams the batches with COPY on a connection of the validation's own.
 *
 * Staged batches are not waited onto disk (SQLite's synchronous=NORMAL for their commits, PostgreSQL's
 * synchronous_commit=off on that connection): nothing is acknowledged by them. The import becomes `validated`
 * in a later transaction that is (FULL / synchronous), and the log is written in order, so once that one is on
 * disk every batch before it is too; a crash before it leaves a validation that is failed as abandoned and
 * its rows deleted. One fsync per 200 rows was a fifth of SQLite's validation time on a busy disk.
 */
export async function withStagingSink<T>(
  ctx: AppContext,
  importId: number,
  validate: (sink: RowSink) => Promise<T>,
): Promise<T> {
  if (ctx.engine === 'sqlite') {
    return validate((rows) => staged.insertStagingBatch(ctx.db, stagingValues(ctx, importId, rows)));
  }
  const client = new (pg().Client)({ connectionString: ctx.config.databaseUrl });
  await client.connect();
  // A connection the server closes (restart, failover) must not end the process: its error reaches the batch.
  client.on('error', () => {});
  try {
    await client.query('SET synchronous_commit = off');
    return await validate((rows) => staged.copyStagingValues(client, stagingValues(ctx, importId, rows)));
  } finally {
    await client.end().catch(() => {});
  }
}

function stagingValues(ctx: AppContext, importId: number, rows: readonly AnalysedRow[]) {
  return staged.stagingValues(
    importId,
    rows.map((r) => ({
      row_number: r.row,
      status: r.status,
      action: r.action,
      label: r.label,
      person_id: r.personId,
      person_version: r.personVersion,
      input_enc: r.input && r.action === 'merge' ? ctx.cipher.encrypt(JSON.stringify(r.input)) : null,
      issues_json: JSON.stringify(r.issues),
      changes_json: r.changes ? JSON.stringify(r.changes) : null,
    })),
    rows.flatMap((r) => (r.staged && r.action === 'create' ? [{ row: r.row, staged: r.staged }] : [])),
  );
}

export interface CommitOutcome {
  created: number;
  updated: number;
}

/** New people copied per round of INSERT … SELECT (and audited in one chained batch). */
const copyEvery = 2000;

const changed = (row: number, error: AppError) =>
  new AppError(
    error.code === 'VALIDATION_FAILED' || error.code === 'NOT_FOUND' ? 'CONFLICT' : error.code,
    `第 ${row} 行：${error.message}。登记库在校验之后发生了变化，本次导入没有写入任何数据；请重新上传文件校验后再导入。`,
  );

const staleMessages = {
  registered: '该身份证号已登记，请勿重复登记',
  region: '所选区划不存在，请重新选择',
  scope: '居住地和户籍地都不在您的管辖范围内',
  category: '优抚类别不在类别字典中',
} as const;

/**
 * Saves the staged new people inside `trx`, set-based: a check that none of them was registered meanwhile and
 * that their regions and categories still hold, then per batch of rows one INSERT … SELECT into each of
 * persons, qualifications, versions and assessments, and the batch's audit records chained in one append.
 */
async function commitCreates(
  trx: Transaction<DB>,
  actor: Actor,
  importId: number,
  source: string,
  progress: (done: number) => void,
): Promise<number> {
  const taken = await staged.firstRegisteredRow(trx, importId);
  if (taken !== null) throw changed(taken, new AppError('CONFLICT', staleMessages.registered));
  const stale = await staged.firstStaleRow(trx, importId, regionScope(actor));
  if (stale) throw changed(stale.row, new AppError('CONFLICT', staleMessages[stale.field]));
  const by = { actor, source, now: nowIso(), today: todayInChina() };
  const boundHeap = heapCeiling();
  const summary = `${auditSummary.create}（${source}）`;
  let created = 0;
  let after = 0;
  for (;;) {
    const to = await staged.batchEnd(trx, importId, after, copyEvery);
    if (to === null) break;
    let persons: Awaited<ReturnType<typeof staged.copyBatch>>;
    try {
      persons = await staged.copyBatch(trx, importId, { from: after, to }, by);
    } catch (error) {
      // Registered by someone else between the check above and this insert.
      if (isUniqueViolation(error)) throw changed(after + 1, new AppError('CONFLICT', staleMessages.registered));
      throw error;
    }
    await appendAuditBatch(
      trx,
      actor,
      persons.map((p): AuditEntry => {
        if (p.audit_before_json === null || p.audit_after_json === null) {
          throw new Error(`staged person ${p.person_id} of import ${importId} has no audit record`);
        }
        return {
          action: 'create',
          entityType: 'person',
          entityId: p.person_id,
          summary,
          json: { before: p.audit_before_json, after: p.audit_after_json },
        };
      }),
    );
    created += persons.length;
    after = to;
    progress(created);
    boundHeap();
    await yieldToEventLoop();
  }
  return created;
}

/**
 * Saves the merges inside `trx` through the registry's one write path, which checks that the person was not
 * edited since the preview (its version).
 */
async function commitMerges(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  importId: number,
  source: string,
  progress: (done: number, row: number) => void,
): Promise<number> {
  const boundHeap = heapCeiling();
  let updated = 0;
  let done = 0;
  for await (const batch of repo.rowsToCommit(trx, importId)) {
    for (const r of batch) {
      const input = JSON.parse(ctx.cipher.decrypt(r.input_enc!)) as PersonInput;
      try {
        const saved = await savePersonInTransaction(trx, ctx, actor, input, { personId: r.person_id!, source });
        if (saved.changed) updated++;
      } catch (error) {
        if (error instanceof AppError) throw changed(r.row_number, error);
        throw error;
      }
    }
    done += batch.length;
    progress(done, batch[batch.length - 1]!.row_number);
    boundHeap();
    await yieldToEventLoop();
  }
  return updated;
}

export async function auditImport(
  trx: Transaction<DB>,
  actor: Actor,
  importId: number | null,
  fileName: string,
  counts: ImportCounts,
  outcome: CommitOutcome,
) {
  await appendAudit(trx, actor, {
    action: 'import',
    entityType: 'registry_import',
    ...(importId === null ? {} : { entityId: importId }),
    summary: `导入优抚对象名册：新增 ${outcome.created} 人，更新 ${outcome.updated} 人，未导入 ${counts.refused} 行`,
    after: {
      file: fileName,
      rows: counts.rows,
      created: outcome.created,
      updated: outcome.updated,
      unchanged: counts.unchanged,
      refused: counts.refused,
      skipped: counts.skipped,
    },
  });
}

/**
 * Commits the accepted rows of a validated import inside `trx` (all or nothing: any row that no longer passes
 * fails the whole commit and the caller's transaction rolls back), with its audit record; the staged people are
 * dropped once copied.
 */
export async function commitStaged(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  importId: number,
  fileName: string,
  counts: ImportCounts,
  progress: ProgressFn = () => {},
): Promise<CommitOutcome> {
  const source = sourceOf(fileName);
  const total = counts.create + counts.merge;
  const created = await commitCreates(trx, actor, importId, source, (done) =>
    progress(done, total, `正在导入：已新增 ${done} 人`),
  );
  const updated = await commitMerges(trx, ctx, actor, importId, source, (done, row) =>
    progress(created + done, total, `正在导入第 ${row} 行`),
  );
  await staged.deleteStaged(trx, importId);
  const outcome = { created, updated };
  await auditImport(trx, actor, importId, fileName, counts, outcome);
  return outcome;
}
