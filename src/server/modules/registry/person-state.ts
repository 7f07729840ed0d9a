import type { z } from 'zod';
import type { FieldChange, savePersonRequest } from '../../../shared/api/registry.api.ts';
import {
  type CategoryDefinition,
  categoryDictionary,
  householdRoles,
  qualificationFlags,
  resolveFlag,
  resolveLivingSituation,
  resolveRelation,
} from '../../../shared/domain/categories.ts';
import { parseDisabilityGrade, parseDisabilityNature } from '../../../shared/domain/disability.ts';
import { crossCheckId, maskIdNumber, parseIdNumber } from '../../../shared/domain/id-number.ts';
import { normalizePersonName } from '../../../shared/domain/person-name.ts';
import { maskPhone, parsePhone } from '../../../shared/domain/phone.ts';
import { removeSpaces, toHalfWidth, toSimplified } from '../../../shared/domain/text.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';

/**
 * A person as the registry reasons about it: plain values, decrypted, normalised. Built from a stored row or
 * from input; two states compare field by field into the changes that a version records.
 */
export interface QualificationState {
  id?: number | undefined;
  categoryCode: string;
  disabilityGrade: number | null;
  disabilityNature: string | null;
  relation: string | null;
  servicemanName: string | null;
  certificateNo: string | null;
  startDate: string | null;
  endDate: string | null;
  flags: string[];
}

export interface PersonState {
  name: string;
  idNumber: string;
  sex: 'M' | 'F';
  birthDate: string;
  phone: string | null;
  phone2: string | null;
  hukouRegionId: number | null;
  hukouAddress: string | null;
  residenceRegionId: number | null;
  address: string | null;
  householdId: number | null;
  householdRole: string | null;
  alive: boolean;
  deathDate: string | null;
  livingSituations: string[];
  notes: string | null;
  qualifications: QualificationState[];
}

export type ParsedPersonInput = z.output<typeof savePersonRequest>;

/** A category as the registry table holds it (offices may add aliases and categories). */
export interface CategoryEntry {
  code: string;
  name: string;
  aliases: string[];
  active: boolean;
}

const categoryKey = (text: string) => toSimplified(toHalfWidth(text)).replace(/\s+/g, '');

export function categoryResolver(entries: readonly CategoryEntry[]): (text: string) => CategoryEntry | null {
  const byKey = new Map<string, CategoryEntry>();
  for (const c of entries) {
    if (!c.active) continue;
    for (const key of [c.code, c.name, ...c.aliases]) byKey.set(categoryKey(key), c);
  }
  return (text) => byKey.get(categoryKey(text)) ?? null;
}

const staticDetails = new Map<string, CategoryDefinition['details']>(
  categoryDictionary.map((c) => [c.code, c.details]),
);
export const detailsOf = (code: string): CategoryDefinition['details'] => staticDetails.get(code) ?? [];

/** What the service has looked up for the input: the facts that need the database. */
export interface InputFacts {
  now: Date;
  today: string;
  current: PersonState | null;
  resolveCategory: (text: string) => CategoryEntry | null;
  regionsExisting: ReadonlySet<number>;
  regionsInScope: ReadonlySet<number>;
  householdVisible: boolean;
}

const cleanText = (v: string | null) => (v === null ? null : toHalfWidth(v).trim() || null);

