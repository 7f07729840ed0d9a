import type { FieldChange, PersonInput, QualificationInput } from '../../../shared/api/registry.api.ts';
import type { RowIssue } from '../../../shared/domain/roster-sheet/grid.ts';
import {
  type PersonDraft,
  type PersonField,
  personFieldLabels,
} from '../../../shared/domain/roster-sheet/person-columns.ts';
import {
  findHukouRegion,
  hukouDetail,
  pickResidenceRegion,
  type RegionRef,
} from '../../../shared/domain/roster-sheet/regions.ts';
import { rowKindLabels } from '../../../shared/domain/roster-sheet/row-kind.ts';
import { AppError, type ErrorDetail } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, regionScope } from '../../platform/access.ts';
import { findPersonIdsByIdNumbers, newPersonStager } from './person-bulk.service.ts';
import { getPersonInput, type SaveResult, savePersonInTransaction } from './registry.service.ts';
import * as repo from './registry-import.repo.ts';
import type { ImportRowAction, ImportRowStatus } from './registry-import.schema.ts';
import type { PersonSheetHead, SheetEvent } from './registry-import-sheet.ts';
import type { StagedPerson } from './registry-import-staged.repo.ts';

/**
 * The registry's verdict on the rows of a roster: where each person belongs, the importer's scope, duplicates
 * inside the file and against the registry, and the registry's own checks of a new person or a merge.
 */

export interface AnalysedRow {
  row: number;
  status: ImportRowStatus;
  action: ImportRowAction | null;
  label: string | null;
  personId: number | null;
  personVersion: number | null;
  input: PersonInput | null;
  /** A new person (action `create`) as the commit will store it. */
  staged: StagedPerson | null;
  issues: RowIssue[];
  changes: FieldChange[] | null;
}

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

/** Region matches by the sheet's text: a roster names the same few streets and communities on every row. */
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      if (cache.size > 10_000) cache.clear(); // free-text addresses: keep it bounded
      value = compute(key);
      cache.set(key, value);
    }
    return value as T;
  };
}

/**
 * The registry's verdict on a batch of rows: duplicates inside the file (by ID number, against every earlier
 * row), where each person belongs, the scope, and the registry's own checks; one lookup of the batch's numbers
 * finds those already registered (a merge preview) or registered elsewhere (refused).
 */
export async function draftChecker(ctx: AppContext, actor: Actor, head: PersonSheetHead) {
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
  const pickResidence = memo((key) => {
    const [street, community] = key.split('\u0000') as [string, string];
    return pickResidenceRegion(street || null, community || null, regions);
  });
  const hukouOf = memo((text) => {
    const found = findHukouRegion(text, regions);
    return { id: found?.id ?? null, address: found ? hukouDetail(text, found, regions) : text };
  });
  const stage = await newPersonStager(ctx.db, ctx, actor);
  const column = (f: PersonField) => {
    const col = head.columns[f];
    return {
      column: col === undefined ? personFieldLabels[f] : head.labels[col] || personFieldLabels[f],
      columnIndex: col ?? null,
    };
  };

  /**
   * The registry's people among a batch's ID numbers (those not already seen in an earlier batch): asked before
   * the batch is checked, so that the caller can read the next rows while the database answers.
   */
  const lookup = (events: readonly SheetEvent[], firstRowOf: ReadonlyMap<string, number>): Promise<Registered> =>
    findPersonIdsByIdNumbers(
      ctx.db,
      ctx,
      actor,
      events.flatMap((e) => (e.type === 'draft' && !firstRowOf.has(e.draft.idNumber) ? [e.draft.idNumber] : [])),
    );

  /** The verdicts on a batch, given its lookup (which may name more numbers than the batch needs). */
  const verdicts = async (
    events: readonly SheetEvent[],
    firstRowOf: Map<string, number>,
    registered: Registered,
  ): Promise<AnalysedRow[]> => {
    const out: AnalysedRow[] = [];
    for (const ev of events) {
      if (ev.type === 'skipped') {
        out.push(emptyRow(ev.row, 'skipped', rowKindLabels[ev.kind]));
        continue;
      }
      if (ev.type === 'refused') {
        out.push(emptyRow(ev.row, 'refused', ev.name, ev.issues));
        continue;
      }
      const d = ev.draft;
      const issues = [...ev.issues];
      const refuse = (f: PersonField, code: string, message: string) => {
        issues.push({ row: d.row, ...column(f), code, message, severity: 'error' });
      };
      const result = emptyRow(d.row, 'refused', d.name, issues);
      out.push(result);
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
      const pick = pickResidence(`${d.streetText ?? ''}\u0000${d.communityText ?? ''}`);
      if (pick && !pick.ok) refuse(pick.field, pick.code, pick.message);
      else if (pick) residence = pick.region.id;
      let hukou: number | null | undefined;
      let hukouAddress: string | null | undefined;
      if (d.hukouText) {
        const found = hukouOf(d.hukouText);
        hukou = found.id;
        hukouAddress = found.address;
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
            head.columns.community !== undefined ? 'community' : 'street',
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
          const f = fieldOfPath(e.path, head.columns);
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
      const pending = stage(input);
      const staged = pending instanceof Promise ? await pending : pending;
      if (!staged.ok) {
        mapDetails(staged.errors, '该行未通过校验');
        continue;
      }
      result.status = 'accepted';
      result.action = 'create';
      result.input = input;
      result.staged = staged.staged;
    }
    return out;
  };
  return { lookup, verdicts };
}

type Registered = Map<string, { id: number; inScope: boolean }>;

export function emptyRow(
  row: number,
  status: ImportRowStatus,
  label: string | null = null,
  issues: RowIssue[] = [],
): AnalysedRow {
  return {
    row,
    status,
    action: null,
    label,
    personId: null,
    personVersion: null,
    input: null,
    staged: null,
    issues,
    changes: null,
  };
}
