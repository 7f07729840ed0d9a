import type { z } from 'zod';
import type { PersonInput } from '../../../shared/api/registry.api.ts';
import type {
  ComparisonItem,
  comparisonDetail,
  confirmMatchRequest,
  MatchItem,
} from '../../../shared/api/registry-import.api.ts';
import { maskIdNumber } from '../../../shared/domain/id-number.ts';
import {
  type ComparisonDraft,
  type ReportedStatus,
  readComparisonSheet,
  reportedStatusLabels,
} from '../../../shared/domain/roster-sheet/comparison-sheet.ts';
import { columnLetter, type RowIssue } from '../../../shared/domain/roster-sheet/grid.ts';
import { AppError, defaultMessages } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { readSpreadsheet } from '../../platform/excel.ts';
import { type JobReporter, startJob } from '../../platform/jobs.ts';
import { idNumberHash } from './person-row.ts';
import { getPersonInput, markDeceasedInTransaction, savePersonInTransaction } from './registry.service.ts';
import * as repo from './registry-comparison.repo.ts';
import { allRegions } from './registry-import.repo.ts';
import './registry-import.schema.ts';

/**
 * 比对: another department's list (公安 deaths and moves, 民政, 医保 …) is matched against the registry by the
 * keyed hash of the ID number. Rows naming a person registered in the uploader's scope become matches awaiting
 * review; confirming one updates the person through the registry's write path, with the source noted in the
 * person's history and in the audit log. ID numbers of people who are not registered are never stored.
 */

interface ComparisonCounts {
  rows: number;
  matched: number;
  unmatched: number;
  refused: number;
  skipped: number;
}
const emptyCounts: ComparisonCounts = { rows: 0, matched: 0, unmatched: 0, refused: 0, skipped: 0 };

const cleanName = (name: string) =>
  name
    .split(/[\\/]/)
    .pop()!
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(0, 120) || '比对名单.xlsx';

/** Matches one list in the actor's scope; stores the matches. Shared by the web job and the tests. */
export async function runComparison(
  ctx: AppContext,
  actor: Actor,
  comparisonId: number,
  bytes: Uint8Array,
  fileName: string,
  progress: (done: number, total: number, message?: string) => void = () => {},
): Promise<ComparisonCounts> {
  requireCapability(actor, 'registry.write');
  const { sheets } = await readSpreadsheet(bytes, fileName);
  let failure: string | null = null;
  let sheet: Extract<ReturnType<typeof readComparisonSheet>, { ok: true }>['value'] | null = null;
  for (const grid of sheets) {
    const read = readComparisonSheet(grid, new Date(nowIso()));
    if (read.ok) {
      sheet = read.value;
      break;
    }
    failure ??= read.message;
  }
  if (!sheet) throw new AppError('VALIDATION_FAILED', failure ?? '表格是空的，请检查后重新上传。');

  // One match per person: the same number twice in a list is one event.
  const byHash = new Map<string, ComparisonDraft>();
  for (const d of sheet.drafts) {
    const h = idNumberHash(ctx.cipher, d.idNumber);
    if (!byHash.has(h)) byHash.set(h, d);
  }
  progress(0, byHash.size, '正在比对');
  const found = await repo.personIdsByHash(ctx.db, actor, [...byHash.keys()]);
  const now = nowIso();
  const matches: repo.MatchWrite[] = [];
  for (const [hash, d] of byHash) {
    const personId = found.get(hash);
    if (personId === undefined) continue;
    matches.push({
      comparison_id: comparisonId,
      person_id: personId,
      row_number: d.row,
      reported_status: d.status,
      reported_text: d.statusText,
      event_date: d.date,
      note: d.note,
    });
  }
  const refusedRows = new Set(sheet.issues.filter((i) => i.severity === 'error').map((i) => i.row));
  const counts: ComparisonCounts = {
    rows: sheet.rows,
    matched: matches.length,
    unmatched: byHash.size - matches.length,
    refused: refusedRows.size,
    skipped: sheet.skipped.length,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertMatches(trx, matches, now);
    await repo.updateComparison(
      trx,
      comparisonId,
      { status: 'done', counts_json: JSON.stringify(counts), issues_json: JSON.stringify(sheet.issues.slice(0, 2000)) },
      now,
    );
    await appendAudit(trx, actor, {
      action: 'import',
      entityType: 'comparison',
      entityId: comparisonId,
      summary: `导入比对名单：${counts.rows} 行，匹配到登记人员 ${counts.matched} 人，待核实`,
      after: { file: fileName, ...counts },
    });
  });
  progress(byHash.size, byHash.size, `比对完成：匹配 ${counts.matched} 人`);
  return counts;
}

