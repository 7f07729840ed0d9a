import type { FieldChange, PersonInput, QualificationInput } from '../../../shared/api/registry.api.ts';
import type { ImportCounts, ImportReport, importColumn } from '../../../shared/api/registry-import.api.ts';
import {
  columnLetter,
  findHukouRegion,
  hukouDetail,
  type PersonDraft,
  type PersonField,
  type PersonSheetResult,
  personFieldLabels,
  personFields,
  pickResidenceRegion,
  type RegionRef,
  type RowIssue,
  readPersonSheet,
  rowKindLabels,
  type SheetGrid,
} from '../../../shared/domain/roster-sheet.ts';
import { AppError, type ErrorDetail } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, regionScope, requireCapability } from '../../platform/access.ts';
import { nowIso } from '../../platform/clock.ts';
import { readSpreadsheet, type SpreadsheetKind } from '../../platform/excel.ts';
import { findPersonIdsByIdNumbers, personInputChecker } from './person-bulk.service.ts';
import { getPersonInput, type SaveResult, savePersonInTransaction } from './registry.service.ts';
import * as repo from './registry-import.repo.ts';
import type { ImportRowAction, ImportRowStatus } from './registry-import.schema.ts';
import './registry-import.schema.ts';
import type { z } from 'zod';

/**
 * Validate phase of a roster import: the sheet read as offices keep it, every row checked by the registry's rules,
 * duplicates found in the file and against the registry, a report per row and column. Nothing is written.
 */

export type ProgressFn = (done: number, total: number, message?: string) => void;

export interface AnalysedRow {
  row: number;
  status: ImportRowStatus;
  action: ImportRowAction | null;
  label: string | null;
  personId: number | null;
  personVersion: number | null;
  input: PersonInput | null;
  issues: RowIssue[];
  changes: FieldChange[] | null;
}

export interface Analysis {
  kind: SpreadsheetKind;
  grid: SheetGrid;
  sheet: PersonSheetResult;
  rows: AnalysedRow[];
  counts: ImportCounts;
  report: ImportReport;
  columns: z.infer<typeof importColumn>[];
}

export const sourceOf = (fileName: string) => `导入：${fileName}`.slice(0, 200);
const localLevels = new Set(['street', 'town', 'community', 'village']);