/** Input + facts → the state to store, or the list of what is wrong (paths as the form's field names). */
export function stateFromInput(
  input: ParsedPersonInput,
  facts: InputFacts,
): { ok: true; state: PersonState } | { ok: false; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const current = facts.current;

  const name = normalizePersonName(input.name);
  if (!name.ok) err('name', name.message);

  // The ID number: given, or the stored one on edit. Sex and birth date always come from it.
  const idText = input.idNumber?.trim() ? input.idNumber : current?.idNumber;
  let id: { id: string; sex: 'M' | 'F'; birthDate: string } | null = null;
  if (!idText) err('idNumber', '请填写身份证号');
  else {
    const parsed = parseIdNumber(idText, facts.now);
    if (!parsed.ok) err('idNumber', parsed.message);
    else {
      id = parsed.value;
      for (const issue of crossCheckId(parsed.value, { sex: input.sex, birthDate: input.birthDate })) {
        err(issue.field, issue.message);
      }
    }
  }

  const phones: (string | null)[] = [];
  for (const field of ['phone', 'phone2'] as const) {
    const raw = input[field];
    if (raw === null) {
      phones.push(null);
      continue;
    }
    const parsed = parsePhone(raw);
    if (!parsed.ok) err(field, parsed.message);
    phones.push(parsed.ok ? parsed.value.value : null);
  }
  if (phones[1] !== null && phones[1] === phones[0]) phones[1] = null;

  for (const field of ['hukouRegionId', 'residenceRegionId'] as const) {
    const rid = input[field];
    if (rid !== null && !facts.regionsExisting.has(rid)) err(field, '所选区划不存在，请重新选择');
  }
  if (input.hukouRegionId === null && input.residenceRegionId === null) {
    err('residenceRegionId', '请选择居住地或户籍地所在的社区/村');
  } else if (
    !(input.hukouRegionId !== null && facts.regionsInScope.has(input.hukouRegionId)) &&
    !(input.residenceRegionId !== null && facts.regionsInScope.has(input.residenceRegionId))
  ) {
    err('residenceRegionId', '居住地和户籍地都不在您的管辖范围内；请选择辖区内的社区/村，辖区外人员请联系上级部门登记');
  }

  if (input.householdId !== null && !facts.householdVisible) {
    err('householdId', '家庭户不存在或不在您的管辖范围内，请重新选择');
  }
  const householdRole = cleanText(input.householdRole);
  if (householdRole !== null) {
    if (input.householdId === null) err('householdRole', '请先选择家庭户，再填写户内关系');
    else if (!(householdRoles as readonly string[]).includes(householdRole)) {
      err('householdRole', `户内关系应为 ${householdRoles.join('、')} 之一`);
    }
  }

  let livingSituations = current?.livingSituations ?? [];
  if (input.livingSituations !== undefined) {
    livingSituations = [];
    for (const s of input.livingSituations) {
      const resolved = resolveLivingSituation(s);
      if (!resolved) err('livingSituations', `生活状况“${s}”不在可选范围内，请从列表中选择`);
      else if (!livingSituations.includes(resolved)) livingSituations.push(resolved);
    }
  }

  let alive = current?.alive ?? true;
  let deathDate = current?.deathDate ?? null;
  if (input.deathDate !== undefined) {
    alive = input.deathDate === null;
    deathDate = input.deathDate;
    if (deathDate !== null) {
      if (deathDate > facts.today) err('deathDate', '死亡日期不能晚于今天，请核对');
      else if (id && deathDate < id.birthDate) err('deathDate', '死亡日期早于出生日期，请核对');
    }
  }

  const qualifications: QualificationState[] = [];
  if (input.qualifications.length === 0) err('qualifications', '请至少登记一项优抚身份（优抚类别）');
  const currentIds = new Set((current?.qualifications ?? []).map((q) => q.id));
  const explicitIds = new Set(input.qualifications.map((q) => q.id).filter((id): id is number => id !== undefined));
  input.qualifications.forEach((q, i) => {
    const at = (field: string) => `qualifications.${i}.${field}`;
    const category = facts.resolveCategory(q.category);
    if (!category) {
      err(at('category'), `优抚类别“${q.category}”不在类别字典中，请从列表中选择`);
      return;
    }
    if (qualifications.some((o) => o.categoryCode === category.code)) {
      err(at('category'), `“${category.name}”已登记过一次，同一类别只能登记一项`);
      return;
    }
    if (q.id !== undefined && !currentIds.has(q.id)) {
      err(at('id'), '这项优抚身份已不存在，请刷新页面后重试');
      return;
    }
    const details = detailsOf(category.code);
    let grade: number | null = null;
    if (details.includes('disability')) {
      const parsed = parseDisabilityGrade(q.disabilityGrade);
      if (!parsed.ok) err(at('disabilityGrade'), parsed.message);
      else grade = parsed.value;
    } else if (q.disabilityGrade !== null && String(q.disabilityGrade).trim() !== '') {
      err(at('disabilityGrade'), `伤残等级只适用于残疾军人和伤残民兵民工，“${category.name}”请留空`);
    }
    let nature: string | null = null;
    if (q.disabilityNature !== null) {
      if (!details.includes('disability')) {
        err(at('disabilityNature'), `伤残性质只适用于残疾军人和伤残民兵民工，“${category.name}”请留空`);
      } else {
        const parsed = parseDisabilityNature(q.disabilityNature);
        if (!parsed.ok) err(at('disabilityNature'), parsed.message);
        else nature = parsed.value;
      }
    }
    let relation: string | null = null;
    if (q.relation !== null) {
      if (!details.includes('relation')) {
        err(at('relation'), `与军人关系只适用于遗属和现役军人家属，“${category.name}”请留空`);
      } else {
        relation = resolveRelation(q.relation);
        if (!relation) err(at('relation'), `与军人关系“${q.relation}”无法识别，应为父母、抚养人、配偶、子女或兄弟姐妹`);
      }
    }
    let servicemanName: string | null = null;
    if (q.servicemanName !== null) {
      const parsed = normalizePersonName(q.servicemanName);
      if (!parsed.ok) err(at('servicemanName'), `军人（烈士）姓名：${parsed.message}`);
      else servicemanName = parsed.value;
    }
    if (q.startDate && q.endDate && q.endDate < q.startDate) err(at('endDate'), '终止日期早于起始日期，请核对');
    const flags: string[] = [];
    for (const f of q.flags) {
      const code = resolveFlag(f);
      if (!code) err(at('flags'), `标识“${f}”无法识别，应为 ${qualificationFlags.map((x) => x.name).join('、')} 之一`);
      else if (!flags.includes(code)) flags.push(code);
    }
    // Without an id (an import row), the person's existing qualification of that category is the one meant.
    const id =
      q.id ??
      current?.qualifications.find(
        (c) =>
          c.id !== undefined &&
          c.categoryCode === category.code &&
          !explicitIds.has(c.id) &&
          !qualifications.some((o) => o.id === c.id),
      )?.id;
    qualifications.push({
      ...(id !== undefined && { id }),
      categoryCode: category.code,
      disabilityGrade: grade,
      disabilityNature: nature,
      relation,
      servicemanName,
      certificateNo: cleanText(q.certificateNo),
      startDate: q.startDate,
      endDate: q.endDate,
      flags,
    });
  });

  if (errors.length > 0 || !name.ok || !id) return { ok: false, errors };
  return {
    ok: true,
    state: {
      name: name.value,
      idNumber: id.id,
      sex: id.sex,
      birthDate: id.birthDate,
      phone: phones[0] ?? null,
      phone2: phones[1] ?? null,
      hukouRegionId: input.hukouRegionId,
      hukouAddress: cleanText(input.hukouAddress),
      residenceRegionId: input.residenceRegionId,
      address: cleanText(input.address),
      householdId: input.householdId,
      householdRole,
      alive,
      deathDate,
      livingSituations,
      notes: input.notes,
      qualifications,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Changes between two states, as people read them

export interface DisplayLookups {
  regionLabel(id: number): string;
  householdName(id: number): string;
  categoryName(code: string): string;
}

const flagNames = new Map<string, string>(qualificationFlags.map((f) => [f.code, f.name]));

export function describeQualification(q: QualificationState): string {
  const parts: string[] = [];
  if (q.disabilityGrade !== null) parts.push(`伤残等级 ${q.disabilityGrade} 级`);
  if (q.disabilityNature) parts.push(q.disabilityNature);
  if (q.relation) parts.push(`与军人关系：${q.relation}`);
  if (q.servicemanName) parts.push(`军人（烈士）：${q.servicemanName}`);
  if (q.certificateNo) parts.push(`证件号 ${q.certificateNo}`);
  if (q.startDate || q.endDate) parts.push(`${q.startDate ?? '…'} 至 ${q.endDate ?? '今'}`);
  if (q.flags.length) parts.push(q.flags.map((f) => flagNames.get(f) ?? f).join('、'));
  return parts.length ? parts.join('；') : '已登记';
}

interface Described {
  label: string;
  value: string | null;
  /** What decides whether the field changed (the display may hide a change, e.g. a masked ID). */
  raw: unknown;
}

function describe(s: PersonState, look: DisplayLookups): Map<string, Described> {
  const m = new Map<string, Described>();
  const put = (field: string, label: string, value: string | null, raw: unknown = value) =>
    m.set(field, { label, value, raw });
  put('name', '姓名', s.name);
  put('idNumber', '身份证号', maskIdNumber(s.idNumber), s.idNumber);
  put('sex', '性别', s.sex === 'M' ? '男' : '女');
  put('birthDate', '出生日期', s.birthDate);
  put('phone', '联系电话', s.phone && maskPhone(s.phone), s.phone);
  put('phone2', '备用电话', s.phone2 && maskPhone(s.phone2), s.phone2);
  put('hukouRegion', '户籍地', s.hukouRegionId === null ? null : look.regionLabel(s.hukouRegionId), s.hukouRegionId);
  put('hukouAddress', '户籍地址', s.hukouAddress);
  put(
    'residenceRegion',
    '居住地',
    s.residenceRegionId === null ? null : look.regionLabel(s.residenceRegionId),
    s.residenceRegionId,
  );
  put('address', '居住地址', s.address);
  put('household', '家庭户', s.householdId === null ? null : look.householdName(s.householdId), s.householdId);
  put('householdRole', '户内关系', s.householdRole);
  put('status', '状态', s.alive ? '在世' : `已故（${s.deathDate ?? '日期不详'}）`, [s.alive, s.deathDate]);
  put('livingSituations', '生活状况', s.livingSituations.length ? s.livingSituations.join('、') : null);
  put('notes', '备注', s.notes);
  for (const q of s.qualifications) {
    const { id: _id, ...raw } = q;
    put(
      `qualification.${q.categoryCode}`,
      `优抚身份：${look.categoryName(q.categoryCode)}`,
      describeQualification(q),
      raw,
    );
  }
  return m;
}

/** The fields that differ, with before/after as shown to people (sensitive numbers masked). */
export function diffStates(before: PersonState | null, after: PersonState, look: DisplayLookups): FieldChange[] {
  const b = describe(after, look);
  const changes: FieldChange[] = [];
  if (!before) {
    // A new person (an import creates thousands): every field that has a value, nothing to compare.
    for (const [field, y] of b) {
      if (y.raw === null || y.raw === undefined || y.value === null) continue;
      changes.push({ field, label: y.label, before: null, after: y.value });
    }
    return changes;
  }
  const a = describe(before, look);
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(field);
    const y = b.get(field);
    if (JSON.stringify(x?.raw ?? null) === JSON.stringify(y?.raw ?? null)) continue;
    if (!before && (y?.value ?? null) === null) continue;
    let afterValue = y?.value ?? null;
    if (x && y && x.value === y.value && afterValue !== null) afterValue = `${afterValue}（已更正）`;
    changes.push({ field, label: (y ?? x)!.label, before: x?.value ?? null, after: afterValue });
  }
  return changes;
}

/** The search form of a name typed into the search box: as stored in `name_search`. */
export function nameSearchKey(text: string): string {
  return toSimplified(removeSpaces(toHalfWidth(text)));
}