/** Takes another department's list and starts matching it as a job. */
export async function startComparison(
  ctx: AppContext,
  actor: Actor,
  input: { source: string; fileName: string },
  bytes: Buffer,
): Promise<{ comparisonId: number; jobId: number }> {
  requireCapability(actor, 'registry.write');
  const name = cleanName(input.fileName);
  if (bytes.length === 0) await readSpreadsheet(bytes, name);
  const now = nowIso();
  const comparisonId = await repo.insertComparison(
    ctx.db,
    { source: input.source, file_name: name, created_by: actor.userId, created_by_name: actor.displayName },
    now,
  );
  const jobId = await startJob(
    ctx.db,
    actor,
    { kind: 'registry.comparison', params: { comparisonId }, message: '正在读取名单' },
    async (reporter: JobReporter) => {
      try {
        const counts = await runComparison(ctx, actor, comparisonId, bytes, name, (d, t, m) =>
          reporter.progress(d, t, m),
        );
        return { comparisonId, counts };
      } catch (error) {
        const message = error instanceof AppError ? error.message : defaultMessages.INTERNAL;
        await repo.updateComparison(ctx.db, comparisonId, { status: 'failed', message }, nowIso());
        throw error;
      }
    },
  );
  await repo.updateComparison(ctx.db, comparisonId, { job_id: jobId }, nowIso());
  return { comparisonId, jobId };
}

async function comparisonItems(ctx: AppContext, actor: Actor, rows: repo.ComparisonRow[]): Promise<ComparisonItem[]> {
  const counts = await repo.reviewCounts(
    ctx.db,
    actor,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const review = { pending: 0, confirmed: 0, dismissed: 0 };
    for (const c of counts) if (c.comparison_id === r.id) review[c.review] = Number(c.n);
    return {
      id: r.id,
      source: r.source,
      fileName: r.file_name,
      status: r.status,
      message: r.message,
      counts: { ...emptyCounts, ...JSON.parse(r.counts_json) },
      review,
      createdByName: r.created_by_name,
      createdAt: r.created_at,
      jobId: r.job_id,
    };
  });
}

export async function listComparisons(ctx: AppContext, actor: Actor): Promise<ComparisonItem[]> {
  requireCapability(actor, 'registry.read');
  return comparisonItems(ctx, actor, await repo.listComparisons(ctx.db, actor));
}