function fieldOfPath(path: string | undefined, columns: Partial<Record<PersonField, number>>): PersonField {
  const p = path ?? '';
  const q = /^qualifications(?:\.\d+\.(\w+))?/.exec(p);
  if (q) {
    const detail: Record<string, PersonField> = {
      disabilityGrade: 'disabilityGrade',
      disabilityNature: 'disabilityNature',
      relation: 'relation',
      servicemanName: 'servicemanName',
      certificateNo: 'certificateNo',
      startDate: 'enlistmentDate',
    };
    return (q[1] && detail[q[1]]) || 'category';
  }
  const direct: Record<string, PersonField> = {
    name: 'name',
    idNumber: 'idNumber',
    sex: 'sex',
    birthDate: 'birthDate',
    phone: 'phone',
    phone2: 'phone',
    hukouRegionId: 'hukou',
    hukouAddress: 'hukou',
    address: 'address',
    livingSituations: 'livingSituation',
    notes: 'notes',
  };
  if (direct[p]) return direct[p]!;
  if (p === 'residenceRegionId') return columns.community !== undefined ? 'community' : 'street';
  return 'idNumber';
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function qualificationInputs(d: PersonDraft): QualificationInput[] {
  return d.qualifications.map((q) => ({
    category: q.categoryCode,
    disabilityGrade: q.disabilityGrade,
    disabilityNature: q.disabilityNature,
    relation: q.relation,
    servicemanName: q.servicemanName,
    certificateNo: q.certificateNo,
    startDate: q.startDate,
    flags: q.flags,
  }));
}

/** The registered person's input with the sheet's values laid over it: what a merge saves. */
function mergeInput(
  base: PersonInput,
  d: PersonDraft,
  regions: {
    hukou?: number | null | undefined;
    hukouAddress?: string | null | undefined;
    residence?: number | null | undefined;
  },
) {
  const quals: QualificationInput[] = (base.qualifications ?? []).map((q) => ({ ...q }));
  for (const q of qualificationInputs(d)) {
    const same = quals.find((x) => x.category === q.category);
    if (!same) {
      quals.push(q);
      continue;
    }
    if (q.disabilityGrade !== null) same.disabilityGrade = q.disabilityGrade;
    if (q.disabilityNature) same.disabilityNature = q.disabilityNature;
    if (q.relation) same.relation = q.relation;
    if (q.servicemanName) same.servicemanName = q.servicemanName;
    if (q.certificateNo) same.certificateNo = q.certificateNo;
    if (q.startDate) same.startDate = q.startDate;
    same.flags = [...new Set([...(same.flags ?? []), ...(q.flags ?? [])])];
  }
  let notes = base.notes ?? null;
  if (d.notes && !(notes ?? '').includes(d.notes)) notes = notes ? `${notes}；${d.notes}` : d.notes;
  const merged: PersonInput = {
    ...base,
    name: d.name,
    phone: d.phone ?? base.phone ?? null,
    phone2: d.phone2 ?? base.phone2 ?? null,
    address: d.address ?? base.address ?? null,
    notes,
    qualifications: quals,
  };
  if (regions.residence !== undefined) merged.residenceRegionId = regions.residence;
  if (regions.hukou !== undefined) {
    merged.hukouRegionId = regions.hukou;
    merged.hukouAddress =
      regions.hukouAddress ?? (regions.hukou === (base.hukouRegionId ?? null) ? (base.hukouAddress ?? null) : null);
  }
  if (d.livingSituations.length > 0) merged.livingSituations = d.livingSituations;
  return merged;
}

/**
 * Validate phase, without writing: reads the file, checks every row and returns the report. Shared by the
 * web upload (which stores the result) and the CLI (which prints it).
 */
export async function analyseRoster(
  ctx: AppContext,
  actor: Actor,
  bytes: Uint8Array,
  fileName: string,
  progress: ProgressFn = () => {},
): Promise<Analysis> {
  requireCapability(actor, 'registry.write');
  const now = new Date(nowIso());
  progress(0, 0, '正在读取文件');
  const { kind, sheets } = await readSpreadsheet(bytes, fileName);
  let chosen: { grid: SheetGrid; sheet: PersonSheetResult } | null = null;
  let firstFailure: { message: string; found: string[] } | null = null;
  for (const grid of sheets) {
    if (grid.rows.length === 0) continue;
    const read = readPersonSheet(grid, now, (d, t) => progress(d, t, '正在读取表格'));
    if (read.ok) {
      chosen = { grid, sheet: read.value };
      break;
    }
    firstFailure ??= read;
  }
  if (!chosen) {
    const found = firstFailure?.found.length ? `（表格中能识别的列：${firstFailure.found.join('、')}）` : '';
    throw new AppError('VALIDATION_FAILED', `${firstFailure?.message ?? '表格是空的，请检查后重新上传。'}${found}`);
  }
  const { grid, sheet } = chosen;
  const regions: RegionRef[] = (await repo.allRegions(ctx.db)).map((r) => ({
    id: r.id,
    name: r.name,
    level: r.level,
    parentId: r.parent_id,
    path: r.path,
  }));
  const regionById = new Map(regions.map((r) => [r.id, r]));
  const scope = regionScope(actor);
  const inScope = (id: number | null | undefined) =>
    id !== null && id !== undefined && (scope === 'all' || scope.includes(id));
  const own = actor.regionId === null ? undefined : regionById.get(actor.regionId);

  const column = (f: PersonField) => {
    const col = sheet.columns[f];
    return {
      column: col === undefined ? personFieldLabels[f] : sheet.labels[col] || personFieldLabels[f],
      columnIndex: col ?? null,
    };
  };
  const issuesByRow = new Map<number, RowIssue[]>();
  for (const i of sheet.issues) issuesByRow.set(i.row, [...(issuesByRow.get(i.row) ?? []), i]);

  const rows: AnalysedRow[] = [];
  for (const s of sheet.skipped) {
    rows.push({ ...emptyRow(s.row, 'skipped'), label: rowKindLabels[s.kind] });
  }
  for (const r of sheet.refused) {
    rows.push({ ...emptyRow(r.row, 'refused'), label: r.name, issues: issuesByRow.get(r.row) ?? [] });
  }

  // Registry lookups read once for the whole sheet: dedup by keyed hash, and the facts every row is checked with.
  const registered = await findPersonIdsByIdNumbers(
    ctx.db,
    ctx,
    actor,
    sheet.drafts.map((d) => d.idNumber),
  );
  const checkInput = await personInputChecker(ctx.db, actor);
  const firstRowOf = new Map<string, number>();
  const total = sheet.drafts.length;
  let done = 0;
  for (const d of sheet.drafts) {
    done++;
    if (done % 20 === 0 || done === total) progress(done, total, `正在校验第 ${d.row} 行`);
    const issues = [...(issuesByRow.get(d.row) ?? [])];
    const refuse = (f: PersonField, code: string, message: string) => {
      issues.push({ row: d.row, ...column(f), code, message, severity: 'error' });
    };
    const result: AnalysedRow = { ...emptyRow(d.row, 'refused'), label: d.name, issues };
    rows.push(result);

    const first = firstRowOf.get(d.idNumber);
    if (first !== undefined) {
      refuse(
        'idNumber',
        'duplicate-in-file',
        `与第 ${first} 行的身份证号相同，同一人只能占一行；如此人有多个优抚类别，请合并到一行，在“优抚类别”中用顿号分隔（如“残疾军人、参战”）`,
      );
      continue;
    }
    firstRowOf.set(d.idNumber, d.row);

    // Where the person belongs: the 街道/社区 columns, else the importer's own street or community.
    let residence: number | null | undefined;
    const pick = pickResidenceRegion(d.streetText, d.communityText, regions);
    if (pick && !pick.ok) refuse(pick.field, pick.code, pick.message);
    else if (pick) residence = pick.region.id;
    let hukou: number | null | undefined;
    let hukouAddress: string | null | undefined;
    if (d.hukouText) {
      const found = findHukouRegion(d.hukouText, regions);
      hukou = found?.id ?? null;
      hukouAddress = found ? hukouDetail(d.hukouText, found, regions) : d.hukouText;
    }
    if (issues.some((i) => i.severity === 'error')) continue;

    const existing = registered.get(d.idNumber);
    if (existing && !existing.inScope) {
      refuse(
        'idNumber',
        'exists-outside-scope',
        '该身份证号已在您管辖范围以外的辖区登记，不能重复登记；如此人已迁入本辖区，请联系区双拥办调整其户籍地或居住地',
      );
      continue;
    }
    if (!existing && residence === undefined) {
      if (own && localLevels.has(own.level)) residence = own.id;
      else {
        refuse(
          sheet.columns.community !== undefined ? 'community' : 'street',
          'region-missing',
          '请填写“街道”和“社区”，说明此人属于哪个街道（镇）、社区（村）',
        );
        continue;
      }
    }
    const placed = [residence, hukou].filter((x) => x !== undefined && x !== null) as number[];
    if (placed.length > 0 && !placed.some(inScope)) {
      const where = regionById.get(placed[0]!)?.name ?? '';
      refuse(
        residence !== undefined && d.communityText ? 'community' : residence !== undefined ? 'street' : 'hukou',
        'out-of-scope',
        `“${where}”不在您的管辖范围内，不能导入；请删除该行，或交由该辖区的工作人员导入`,
      );
      continue;
    }

    const mapDetails = (details: ErrorDetail[], fallback: string) => {
      if (details.length === 0) refuse('idNumber', 'rejected', fallback);
      for (const e of details) {
        const f = fieldOfPath(e.path, sheet.columns);
        const missing = f === 'disabilityGrade' && /请填写/.test(e.message);
        refuse(f, missing ? 'disability-grade-missing' : `${kebab(f)}-invalid`, e.message);
      }
    };

    if (existing) {
      try {
        const base = await getPersonInput(ctx.db, ctx, actor, existing.id);
        const input = mergeInput(base, d, { residence, hukou, hukouAddress });
        const preview: SaveResult = await ctx.db
          .transaction()
          .execute((trx) => savePersonInTransaction(trx, ctx, actor, input, { personId: existing.id, dryRun: true }));
        Object.assign(result, {
          status: 'accepted',
          action: preview.changed ? 'merge' : 'unchanged',
          personId: existing.id,
          personVersion: preview.version,
          input: { ...input, version: preview.version },
          changes: preview.changes,
        } satisfies Partial<AnalysedRow>);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        mapDetails(error.details, error.message);
      }
      continue;
    }

    const input: PersonInput = {
      name: d.name,
      idNumber: d.idNumber,
      phone: d.phone,
      phone2: d.phone2,
      hukouRegionId: hukou === undefined ? (residence ?? null) : hukou,
      hukouAddress: hukouAddress ?? null,
      residenceRegionId: residence ?? null,
      address: d.address,
      livingSituations: d.livingSituations,
      notes: d.notes,
      qualifications: qualificationInputs(d),
    };
    const problems = await checkInput(input);
    if (problems.length > 0) {
      mapDetails(problems, '该行未通过校验');
      continue;
    }
    Object.assign(result, { status: 'accepted', action: 'create', input } satisfies Partial<AnalysedRow>);
  }
  rows.sort((a, b) => a.row - b.row);

  const accepted = rows.filter((r) => r.status === 'accepted');
  const counts: ImportCounts = {
    rows: sheet.rows,
    accepted: accepted.length,
    refused: rows.filter((r) => r.status === 'refused').length,
    skipped: rows.filter((r) => r.status === 'skipped').length,
    create: accepted.filter((r) => r.action === 'create').length,
    merge: accepted.filter((r) => r.action === 'merge').length,
    unchanged: accepted.filter((r) => r.action === 'unchanged').length,
    warnings: accepted.filter((r) => r.issues.length > 0).length,
  };
  const report: ImportReport = {
    rows: sheet.rows,
    accepted: accepted.length,
    refused: rows
      .filter((r) => r.status === 'refused')
      .flatMap((r) =>
        r.issues
          .filter((i) => i.severity === 'error')
          .map((i) => ({ row: r.row, column: i.column, code: i.code, message: i.message })),
      ),
    skipped: rows.filter((r) => r.status === 'skipped').map((r) => r.row),
  };
  const columnFields = new Map<number, PersonField>();
  for (const f of personFields) {
    const col = sheet.columns[f];
    if (col !== undefined) columnFields.set(col, f);
  }
  const columns = sheet.labels
    .map((header, index) => {
      const field = columnFields.get(index) ?? null;
      return { index, letter: columnLetter(index), header, field, fieldLabel: field ? personFieldLabels[field] : null };
    })
    .filter((c) => c.header !== '' || c.field !== null);
  progress(total, total, '校验完成');
  return { kind, grid, sheet, rows, counts, report, columns };
}

export function emptyRow(row: number, status: ImportRowStatus): AnalysedRow {
  return {
    row,
    status,
    action: null,
    label: null,
    personId: null,
    personVersion: null,
    input: null,
    issues: [],
    changes: null,
  };
}
