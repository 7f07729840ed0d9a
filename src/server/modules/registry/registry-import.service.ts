import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ImportCounts, ImportIssue, ImportItem, ImportRowItem } from '../../../shared/api/registry-import.api.ts';
import { columnLetter, type RowIssue } from '../../../shared/domain/roster-sheet/grid.ts';
import { AppError, defaultMessages } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { nowIso } from '../../platform/clock.ts';
import { maxUploadBytes, readSpreadsheet, sniffKind } from '../../platform/excel-read.ts';
import type { RowNote } from '../../platform/excel-write.ts';
import { assertJobClaim, type JobReporter, onJobAbandoned, startJob } from '../../platform/jobs.ts';
import * as repo from './registry-import.repo.ts';
import './registry-import.schema.ts';
import {
  type AnalysedRow,
  type Analysis,
  type AnalysisSummary,
  analyseRoster,
  analyseRosterInto,
  emptyCounts,
  type ProgressFn,
} from './registry-import-analyse.ts';
import { type CommitOutcome, commitStaged, withStagingSink } from './registry-import-commit.ts';

export { type AnalysedRow, type Analysis, type AnalysisSummary, analyseRoster, type ProgressFn };

/**
 * Import of a roster (花名册) in two phases. Validate: the sheet is streamed and read as offices keep it
 * (roster-sheet rules), every row checked by the registry's own rules, duplicates found inside the file and
 * against the registry (by keyed hash; a person already registered in scope gets a merge preview), rows outside
 * the importer's scope refused — each verdict written to the staging table as it comes, for the report per row
 * and column. Commit: exactly the accepted rows, in one transaction (all or nothing), as a job with progress,
 * with one `import` audit record beside the per-person versions.
 */

/** The CLI's import: validated into the staging table as an upload is, then (unless a dry run) committed. */
export async function importRosterFile(
  ctx: AppContext,
  actor: Actor,
  bytes: Buffer,
  fileName: string,
  options: { dryRun?: boolean; validating?: ProgressFn; committing?: ProgressFn } = {},
): Promise<{ analysis: AnalysisSummary; outcome: CommitOutcome | null }> {
  requireCapability(actor, 'registry.write');
  if (options.dryRun) {
    const analysis = await analyseRosterInto(ctx, actor, bytes, fileName, async () => {}, options.validating);
    return { analysis, outcome: null };
  }
  const name = cleanName(fileName);
  const importId = await repo.insertImport(ctx.db, importRecord(actor, name, bytes, null), nowIso());
  try {
    const analysis = await withStagingSink(ctx, importId, (sink) =>
      analyseRosterInto(ctx, actor, bytes, name, sink, options.validating),
    );
    const { counts } = analysis;
    const outcome =
      counts.create + counts.merge === 0
        ? null
        : await ctx.db.transaction().execute(async (trx) => {
            const result = await commitStaged(trx, ctx, actor, importId, name, counts, options.committing);
            await repo.updateImport(trx, importId, { status: 'committed', committed_at: nowIso() }, nowIso());
            return result;
          });
    await finishImport(ctx, importId, outcome ? 'committed' : 'discarded', analysis);
    return { analysis, outcome };
  } catch (error) {
    await dropRows(ctx, importId, { status: 'failed', message: error instanceof AppError ? error.message : null });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The web flow: upload (validate job) → report → commit job

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
  const importId = await repo.insertImport(
    ctx.db,
    importRecord(actor, name, bytes, ctx.cipher.encrypt(bytes.toString('base64'))),
    nowIso(),
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

function importRecord(actor: Actor, name: string, bytes: Buffer, fileEnc: string | null) {
  return {
    file_name: name,
    file_kind: bytes.length === 0 ? 'empty' : sniffKind(bytes, name),
    file_size: bytes.length,
    file_sha256: createHash('sha256').update(bytes).digest('hex'),
    file_enc: fileEnc,
    created_by: actor.userId,
    created_by_name: actor.displayName,
  };
}

/** The report's facts on the import: sheet, header, columns and counts (the rows are staged already). */
const validatedPatch = (analysis: AnalysisSummary) => ({
  sheet_name: analysis.sheetName,
  header_row: analysis.headerRows[analysis.headerRows.length - 1] ?? null,
  columns_json: JSON.stringify(analysis.columns),
  counts_json: JSON.stringify(analysis.counts),
  message: null,
});

/** Ends a CLI import: its staged rows are not kept (there is no review step to show them in). */
async function finishImport(
  ctx: AppContext,
  importId: number,
  status: 'committed' | 'discarded',
  analysis: AnalysisSummary,
) {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteImportRows(trx, importId);
    await repo.updateImport(trx, importId, { ...validatedPatch(analysis), status }, nowIso());
  });
}

/** A validation that did not finish: its staged rows go, and with `file_enc: null` the file too. */
async function dropRows(
  ctx: AppContext,
  importId: number,
  patch: { status: 'failed'; message: string | null; file_enc?: null },
) {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteImportRows(trx, importId);
    await repo.updateImport(trx, importId, patch, nowIso());
  });
}

/**
 * The validate job: verdicts are staged batch by batch while the file streams (short writes: other users'
 * requests are not held up), and the import becomes `validated` only in the final transaction, which also
 * checks the job is still this node's. A validation that fails or is abandoned leaves no staged rows.
 */
async function validateJob(
  ctx: AppContext,
  actor: Actor,
  importId: number,
  fileName: string,
  bytes: Buffer,
  reporter: JobReporter,
) {
  try {
    await repo.deleteImportRows(ctx.db, importId);
    const analysis = await withStagingSink(ctx, importId, (sink) =>
      analyseRosterInto(ctx, actor, bytes, fileName, sink, (d, t, m) => reporter.progress(d, t, m)),
    );
    reporter.message('正在保存校验结果');
    await ctx.db.transaction().execute(async (trx) => {
      await assertJobClaim(trx);
      await repo.updateImport(trx, importId, { ...validatedPatch(analysis), status: 'validated' }, nowIso());
    });
    reporter.progress(analysis.counts.rows, analysis.counts.rows, '校验完成');
    return { importId, counts: analysis.counts };
  } catch (error) {
    const message = error instanceof AppError ? error.message : defaultMessages.INTERNAL;
    // Nothing to annotate in a file that could not be read: drop it.
    await dropRows(ctx, importId, { status: 'failed', message, file_enc: null });
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
          const result = await commitStaged(trx, ctx, actor, id, imp.file_name, counts, (d, t, m) =>
            reporter.progress(d, t, m),
          );
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
    const failed = await repo.transitionImport(trx, importId, from, patch, nowIso());
    if (failed && from === 'validating') await repo.deleteImportRows(trx, importId);
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
  // exceljs (the writer) is loaded only when an error sheet is asked for: an import's validation never needs it.
  const { annotateSheet } = await import('../../platform/excel-write.ts');
  const out = await annotateSheet({ bytes, kind, sheetName: grid.name, headerRow: imp.header_row, notes, grid });
  const base = imp.file_name.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-错误说明.xlsx`, bytes: out };
}