export async function getComparison(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<z.infer<typeof comparisonDetail>> {
  requireCapability(actor, 'registry.read');
  const row = await repo.findComparison(ctx.db, actor, id);
  if (!row) throw notFound();
  const [item] = await comparisonItems(ctx, actor, [row]);
  // Row issues name rows of the uploaded file, not people: shown to the uploader only.
  const issues = row.created_by === actor.userId ? (JSON.parse(row.issues_json) as RowIssue[]) : [];
  return {
    ...item!,
    issues: issues.map((i) => ({
      row: i.row,
      column: i.column,
      columnLetter: i.columnIndex === null ? null : columnLetter(i.columnIndex),
      code: i.code,
      message: i.message,
      severity: i.severity,
    })),
  };
}

function toMatchItem(
  ctx: AppContext,
  r: repo.MatchRow,
  regionNames: Map<number, { name: string; street: string | null }>,
): MatchItem {
  const region = regionNames.get(r.residence_region_id ?? r.hukou_region_id ?? -1);
  return {
    id: r.id,
    comparisonId: r.comparison_id,
    source: r.source,
    fileName: r.file_name,
    row: r.row_number,
    person: {
      id: r.person_id,
      name: r.name,
      idNumber: r.id_masked ?? maskIdNumber(ctx.cipher.decrypt(r.id_number_enc)),
      alive: r.alive === 1,
      streetName: region?.street ?? null,
      regionName: region?.name ?? null,
    },
    reportedStatus: r.reported_status as ReportedStatus,
    reportedText: r.reported_text,
    eventDate: r.event_date,
    note: r.note,
    review: r.review,
    reviewNote: r.review_note,
    reviewedByName: r.reviewed_by_name,
    reviewedAt: r.reviewed_at,
    createdAt: r.created_at,
  };
}

async function regionNames(ctx: AppContext) {
  const regions = await allRegions(ctx.db);
  const byId = new Map(regions.map((r) => [r.id, r]));
  const out = new Map<number, { name: string; street: string | null }>();
  for (const r of regions) {
    const chain = r.path
      .split('/')
      .filter(Boolean)
      .map((x) => byId.get(Number(x)));
    const street = chain.find((c) => c?.level === 'street' || c?.level === 'town')?.name ?? null;
    out.set(r.id, { name: r.name, street });
  }
  return out;
}

export async function listMatches(
  ctx: AppContext,
  actor: Actor,
  query: {
    comparisonId?: number | undefined;
    personId?: number | undefined;
    review: string;
    page: number;
    pageSize: number;
  },
) {
  requireCapability(actor, 'registry.read');
  const { rows, total } = await repo.listMatches(
    ctx.db,
    actor,
    {
      comparisonId: query.comparisonId,
      personId: query.personId,
      review: query.review as repo.MatchFilter['review'],
    },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  const names = await regionNames(ctx);
  return { items: rows.map((r) => toMatchItem(ctx, r, names)), total, page: query.page, pageSize: query.pageSize };
}

const noteLine = (source: string, status: ReportedStatus, text: string, date: string | null, note: string | null) =>
  `【比对】${source}名单：${status === 'other' ? text : reportedStatusLabels[status]}${date ? `（${date}）` : ''}${note ? `，${note}` : ''}`;

/**
 * Confirms a match: the person is updated as the list says — 死亡 marks them deceased on the date, 户籍迁出
 * clears the 户籍 region (the address notes where it went), 服刑 and anything else is noted — through the
 * registry's write path with the source noted; the review is recorded and audited in the same transaction.
 */
export async function confirmMatch(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof confirmMatchRequest>,
): Promise<MatchItem> {
  requireCapability(actor, 'registry.write');
  await ctx.db.transaction().execute(async (trx) => {
    const m = await repo.findMatch(trx, actor, id);
    if (!m) throw notFound();
    if (m.review !== 'pending') throw new AppError('INVALID_STATE', '这条比对结果已经处理过了，请刷新页面。');
    const status = m.reported_status as ReportedStatus;
    const source = `比对：${m.source}（${m.file_name}）`.slice(0, 200);
    const date = input.eventDate ?? (m.event_date && /^\d{4}-\d{2}-\d{2}$/.test(m.event_date) ? m.event_date : null);
    const line = noteLine(m.source, status, m.reported_text, date ?? m.event_date, input.note ?? m.note);
    if (status === 'deceased') {
      if (!date) {
        throw new AppError('VALIDATION_FAILED', '名单中没有具体的死亡日期，请填写死亡日期（如 2026-01-15）后再确认。', [
          { path: 'eventDate', message: '请填写死亡日期' },
        ]);
      }
      if (m.alive === 1) await markDeceasedInTransaction(trx, ctx, actor, m.person_id, date, { source });
    } else {
      const base: PersonInput = await getPersonInput(trx, ctx, actor, m.person_id);
      const notes = base.notes ? `${base.notes}\n${line}` : line;
      const next: PersonInput = { ...base, notes: notes.slice(-1000) };
      if (status === 'moved_out') {
        if (base.residenceRegionId === null || base.residenceRegionId === undefined) {
          throw new AppError(
            'INVALID_STATE',
            '此人只登记了户籍地，户籍迁出后将不在任何辖区内。请先在人员页面核实并登记其现居住地，或联系区双拥办处理，再确认本条结果。',
          );
        }
        next.hukouRegionId = null;
        next.hukouAddress = `户籍已迁出（${m.source}比对${date ? `，${date}` : ''}）`;
      }
      await savePersonInTransaction(trx, ctx, actor, next, { personId: m.person_id, source });
    }
    if (
      !(await repo.reviewMatch(
        trx,
        id,
        {
          review: 'confirmed',
          review_note: input.note,
          reviewed_by: actor.userId,
          reviewed_by_name: actor.displayName,
        },
        nowIso(),
      ))
    ) {
      throw new AppError('INVALID_STATE', '这条比对结果已经处理过了，请刷新页面。');
    }
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'comparison_match',
      entityId: id,
      summary: `确认比对结果：${m.source}名单报告“${m.reported_text}”`,
      after: { review: 'confirmed', personId: m.person_id, status, date, note: input.note },
    });
  });
  return matchById(ctx, actor, id);
}

/** Dismisses a match (the person was checked and the list is wrong about them), with the reason. */
export async function dismissMatch(ctx: AppContext, actor: Actor, id: number, note: string): Promise<MatchItem> {
  requireCapability(actor, 'registry.write');
  await ctx.db.transaction().execute(async (trx) => {
    const m = await repo.findMatch(trx, actor, id);
    if (!m) throw notFound();
    const ok = await repo.reviewMatch(
      trx,
      id,
      { review: 'dismissed', review_note: note, reviewed_by: actor.userId, reviewed_by_name: actor.displayName },
      nowIso(),
    );
    if (!ok) throw new AppError('INVALID_STATE', '这条比对结果已经处理过了，请刷新页面。');
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'comparison_match',
      entityId: id,
      summary: `排除比对结果：${m.source}名单报告“${m.reported_text}”`,
      after: { review: 'dismissed', personId: m.person_id, note },
    });
  });
  return matchById(ctx, actor, id);
}

async function matchById(ctx: AppContext, actor: Actor, id: number): Promise<MatchItem> {
  const row = await repo.findMatch(ctx.db, actor, id);
  if (!row) throw notFound();
  return toMatchItem(ctx, row, await regionNames(ctx));
}
