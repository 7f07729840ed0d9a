import { resolveCategory, resolveFlag, resolveLivingSituation, resolveRelation } from '../categories.ts';
import { looseDateIso, looseDateMatches, readLooseDate } from '../dates.ts';
import { parseDisabilityGrade, parseDisabilityNature } from '../disability.ts';
import { crossCheckId } from '../id-number.ts';
import { normalizePersonName } from '../person-name.ts';
import { parsePhone, splitPhones } from '../phone.ts';
import { matchKey } from '../text.ts';
import { type CellValue, cellText, type RowIssue, type SheetRow } from './grid.ts';
import { issueColumn } from './header.ts';
import { readIdCell } from './id-cell.ts';
import { type PersonDraft, type PersonField, personFieldLabels, type QualificationDraft } from './person-columns.ts';

function readSex(text: string): 'M' | 'F' | null | 'unknown' {
  if (text === '') return null;
  const key = matchKey(text);
  if (['男', '男性', 'm', 'male', '1'].includes(key)) return 'M';
  if (['女', '女性', 'f', 'female', '2'].includes(key)) return 'F';
  return 'unknown';
}

const tokens = (text: string) =>
  text
    .split(/[、,，;；/／|\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);

const noSituation = new Set(['无', '正常', '良好', '一般', '/', '-', '—']);

export interface PersonRowResult {
  draft: PersonDraft | null;
  issues: RowIssue[];
}

/** Reads one person row; `draft` is null when the row has an error (the row is refused). */
export function readPersonRow(
  row: SheetRow,
  columns: Partial<Record<PersonField, number>>,
  labels: readonly string[],
  now: Date,
): PersonRowResult {
  const issues: RowIssue[] = [];
  const issue = (f: PersonField, code: string, message: string, severity: 'error' | 'warning' = 'error') =>
    issues.push({ row: row.row, ...issueColumn(columns, labels, personFieldLabels, f), code, message, severity });
  const raw = (f: PersonField): CellValue => {
    const col = columns[f];
    return col === undefined ? null : (row.cells[col] ?? null);
  };
  const text = (f: PersonField) => cellText(raw(f));

  // 身份证号
  const id = readIdCell(raw('idNumber'), now);
  if (!id.ok) issue('idNumber', id.code, id.message);

  // 姓名
  const name = normalizePersonName(text('name'));
  if (!name.ok) issue('name', name.code === 'NAME_MISSING' ? 'name-missing' : 'name-invalid', name.message);

  // 性别 and 出生日期, checked against the ID number.
  const sex = readSex(text('sex'));
  if (sex === 'unknown') {
    issue('sex', 'sex-unknown', `无法识别性别“${text('sex')}”，已按身份证号确定性别；应填“男”或“女”`, 'warning');
  }
  let statedBirth: string | null = null;
  const birth = readLooseDate(raw('birthDate'));
  if (birth && !birth.ok) {
    const pick = id.ok ? birth.candidates?.filter((c) => looseDateMatches(c, id.value.birthDate)) : undefined;
    if (pick && pick.length === 1) statedBirth = null;
    else if (birth.code === 'date-ambiguous') issue('birthDate', 'birth-date-ambiguous', birth.message);
    else issue('birthDate', 'birth-date-invalid', `${birth.message}（出生日期以身份证号为准，可留空）`, 'warning');
  } else if (birth?.ok) {
    statedBirth = looseDateIso(birth.value);
    if (id.ok && !looseDateMatches(birth.value, id.value.birthDate)) {
      issue(
        'birthDate',
        'birth-date-mismatch',
        `出生日期填的是 ${statedBirth}，身份证号中为 ${id.value.birthDate}；请核对身份证号或出生日期`,
      );
    }
  }
  if (id.ok && (sex === 'M' || sex === 'F')) {
    for (const m of crossCheckId(id.value, { sex })) issue('sex', 'sex-mismatch', m.message);
  }

  // 优抚类别 (several allowed: 残疾军人、参战), with the details the categories need.
  const qualifications: QualificationDraft[] = [];
  const flags: string[] = [];
  const categoryText = text('category');
  if (categoryText === '') {
    if (columns.category === undefined) {
      issue(
        'category',
        'category-missing',
        '表格中没有“优抚类别”列，请增加该列并填写每人的类别（如 烈士遗属、残疾军人）',
      );
    } else {
      issue('category', 'category-missing', '请填写优抚类别（如 烈士遗属、残疾军人、退役士兵）');
    }
  }
  const categories = new Map<string, ReturnType<typeof resolveCategory>>();
  for (const token of tokens(categoryText)) {
    const c = resolveCategory(token);
    if (c) {
      categories.set(c.code, c);
      continue;
    }
    const flag = resolveFlag(token);
    if (flag) {
      if (!flags.includes(flag)) flags.push(flag);
      continue;
    }
    issue(
      'category',
      'category-unknown',
      `无法识别优抚类别“${token}”，请改为类别目录中的名称，如 烈士遗属、因公牺牲军人遗属、病故军人遗属、残疾军人、复员军人、退役士兵、现役军人家属`,
    );
  }
  if (categoryText !== '' && categories.size === 0 && flags.length > 0) {
    issue('category', 'category-missing', '只填写了参战、带病回乡等标记，请同时填写优抚类别（如 退役士兵）');
  }

  const needsDisability = [...categories.values()].some((c) => c?.details.includes('disability'));
  let grade: number | null = null;
  let nature: string | null = null;
  const gradeRaw = raw('disabilityGrade');
  if (needsDisability) {
    // A missing grade is left to the registry's check: a person already registered keeps the stored grade.
    if (cellText(gradeRaw) !== '') {
      const g = parseDisabilityGrade(typeof gradeRaw === 'number' ? gradeRaw : cellText(gradeRaw));
      if (g.ok) grade = g.value;
      else issue('disabilityGrade', 'disability-grade-invalid', g.message);
    }
    if (text('disabilityNature') !== '') {
      const n = parseDisabilityNature(text('disabilityNature'));
      if (n.ok) nature = n.value;
      else issue('disabilityNature', 'disability-nature-invalid', n.message);
    }
  } else if (cellText(gradeRaw) !== '' && categories.size > 0) {
    issue(
      'disabilityGrade',
      'disability-grade-ignored',
      '该人员的类别不是伤残类，已忽略伤残等级；如为残疾军人请在类别中写明',
      'warning',
    );
  }

  let relation: string | null = null;
  const relationText = text('relation');
  const needsRelation = [...categories.values()].some((c) => c?.details.includes('relation'));
  if (relationText !== '' && needsRelation) {
    relation = resolveRelation(relationText);
    if (!relation) {
      issue(
        'relation',
        'relation-invalid',
        `与军人关系“${relationText}”无法识别，应为父母、抚养人、配偶、子女或兄弟姐妹（父亲、妻子、儿子等写法也可以）`,
      );
    }
  }

  let servicemanName: string | null = null;
  if (text('servicemanName') !== '') {
    const n = normalizePersonName(text('servicemanName'));
    if (n.ok) servicemanName = n.value;
    else issue('servicemanName', 'serviceman-name-invalid', n.message);
  }
  const certificateNo = text('certificateNo').slice(0, 40) || null;

  // 入伍时间: a full date goes with the qualification; a year or month alone is kept in the notes.
  let startDate: string | null = null;
  let enlistmentNote: string | null = null;
  const enlist = readLooseDate(raw('enlistmentDate'));
  if (enlist?.ok) {
    if (enlist.value.day !== null) startDate = enlist.iso;
    else
      enlistmentNote = `入伍时间：${enlist.value.year}年${enlist.value.month === null ? '' : `${enlist.value.month}月`}`;
  } else if (enlist) {
    issue(
      'enlistmentDate',
      'enlistment-date-invalid',
      `${enlist.message}；本行其他内容照常导入，入伍时间留空`,
      'warning',
    );
  }

  for (const c of categories.values()) {
    if (!c) continue;
    qualifications.push({
      categoryCode: c.code,
      disabilityGrade: c.details.includes('disability') ? grade : null,
      disabilityNature: c.details.includes('disability') ? nature : null,
      relation: c.details.includes('relation') ? relation : null,
      servicemanName: c.details.includes('relation') ? servicemanName : null,
      certificateNo,
      startDate: c.details.includes('enlistment') ? startDate : null,
      flags,
    });
  }

  // 联系电话: up to two numbers in one cell.
  const phones: string[] = [];
  const phoneRaw = raw('phone');
  const phoneText = typeof phoneRaw === 'number' ? String(phoneRaw) : text('phone');
  if (phoneText !== '' && !noSituation.has(phoneText)) {
    const parts = splitPhones(phoneText);
    for (const part of parts) {
      const p = parsePhone(part);
      if (!p.ok) {
        issue('phone', 'phone-invalid', p.message);
        break;
      }
      if (!phones.includes(p.value.value)) phones.push(p.value.value);
    }
    if (phones.length > 2) {
      issue('phone', 'phone-extra', `填写了 ${phones.length} 个号码，只导入前两个`, 'warning');
    }
  }

  // 生活状况
  const living: string[] = [];
  for (const token of tokens(text('livingSituation'))) {
    if (noSituation.has(token)) continue;
    const s = resolveLivingSituation(token);
    if (s) {
      if (!living.includes(s)) living.push(s);
    } else {
      issue(
        'livingSituation',
        'living-situation-unknown',
        `生活状况“${token}”不在选项中（独居、孤老、空巢、失能、半失能、低保、低保边缘、特困、重病、高龄），已忽略`,
        'warning',
      );
    }
  }

  const limited = (f: PersonField, max: number) => {
    const t = text(f);
    if (t.length > max) issue(f, 'text-too-long', `内容过长（最多 ${max} 字），已截断`, 'warning');
    return t.slice(0, max) || null;
  };
  const address = limited('address', 200);
  const hukouText = limited('hukou', 200);
  const notes = [limited('notes', 500), enlistmentNote].filter(Boolean).join('；') || null;

  if (issues.some((i) => i.severity === 'error') || !id.ok || !name.ok) return { draft: null, issues };
  return {
    draft: {
      row: row.row,
      idNumber: id.value.id,
      name: name.value,
      sex: id.value.sex,
      birthDate: id.value.birthDate,
      qualifications,
      phone: phones[0] ?? null,
      phone2: phones[1] ?? null,
      hukouText,
      address,
      streetText: text('street') || null,
      communityText: text('community') || null,
      livingSituations: living,
      notes,
    },
    issues,
  };
}
