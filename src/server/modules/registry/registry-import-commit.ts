import type { Transaction } from 'kysely';
import type { PersonInput } from '../../../shared/api/registry.api.ts';
import type { ImportCounts } from '../../../shared/api/registry-import.api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { BulkRowError, bulkCreator } from './person-bulk.service.ts';
import { type SaveResult, savePersonInTransaction } from './registry.service.ts';
import * as repo from './registry-import.repo.ts';
import { type AnalysedRow, type ProgressFn, sourceOf, yieldToEventLoop } from './registry-import-analyse.ts';

/**
 * The staging table between the two phases of an import, and the commit: the validate phase writes every
 * row's verdict there as it goes (the accepted input encrypted: it holds the ID number and phones); the commit
 * reads exactly the accepted rows back, in row order and in batches, and saves them in one transaction (all or
 * nothing) with one `import` audit record beside the per-person versions.
 */

/** A sink for `analyseRosterInto`: each batch of verdicts is one multi-row insert into the staging table. */
export function stagingSink(ctx: AppContext, importId: number) {
  return (rows: readonly AnalysedRow[]) =>
    repo.insertImportRows(
      ctx.db,
      importId,
      rows.map((r) => ({
        row_number: r.row,
        status: r.status,
        action: r.action,
        label: r.label,
        person_id: r.personId,
        person_version: r.personVersion,
        input_enc: r.input ? ctx.cipher.encrypt(JSON.stringify(r.input)) : null,
        issues_json: JSON.stringify(r.issues),
        changes_json: r.changes ? JSON.stringify(r.changes) : null,
      })),
    );
}

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
    await yieldToEventLoop();
  }
  return { created, updated };
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

/** Commits the accepted rows of a validated import inside `trx`, with its audit record. */
export async function commitStaged(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  importId: number,
  fileName: string,
  counts: ImportCounts,
  progress?: ProgressFn,
): Promise<CommitOutcome> {
  const batches = (async function* () {
    for await (const batch of repo.rowsToCommit(trx, importId)) {
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
  const outcome = await commitRows(trx, ctx, actor, batches, fileName, counts.create + counts.merge, progress);
  await auditImport(trx, actor, importId, fileName, counts, outcome);
  return outcome;
}
