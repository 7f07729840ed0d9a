import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { PersonInput } from '../../../shared/api/registry.api.ts';
import type { ImportCounts, ImportIssue, ImportItem, ImportRowItem } from '../../../shared/api/registry-import.api.ts';
import { columnLetter, type RowIssue } from '../../../shared/domain/roster-sheet.ts';
import { AppError, defaultMessages } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { annotateSheet, maxUploadBytes, type RowNote, readSpreadsheet, sniffKind } from '../../platform/excel.ts';
import { assertJobClaim, type JobReporter, onJobAbandoned, startJob } from '../../platform/jobs.ts';
import { BulkRowError, bulkCreator } from './person-bulk.service.ts';
import { type SaveResult, savePersonInTransaction } from './registry.service.ts';
import * as repo from './registry-import.repo.ts';
import './registry-import.schema.ts';

import {
  type AnalysedRow,
  type Analysis,
  analyseRoster,
  type ProgressFn,
  sourceOf,
} from './registry-import-analyse.ts';

export { type AnalysedRow, type Analysis, analyseRoster, type ProgressFn };

/**
 * Import of a roster (花名册) in two phases. Validate: the sheet is read as offices keep it (roster-sheet rules),
 * every row checked by the registry's own rules, duplicates found inside the file and against the registry
 * (by keyed hash; a person already registered in scope gets a merge preview), rows outside the importer's scope
 * refused — a report per row and column. Commit: exactly the accepted rows, in one transaction (all or
 * nothing), as a job with progress, with one `import` audit record beside the per-person versions.
 */

// ---------------------------------------------------------------------------------------------------------------
// Commit: exactly the accepted rows, all or nothing

export interface RowToCommit {
  row: number;
  action: 'create' | 'merge';
  personId: number | null;
  input: PersonInput;
}

export interface CommitOutcome {
  created: number;
  updated: number;
}

/** New people written per round of bulk inserts: large enough for few statements, small enough for memory. */
const flushEvery = 2000;

/**
 * Saves the rows inside `trx`: new people through the registry's bulk path (checked, encrypted and hashed in
 * memory, written many rows per statement with their versions and audit records), merges through its one
 * write path. Any row that no longer passes — someone registered the same number, edited the person since the
 * preview — fails the whole commit: the caller's transaction rolls back and nothing is half-imported.
 */
export async function commitRows(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  rows: AsyncIterable<RowToCommit[]> | Iterable<RowToCommit[]>,
  fileName: string,
  total: number,
  progress: ProgressFn = () => {},
): Promise<CommitOutcome> {
  const source = sourceOf(fileName);
  const creator = await bulkCreator(trx, ctx, actor, source);
  const failed = (row: number, error: AppError) =>
    new AppError(
      error.code === 'VALIDATION_FAILED' || error.code === 'NOT_FOUND' ? 'CONFLICT' : error.code,
      `第 ${row} 行：${error.message}。登记库在校验之后发生了变化，本次导入没有写入任何数据；请重新上传文件校验后再导入。`,
    );
  let created = 0;
  let updated = 0;
  let done = 0;
  for await (const batch of rows as AsyncIterable<RowToCommit[]>) {
    try {
      for (const r of batch) {
        if (r.action === 'create') {
          await creator.add(r.row, r.input);
          if (creator.pending >= flushEvery) created += await creator.flush();
          continue;
        }
        let saved: SaveResult;
        try {
          saved = await savePersonInTransaction(trx, ctx, actor, r.input, {
            ...(r.personId !== null ? { personId: r.personId } : {}),
            source,
          });
        } catch (error) {
          if (error instanceof AppError) throw new BulkRowError(r.row, error);
          throw error;
        }
        if (saved.created) created++;
        else if (saved.changed) updated++;
      }
      created += await creator.flush();
    } catch (error) {
      if (error instanceof BulkRowError) throw failed(error.row, error.error);
      throw error;
    }
    done += batch.length;
    progress(done, total, `正在导入第 ${batch[batch.length - 1]?.row ?? ''} 行`);
  }
  return { created, updated };
}

