import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { FieldChange, VersionAction } from '../../../shared/api/registry.api.ts';
import { AppError, type ErrorDetail } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { deploymentRegionCode } from '../settings/settings.repo.ts';
import type * as personRepo from './person.repo.ts';
import { nameColumns, phone2Columns, sensitiveColumns } from './person-row.ts';
import type { CategoryEntry, DisplayLookups, PersonState, QualificationState } from './person-state.ts';
import type * as qualificationsRepo from './qualifications.repo.ts';
import * as repo from './registry.repo.ts';

/** What the registry's services share: lookups read once per request, row mapping, common errors. */

export async function categoryEntries(db: Kysely<DB>): Promise<CategoryEntry[]> {
  return (await repo.listCategories(db)).map((c) => ({
    code: c.code,
    name: c.name,
    aliases: parseJsonArray(c.aliases_json),
    active: c.active === 1,
  }));
}

export function parseJsonArray(text: string | null): string[] {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** The region tree read once per request: labels, streets and 本区户籍. */
export class RegionIndex {
  private readonly byId: Map<number, repo.RegionRow>;
  constructor(
    rows: readonly repo.RegionRow[],
    private readonly deploymentPath: string | null,
  ) {
    this.byId = new Map(rows.map((r) => [r.id, r]));
  }

  static async load(db: Kysely<DB>): Promise<RegionIndex> {
    const [rows, code] = await Promise.all([repo.listRegionsForLabels(db), deploymentRegionCode(db)]);
    const own = code ? rows.find((r) => r.code === code) : undefined;
    return new RegionIndex(rows, own?.path ?? null);
  }

  private chain(id: number): repo.RegionRow[] {
    const r = this.byId.get(id);
    if (!r) return [];
    return r.path
      .split('/')
      .filter(Boolean)
      .map((x) => this.byId.get(Number(x)))
      .filter((x): x is repo.RegionRow => x !== undefined);
  }

  /** `甲街道 / 甲一社区`: the part of the chain from the street down; a district or city by its name. */
  label(id: number | null): string | null {
    if (id === null) return null;
    const chain = this.chain(id);
    const below = chain.filter((r) => ['street', 'town', 'community', 'village'].includes(r.level));
    if (below.length > 0) return below.map((r) => r.name).join(' / ');
    return this.byId.get(id)?.name ?? null;
  }

  street(id: number | null): string | null {
    if (id === null) return null;
    return this.chain(id).find((r) => r.level === 'street' || r.level === 'town')?.name ?? null;
  }

  /** 本区户籍: the 户籍 region lies in the deployment's own region (any region of the tree without that setting). */
  isLocal(hukouRegionId: number | null): boolean {
    if (hukouRegionId === null) return false;
    const r = this.byId.get(hukouRegionId);
    if (!r) return false;
    return this.deploymentPath === null || r.path.startsWith(this.deploymentPath);
  }

  localIds(): number[] | 'all' {
    if (this.deploymentPath === null) return 'all';
    const path = this.deploymentPath;
    return [...this.byId.values()].filter((r) => r.path.startsWith(path)).map((r) => r.id);
  }
}

export function validationError(details: ErrorDetail[]): AppError {
  return new AppError('VALIDATION_FAILED', details.length === 1 ? details[0]!.message : undefined, details);
}

export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export function nameLookup(categories: readonly CategoryEntry[]): (code: string) => string {
  const names = new Map(categories.map((c) => [c.code, c.name]));
  return (code) => names.get(code) ?? code;
}

export async function displayLookups(db: Kysely<DB>, states: (PersonState | null)[]): Promise<DisplayLookups> {
  const householdIds = [
    ...new Set(states.map((s) => s?.householdId).filter((x): x is number => x !== null && x !== undefined)),
  ];
  const [regions, categories, households] = await Promise.all([
    RegionIndex.load(db),
    categoryEntries(db),
    householdIds.length
      ? db.selectFrom('households').select(['id', 'name']).where('id', 'in', householdIds).execute()
      : Promise.resolve([]),
  ]);
  const householdNames = new Map(households.map((h) => [h.id, h.name]));
  return {
    regionLabel: (id) => regions.label(id) ?? `区划 ${id}`,
    householdName: (id) => householdNames.get(id) ?? `家庭户 ${id}`,
    categoryName: nameLookup(categories),
  };
}

export function rowFromState(ctx: AppContext, s: PersonState): personRepo.PersonWrite {
  const ids = sensitiveColumns(ctx.cipher, s.idNumber, s.phone);
  const phone2 = phone2Columns(ctx.cipher, s.phone2);
  const names = nameColumns(s.name);
  // Spelled out: spreading three objects into a literal took V8 some 25 µs a call (an import makes 100,000).
  return {
    id_number_enc: ids.id_number_enc,
    id_number_hash: ids.id_number_hash,
    id_tail4: ids.id_tail4,
    id_tail6_hash: ids.id_tail6_hash,
    id_masked: ids.id_masked,
    phone_enc: ids.phone_enc,
    phone_hash: ids.phone_hash,
    phone_masked: ids.phone_masked,
    phone2_enc: phone2.phone2_enc,
    phone2_hash: phone2.phone2_hash,
    phone2_masked: phone2.phone2_masked,
    name: names.name,
    name_search: names.name_search,
    pinyin_initials: names.pinyin_initials,
    pinyin_full: names.pinyin_full,
    sex: s.sex,
    birth_date: s.birthDate,
    hukou_region_id: s.hukouRegionId,
    hukou_address: s.hukouAddress,
    residence_region_id: s.residenceRegionId,
    address: s.address,
    household_id: s.householdId,
    household_role: s.householdRole,
    alive: s.alive ? 1 : 0,
    death_date: s.alive ? null : s.deathDate,
    living_situations_json: JSON.stringify(s.livingSituations),
    notes: s.notes,
  };
}

export const qualificationWrite = (q: QualificationState): qualificationsRepo.QualificationWrite => ({
  id: q.id,
  category_code: q.categoryCode,
  disability_grade: q.disabilityGrade,
  disability_nature: q.disabilityNature,
  relation: q.relation,
  serviceman_name: q.servicemanName,
  certificate_no: q.certificateNo,
  start_date: q.startDate,
  end_date: q.endDate,
  flags_json: JSON.stringify(q.flags),
});

/**
 * A version's changes as its audit record's before and after, as JSON objects of field label → value. Written out
 * directly (labels are unique): building two objects per person to serialise them cost a 100,000-row import
 * seconds.
 */
export function changeSidesJson(changes: readonly FieldChange[]): { before: string; after: string } {
  let before = '{';
  let after = '{';
  for (let i = 0; i < changes.length; i++) {
    const ch = changes[i]!;
    const key = `${i === 0 ? '' : ','}${labelJson(ch.label)}:`;
    before += key + JSON.stringify(ch.before);
    after += key + JSON.stringify(ch.after);
  }
  return { before: `${before}}`, after: `${after}}` };
}

/** Field labels as JSON strings: a few dozen labels, on every person. */
const labelsJson = new Map<string, string>();
function labelJson(label: string): string {
  let json = labelsJson.get(label);
  if (json === undefined) {
    json = JSON.stringify(label);
    if (labelsJson.size < 1000) labelsJson.set(label, json);
  }
  return json;
}

export const auditSummary: Record<VersionAction, string> = {
  create: '登记优抚对象',
  update: '修改优抚对象信息',
  deceased: '标记优抚对象已故',
  alive: '撤销已故标记',
  assessment: '登记生活状况评估',
  confirmation: '登记年度确认',
};

export const staleVersion = () =>
  new AppError('CONFLICT', '该对象刚被他人修改过，请刷新页面查看最新信息后重新编辑', [
    { path: 'version', message: '版本已过期' },
  ]);

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