async function auditImport(
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

/** The CLI's commit: the analysis in memory, saved in one transaction with its audit record. */
export async function commitAnalysis(
  ctx: AppContext,
  actor: Actor,
  analysis: Analysis,
  fileName: string,
  progress?: ProgressFn,
): Promise<CommitOutcome> {
  requireCapability(actor, 'registry.write');
  const rows: RowToCommit[] = analysis.rows
    .filter((r) => r.status === 'accepted' && (r.action === 'create' || r.action === 'merge') && r.input)
    .map((r) => ({ row: r.row, action: r.action as 'create' | 'merge', personId: r.personId, input: r.input! }));
  return ctx.db.transaction().execute(async (trx) => {
    const outcome = await commitRows(trx, ctx, actor, [rows], fileName, rows.length, progress);
    await auditImport(trx, actor, null, fileName, analysis.counts, outcome);
    return outcome;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The web flow: upload (validate job) → report → commit job

const emptyCounts: ImportCounts = {
  rows: 0,
  accepted: 0,
  refused: 0,
  skipped: 0,
  create: 0,
  merge: 0,
  unchanged: 0,
  warnings: 0,
};

function toItem(r: repo.ImportRow): ImportItem {
  return {
    id: r.id,
    status: r.status,
    fileName: r.file_name,
    sheetName: r.sheet_name,
    headerRow: r.header_row,
    message: r.message,
    columns: JSON.parse(r.columns_json),
    counts: { ...emptyCounts, ...JSON.parse(r.counts_json) },
    validateJobId: r.validate_job_id,
    commitJobId: r.commit_job_id,
    createdAt: r.created_at,
    committedAt: r.committed_at,
  };
}

const cleanName = (name: string) =>
  name
    .split(/[\\/]/)
    .pop()!
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(0, 120) || '名单.xlsx';

/** Takes an uploaded roster and starts its validation as a job. Unreadable kinds are refused at once. */
export async function startImport(
  ctx: AppContext,
  actor: Actor,
  fileName: string,
  bytes: Buffer,
): Promise<{ importId: number; jobId: number }> {
  requireCapability(actor, 'registry.write');
  const name = cleanName(fileName);
  // The quick checks answer the upload itself; the rest (zip bombs, header, rows) is the job's.
  const kind = bytes.length === 0 ? 'empty' : sniffKind(bytes, name);
  if (kind === 'empty' || kind === 'xls' || kind === 'unknown' || bytes.length > maxUploadBytes) {
    await readSpreadsheet(bytes, name);
  }
  const now = nowIso();
  const importId = await repo.insertImport(
    ctx.db,
    {
      file_name: name,
      file_kind: kind,
      file_size: bytes.length,
      file_sha256: createHash('sha256').update(bytes).digest('hex'),
      file_enc: ctx.cipher.encrypt(bytes.toString('base64')),
      created_by: actor.userId,
      created_by_name: actor.displayName,
    },
    now,
  );
  const jobId = await startJob(
    ctx.db,
    actor,
    { kind: 'registry.import.validate', params: { importId }, message: '正在读取文件' },
    (reporter) => validateJob(ctx, actor, importId, name, bytes, reporter),
  );
  await repo.updateImport(ctx.db, importId, { validate_job_id: jobId }, nowIso());
  return { importId, jobId };
}

async function validateJob(
  ctx: AppContext,
  actor: Actor,
  importId: number,
  fileName: string,
  bytes: Buffer,
  reporter: JobReporter,
) {
  try {
    const analysis = await analyseRoster(ctx, actor, bytes, fileName, (d, t, m) => reporter.progress(d, t, m));
    reporter.message('正在保存校验结果');
    const rows: repo.ImportRowWrite[] = analysis.rows.map((r) => ({
      row_number: r.row,
      status: r.status,
      action: r.action,
      label: r.label,
      person_id: r.personId,
      person_version: r.personVersion,
      input_enc: r.input ? ctx.cipher.encrypt(JSON.stringify(r.input)) : null,
      issues_json: JSON.stringify(r.issues),
      changes_json: r.changes ? JSON.stringify(r.changes) : null,
    }));
    await ctx.db.transaction().execute(async (trx) => {
      await assertJobClaim(trx);
      await repo.replaceImportRows(trx, importId, rows);
      await repo.updateImport(
        trx,
        importId,
        {
          status: 'validated',
          sheet_name: analysis.grid.name,
          header_row: analysis.sheet.headerRows[analysis.sheet.headerRows.length - 1] ?? null,
          columns_json: JSON.stringify(analysis.columns),
          counts_json: JSON.stringify(analysis.counts),
          message: null,
        },
        nowIso(),
      );
    });
    reporter.progress(analysis.sheet.drafts.length, analysis.sheet.drafts.length, '校验完成');
    return { importId, counts: analysis.counts };
  } catch (error) {
    const message = error instanceof AppError ? error.message : defaultMessages.INTERNAL;
    // Nothing to annotate in a file that could not be read: drop it.
    await repo.updateImport(ctx.db, importId, { status: 'failed', message, file_enc: null }, nowIso());
    throw error;
  }
}

export async function getImport(ctx: AppContext, actor: Actor, id: number): Promise<ImportItem> {
  requireCapability(actor, 'registry.write');
  const row = await repo.findImport(ctx.db, actor, id);
  if (!row) throw notFound();
  return toItem(row);
}

export async function listImports(ctx: AppContext, actor: Actor): Promise<ImportItem[]> {
  requireCapability(actor, 'registry.write');
  return (await repo.listImports(ctx.db, actor)).map(toItem);
}

export async function listImportRows(
  ctx: AppContext,
  actor: Actor,
  id: number,
  query: { filter: repo.RowFilter; page: number; pageSize: number },
): Promise<{ items: ImportRowItem[]; total: number; page: number; pageSize: number }> {
  requireCapability(actor, 'registry.write');
  if (!(await repo.findImport(ctx.db, actor, id))) throw notFound();
  const { rows, total } = await repo.listImportRows(ctx.db, id, query.filter, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return {
    items: rows.map((r) => ({
      row: r.row_number,
      status: r.status,
      action: r.action,
      label: r.label,
      personId: r.person_id,
      issues: (JSON.parse(r.issues_json) as RowIssue[]).map(toIssue),
      changes: r.changes_json ? JSON.parse(r.changes_json) : null,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

const toIssue = (i: RowIssue): ImportIssue => ({
  column: i.column,
  columnLetter: i.columnIndex === null ? null : columnLetter(i.columnIndex),
  code: i.code,
  message: i.message,
  severity: i.severity,
});

const statusText: Record<string, string> = {
  validating: '文件还在校验中，请等校验完成后再确认导入。',
  committing: '该文件正在导入中，请勿重复提交。',
  committed: '该文件已经导入过了；如需再次导入，请重新上传。',
  failed: '该文件校验或导入失败，请按提示修改后重新上传。',
  discarded: '该导入已放弃，请重新上传文件。',
};

/** Starts the commit job: exactly the rows the report accepted, in one transaction. */
export async function commitImport(ctx: AppContext, actor: Actor, id: number): Promise<{ jobId: number }> {
  requireCapability(actor, 'registry.write');
  const imp = await repo.findImport(ctx.db, actor, id);
  if (!imp) throw notFound();
  if (imp.status !== 'validated') throw new AppError('INVALID_STATE', statusText[imp.status]);
  const counts: ImportCounts = { ...emptyCounts, ...JSON.parse(imp.counts_json) };
  if (counts.create + counts.merge === 0) {
    throw new AppError(
      'INVALID_STATE',
      counts.unchanged > 0
        ? '名单中的人员均已登记且信息没有变化，无需导入。'
        : '没有可以导入的行：请下载错误说明，按提示修改表格后重新上传。',
    );
  }
  if (!(await repo.transitionImport(ctx.db, id, 'validated', { status: 'committing', message: null }, nowIso()))) {
    throw new AppError('INVALID_STATE', statusText.committing);
  }
  const total = counts.create + counts.merge;
  const jobId = await startJob(
    ctx.db,
    actor,
    { kind: 'registry.import.commit', params: { importId: id }, total, message: '正在导入' },
    async (reporter) => {
      try {
        const outcome = await ctx.db.transaction().execute(async (trx) => {
          const batches = (async function* () {
            for await (const batch of repo.rowsToCommit(trx, id)) {
              yield batch.map(
                (r): RowToCommit => ({
                  row: r.row_number,
                  action: r.action === 'merge' ? 'merge' : 'create',
                  personId: r.person_id,
                  input: JSON.parse(ctx.cipher.decrypt(r.input_enc!)) as PersonInput,
                }),
              );
            }
          })();
          const result = await commitRows(trx, ctx, actor, batches, imp.file_name, total, (d, t, m) =>
            reporter.progress(d, t, m),
          );
          await auditImport(trx, actor, id, imp.file_name, counts, result);
          await assertJobClaim(trx);
          await repo.transitionImport(trx, id, 'committing', { status: 'committed', committed_at: nowIso() }, nowIso());
          return result;
        });
        reporter.progress(total, total, `导入完成：新增 ${outcome.created} 人，更新 ${outcome.updated} 人`);
        return { importId: id, ...outcome };
      } catch (error) {
        const message =
          error instanceof AppError ? error.message : `导入失败，没有写入任何数据。${defaultMessages.INTERNAL}`;
        await repo.transitionImport(ctx.db, id, 'committing', { status: 'failed', message }, nowIso());
        throw error;
      }
    },
  );
  await repo.updateImport(ctx.db, id, { commit_job_id: jobId }, nowIso());
  return { jobId };
}

// A node that died while validating or committing leaves its import in a working state; when its job is
// failed as abandoned, the import fails with it (the commit's one transaction never landed), so it can be redone.
// Like the failure paths above: a file whose validation never finished is dropped; a failed commit keeps it.
const abandonedImport =
  (from: 'validating' | 'committing', message: string) => async (trx: Kysely<DB>, params: unknown) => {
    const importId = (params as { importId?: unknown } | null)?.importId;
    if (typeof importId !== 'number') return;
    const patch =
      from === 'validating'
        ? { status: 'failed' as const, message, file_enc: null }
        : { status: 'failed' as const, message };
    await repo.transitionImport(trx, importId, from, patch, nowIso());
  };
onJobAbandoned(
  'registry.import.validate',
  abandonedImport('validating', '校验因服务器中断而没有完成，请重新上传文件。'),
);
onJobAbandoned(
  'registry.import.commit',
  abandonedImport('committing', '导入因服务器中断而没有完成，没有写入任何数据；请重新上传文件后再导入。'),
);

/** Gives up an import that was not committed: its rows and the stored file are deleted. */
export async function discardImport(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  requireCapability(actor, 'registry.write');
  const imp = await repo.findImport(ctx.db, actor, id);
  if (!imp) throw notFound();
  if (imp.status === 'committing' || imp.status === 'validating') {
    throw new AppError('INVALID_STATE', '文件正在处理中，请等处理完成后再放弃。');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteImportRows(trx, id);
    await repo.updateImport(
      trx,
      id,
      { status: imp.status === 'committed' ? 'committed' : 'discarded', file_enc: null },
      nowIso(),
    );
  });
}

/** The uploaded sheet given back with an added 错误说明 column (and the offending cells marked). */
export async function errorSheet(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  requireCapability(actor, 'registry.write');
  const imp = await repo.findImport(ctx.db, actor, id);
  if (!imp) throw notFound();
  const stored = await repo.importFile(ctx.db, id);
  if (!stored || imp.header_row === null) {
    throw new AppError('INVALID_STATE', '该文件没有可下载的错误说明（文件无法读取或已放弃），请重新上传。');
  }
  const bytes = Buffer.from(ctx.cipher.decrypt(stored), 'base64');
  const { kind, sheets } = await readSpreadsheet(bytes, imp.file_name);
  const grid = sheets.find((s) => s.name === imp.sheet_name) ?? sheets[0]!;
  const notes = new Map<number, RowNote>();
  for (const r of await repo.rowsWithIssues(ctx.db, id)) {
    const issues = JSON.parse(r.issues_json) as RowIssue[];
    notes.set(r.row_number, {
      message: issues.map((i) => `${i.severity === 'warning' ? '【提示】' : ''}${i.column}：${i.message}`).join('；'),
      columns: [...new Set(issues.map((i) => i.columnIndex).filter((c): c is number => c !== null))],
      severity: r.status === 'refused' ? 'error' : 'warning',
    });
  }
  const out = await annotateSheet({ bytes, kind, sheetName: grid.name, headerRow: imp.header_row, notes, grid });
  const base = imp.file_name.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-错误说明.xlsx`, bytes: out };
}
