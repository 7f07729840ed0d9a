import { resolveCategory, resolveFlag, resolveLivingSituation, resolveRelation } from './categories.ts';
import { looseDateIso, looseDateMatches, readLooseDate } from './dates.ts';
import { parseDisabilityGrade, parseDisabilityNature } from './disability.ts';
import { crossCheckId, type ParsedId, parseIdNumber } from './id-number.ts';
import { normalizePersonName } from './person-name.ts';
import { parsePhone, splitPhones } from './phone.ts';
import { matchKey, normalizeText } from './text.ts';

/**
 * Rules for reading a roster (花名册) sheet as offices really keep them: a title row above the header, the
 * header found by its column names and their variants, a two-row header under merged group labels, a 序号
 * column, blank rows, section rows (一、某某街道), a trailing 合计 row, notes and signatures below the table,
 * full-width characters, stray spaces, 简体 or 繁體. Pure: the sheet arrives as a grid of cell values, and
 * `now` is passed in.
 */
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** Excel row number (1-based). */
  row: number;
  /** cells[0] is column A. */
  cells: CellValue[];
}

/** A merged range, 1-based and inclusive (A1:C2 → top 1, left 1, bottom 2, right 3). */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetGrid {
  name: string;
  /** In row order; rows without any value may be absent. */
  rows: SheetRow[];
  merges: MergeRange[];
}

export interface RowIssue {
  /** Excel row number. */
  row: number;
  /** The column's header as the sheet writes it (or the usual name when the column is absent). */
  column: string;
  /** 0-based column index, or null when the column is absent from the sheet. */
  columnIndex: number | null;
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A cell as text: trimmed, half-width, single spaces; numbers without exponent where they are whole. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return normalizeText(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  return String(value);
}

const isEmpty = (v: CellValue | undefined) => cellText(v) === '';

/** Fills every cell of a merged range with the value of its top-left cell (where spreadsheets keep it). */
export function applyMerges(grid: SheetGrid): SheetRow[] {
  if (grid.merges.length === 0) return grid.rows;
  const byRow = new Map<number, CellValue[]>(grid.rows.map((r) => [r.row, [...r.cells]]));
  for (const m of grid.merges) {
    const master = byRow.get(m.top)?.[m.left - 1] ?? null;
    if (master === null) continue;
    // A range spanning thousands of rows is not a roster layout; filling it would only cost memory.
    if (m.bottom - m.top > 10_000 || m.right - m.left > 200) continue;
    for (let r = m.top; r <= m.bottom; r++) {
      let cells = byRow.get(r);
      if (!cells) {
        cells = [];
        byRow.set(r, cells);
      }
      for (let c = m.left; c <= m.right; c++) {
        while (cells.length < c) cells.push(null);
        if (isEmpty(cells[c - 1])) cells[c - 1] = master;
      }
    }
  }
  return [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([row, cells]) => ({ row, cells }));
}

// ---------------------------------------------------------------------------------------------------------
// Header

export type HeaderDictionary<F extends string> = Record<F, readonly string[]>;

/** The key a header cell is compared by: script, width, spaces, case, `*` marks and `（说明）` removed. */
export function headerKey(text: string): string {
  return matchKey(text)
    .replace(/\(.*?\)|\[.*?\]|【.*?】|<.*?>/g, '')
    .replace(/[*:：#＊※]/g, '');
}

export type HeaderResult<F extends string> =
  | {
      ok: true;
      /** Excel row numbers of the header: one, or two when group labels sit above the sub-headers. */
      headerRows: number[];
      /** 0-based column of each recognised field (the first one, when a name appears twice). */
      columns: Partial<Record<F, number>>;
      /** The header text of every column, as the sheet writes it (sub-header where there is one). */
      labels: string[];
    }
  | { ok: false; found: F[]; missing: F[] };

function keyIndex<F extends string>(dict: HeaderDictionary<F>): Map<string, F> {
  const out = new Map<string, F>();
  for (const field of Object.keys(dict) as F[]) for (const alias of dict[field]) out.set(headerKey(alias), field);
  return out;
}

function matchRow<F extends string>(cells: CellValue[], index: Map<string, F>): Map<number, F> {
  const out = new Map<number, F>();
  const seen = new Set<F>();
  cells.forEach((cell, col) => {
    if (typeof cell !== 'string') return;
    const field = index.get(headerKey(cell));
    if (field && !seen.has(field)) {
      seen.add(field);
      out.set(col, field);
    }
  });
  return out;
}

/**
 * Finds the header among the first rows: the first row that names every required field. When the row below
 * it names further fields where this row has a group label (伤残情况 over 等级 and 性质) and holds nothing
 * else, the two rows together are the header.
 */
export function findHeader<F extends string>(
  rows: readonly SheetRow[],
  dict: HeaderDictionary<F>,
  required: readonly F[],
  scan = 30,
): HeaderResult<F> {
  const index = keyIndex(dict);
  let best: Map<number, F> = new Map();
  const limit = Math.min(rows.length, scan);
  for (let i = 0; i < limit; i++) {
    const row = rows[i]!;
    const matched = matchRow(row.cells, index);
    if (matched.size > best.size) best = matched;
    const fields = new Set(matched.values());
    if (!required.every((f) => fields.has(f))) continue;

    const labels = row.cells.map((c) => cellText(c));
    const headerRows = [row.row];
    const next = rows[i + 1];
    if (next && next.row === row.row + 1) {
      const below = matchRow(next.cells, index);
      const onlyHeaderLike = next.cells.every(
        (c, col) => isEmpty(c) || below.has(col) || cellText(c) === cellText(row.cells[col] ?? null),
      );
      const adds = [...below.entries()].filter(([col, f]) => matched.get(col) !== f && !fields.has(f));
      if (onlyHeaderLike && adds.length > 0) {
        headerRows.push(next.row);
        for (const [col, f] of adds) {
          matched.delete(col);
          matched.set(col, f);
        }
        next.cells.forEach((c, col) => {
          if (!isEmpty(c)) labels[col] = cellText(c);
        });
      }
    }
    const columns: Partial<Record<F, number>> = {};
    for (const [col, f] of [...matched.entries()].sort((a, b) => a[0] - b[0])) {
      if (columns[f] === undefined) columns[f] = col;
    }
    return { ok: true, headerRows, columns, labels };
  }
  const found = [...new Set(best.values())];
  return { ok: false, found, missing: required.filter((f) => !found.includes(f)) };
}

// ---------------------------------------------------------------------------------------------------------
// Rows that are not people

export type RowKind = 'person' | 'blank' | 'total' | 'note' | 'section' | 'header' | 'empty';

export const rowKindLabels: Record<Exclude<RowKind, 'person'>, string> = {
  blank: '空行',
  total: '合计行',
  note: '表尾说明或签字行',
  section: '分组标题行',
  header: '重复的表头',
  empty: '没有姓名和身份证号的行',
};

const totalKeys = ['合计', '总计', '小计', '共计', '总数', '累计'];
const notePrefixes = [
  '注',
  '说明',
  '备注:',
  '填表人',
  '填报人',
  '制表人',
  '审核人',
  '负责人',
  '单位负责人',
  '填报单位',
  '填表单位',
  '填报日期',
  '填表日期',
  '制表日期',
  '联系人',
  '联系电话:',
  '领导签字',
  '签字',
  '盖章',
];

/** What kind of row this is, given the columns that identify a person (ID number and name). */
export function classifyRow(cells: CellValue[], idCol: number, nameCol: number | undefined): RowKind {
  const texts = cells.map((c) => cellText(c));
  const filledAt = texts.flatMap((t, col) => (t === '' ? [] : [col]));
  if (filledAt.length === 0) return 'blank';
  const keys = filledAt.map((col) => matchKey(texts[col]!));
  const first = keys[0]!;
  // `合计` in the serial or name column, or a first cell such as `合计：125人`.
  if (totalKeys.some((t) => first.startsWith(t)) || keys.slice(0, 3).some((k) => totalKeys.includes(k))) return 'total';
  if (notePrefixes.some((p) => first.startsWith(matchKey(p)))) return 'note';
  const idText = texts[idCol] ?? '';
  const nameText = nameCol === undefined ? '' : (texts[nameCol] ?? '');
  if (new Set(keys).size === 1 && !/\d{15}/.test(first)) {
    // The same text in every filled cell: a merged row such as `一、长寿路街道` across the table.
    if (filledAt.length >= 2) return 'section';
    // One filled cell: a title in the serial column, or a name-column entry that reads like a title.
    const only = filledAt[0]!;
    if (typeof cells[only] === 'number' && only !== idCol) return 'empty';
    if (only !== idCol && only !== nameCol) return 'section';
    if (only === nameCol && /^[一二三四五六七八九十\d]+[、.)）]|(街道|社区|镇|乡|村|居委会|小计)$/.test(first)) {
      return 'section';
    }
  }
  if (idText === '' && nameText === '') return 'empty';
  return 'person';
}

// ---------------------------------------------------------------------------------------------------------
// The people roster

export const personFields = [
  'serial',
  'idNumber',
  'name',
  'sex',
  'birthDate',
  'category',
  'disabilityGrade',
  'disabilityNature',
  'relation',
  'servicemanName',
  'certificateNo',
  'enlistmentDate',
  'hukou',
  'address',
  'phone',
  'street',
  'community',
  'livingSituation',
  'notes',
] as const;
export type PersonField = (typeof personFields)[number];

/** Header names per field, with the variants offices use (繁體 headers match through their 简体 key). */
export const personColumns: HeaderDictionary<PersonField> = {
  serial: ['序号', '序', '编号', 'NO', 'NO.', '顺序号'],
  idNumber: [
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '公民身份证号码',
    '公民身份证号',
    '证件号码',
    '证件号',
    '身份证',
    '身份证件号码',
    '身份号码',
  ],
  name: ['姓名', '名字', '人员姓名', '优抚对象姓名', '对象姓名', '户主姓名'],
  sex: ['性别'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '出生时间', '生日'],
  category: [
    '优抚类别',
    '人员类别',
    '类别',
    '优抚对象类别',
    '对象类别',
    '身份类别',
    '优抚对象类型',
    '人员类型',
    '类型',
  ],
  disabilityGrade: ['伤残等级', '残疾等级', '等级', '评残等级'],
  disabilityNature: ['伤残性质', '残疾性质', '性质', '致残性质'],
  relation: ['与军人关系', '关系', '亲属关系', '与烈士关系', '与军人的关系', '与牺牲军人关系', '家属关系'],
  servicemanName: ['军人姓名', '烈士姓名', '牺牲军人姓名', '现役军人姓名', '病故军人姓名'],
  certificateNo: ['证书编号', '证件编号', '证书号', '残疾军人证号', '优待证号', '证号', '证书号码'],
  enlistmentDate: ['入伍时间', '入伍日期', '入伍年月'],
  hukou: ['户籍地', '户籍地址', '户籍所在地', '户口所在地', '户籍', '户口地址', '户籍地详址'],
  address: ['居住地址', '现住址', '现居住地址', '家庭住址', '住址', '居住地', '现居住地', '家庭地址', '详细地址'],
  phone: ['联系电话', '手机号码', '电话', '手机', '联系方式', '手机号', '电话号码', '联系电话(手机)'],
  street: ['街道', '镇', '街道/镇', '街镇', '所属街道', '街道镇', '乡镇街道', '街道(镇)', '所在街道'],
  community: ['社区', '村', '社区/村', '居委', '居委会', '村居', '所属社区', '社区(村)', '村(居)委会', '所在社区'],
  livingSituation: ['生活状况', '生活情况', '家庭状况', '生活状态'],
  notes: ['备注', '说明'],
};

/** The usual header of each field, for messages about a column the sheet does not have. */
export const personFieldLabels: Record<PersonField, string> = {
  serial: '序号',
  idNumber: '身份证号',
  name: '姓名',
  sex: '性别',
  birthDate: '出生日期',
  category: '优抚类别',
  disabilityGrade: '伤残等级',
  disabilityNature: '伤残性质',
  relation: '与军人关系',
  servicemanName: '军人姓名',
  certificateNo: '证书编号',
  enlistmentDate: '入伍时间',
  hukou: '户籍地',
  address: '居住地址',
  phone: '联系电话',
  street: '街道',
  community: '社区',
  livingSituation: '生活状况',
  notes: '备注',
};

export const requiredPersonFields: readonly PersonField[] = ['idNumber', 'name'];

export interface QualificationDraft {
  categoryCode: string;
  disabilityGrade: number | null;
  disabilityNature: string | null;
  relation: string | null;
  servicemanName: string | null;
  certificateNo: string | null;
  /** 入伍时间, ISO (possibly `YYYY-MM`). */
  startDate: string | null;
  flags: string[];
}

export interface PersonDraft {
  row: number;
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  qualifications: QualificationDraft[];
  phone: string | null;
  phone2: string | null;
  hukouText: string | null;
  address: string | null;
  streetText: string | null;
  communityText: string | null;
  livingSituations: string[];
  notes: string | null;
}

export const idStoredAsNumberMessage =
  '身份证号被 Excel 存成了数字，后几位已经丢失，不能导入。请把“身份证号”列的单元格格式设为“文本”，' +
  '再对照证件重新录入这些号码（直接改格式无法找回丢失的数字），然后重新上传。';

const idCodes: Record<string, string> = {
  ID_MISSING: 'id-missing',
  ID_FORMAT: 'id-format',
  ID_BIRTHDATE: 'id-birth-date',
  ID_CHECKSUM: 'id-checksum',
  ID_NUMERIC: 'id-stored-as-number',
};

export type IdCellResult = { ok: true; value: ParsedId } | { ok: false; code: string; message: string };

/**
 * Reads an ID number cell. An 18-digit number stored as a number cell has lost its last digits (a double
 * holds 15–16): refused with `id-stored-as-number`. A 15-digit number is exact and accepted.
 */
export function readIdCell(value: CellValue | undefined, now: Date): IdCellResult {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 1e14 && value < 1e15) return readIdCell(String(value), now);
    return { ok: false, code: 'id-stored-as-number', message: idStoredAsNumberMessage };
  }
  const text = typeof value === 'string' ? value : cellText(value ?? null);
  const parsed = parseIdNumber(text, now);
  if (parsed.ok) return parsed;
  const code = idCodes[parsed.code] ?? 'id-format';
  const digits = text.replace(/\s+/g, '');
  // Typed over a number cell that had already lost its digits: 18 digits ending 000 failing the check.
  if (code === 'id-stored-as-number' || (code === 'id-checksum' && /^\d{15}000$/.test(digits))) {
    return { ok: false, code: 'id-stored-as-number', message: idStoredAsNumberMessage };
  }
  return { ok: false, code, message: parsed.message };
}

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
  const column = (f: PersonField) => {
    const col = columns[f];
    return {
      column: col === undefined ? personFieldLabels[f] : labels[col] || personFieldLabels[f],
      columnIndex: col ?? null,
    };
  };
  const issue = (f: PersonField, code: string, message: string, severity: 'error' | 'warning' = 'error') =>
    issues.push({ row: row.row, ...column(f), code, message, severity });
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

export interface PersonSheetResult {
  sheetName: string;
  headerRows: number[];
  columns: Partial<Record<PersonField, number>>;
  labels: string[];
  /** Data rows from below the header to the last row with content. */
  rows: number;
  drafts: PersonDraft[];
  /** Every issue, errors and warnings, in row order. */
  issues: RowIssue[];
  /** Excel rows that are not people (blank, 合计, section titles, notes …), with their kind. */
  skipped: { row: number; kind: Exclude<RowKind, 'person'> }[];
  /** Rows with an error (not imported), with the name as read, to recognise them in the report. */
  refused: { row: number; name: string | null }[];
}

export type SheetReadResult<T> = { ok: true; value: T } | { ok: false; message: string; found: string[] };

/** The usual header names of the fields, for a message about a sheet whose header was not found. */
function missingHeaderMessage(missing: string[]): string {
  return (
    `没有找到表头：表格前 30 行中没有同时包含${missing.map((m) => `“${m}”`).join('和')}的行。` +
    '请确认第一个工作表是人员名单，表头写有“姓名”“身份证号”等列名，然后重新上传。'
  );
}

export type SheetProgress = (done: number, total: number) => void;

/** Reads a whole people roster: header, row kinds, every person row with its issues. */
export function readPersonSheet(
  grid: SheetGrid,
  now: Date,
  onProgress?: SheetProgress,
): SheetReadResult<PersonSheetResult> {
  const rows = applyMerges(grid);
  const header = findHeader<PersonField>(rows, personColumns, requiredPersonFields);
  if (!header.ok) {
    return {
      ok: false,
      message: missingHeaderMessage(header.missing.map((f) => personFieldLabels[f])),
      found: header.found.map((f) => personFieldLabels[f]),
    };
  }
  const idCol = header.columns.idNumber!;
  const nameCol = header.columns.name;
  const headerEnd = header.headerRows[header.headerRows.length - 1]!;
  const data = rows.filter((r) => r.row > headerEnd);
  const lastRow = [...data].reverse().find((r) => r.cells.some((c) => !isEmpty(c)))?.row ?? headerEnd;
  const byRow = new Map(data.map((r) => [r.row, r]));

  const result: PersonSheetResult = {
    sheetName: grid.name,
    headerRows: header.headerRows,
    columns: header.columns,
    labels: header.labels,
    rows: lastRow - headerEnd,
    drafts: [],
    issues: [],
    skipped: [],
    refused: [],
  };
  const headerIndex = keyIndex(personColumns);
  for (let n = headerEnd + 1; n <= lastRow; n++) {
    const row = byRow.get(n);
    const cells = row?.cells ?? [];
    let kind = classifyRow(cells, idCol, nameCol);
    if (kind === 'person' && headerIndex.get(headerKey(cellText(cells[idCol] ?? null))) === 'idNumber') kind = 'header';
    if (kind !== 'person') {
      result.skipped.push({ row: n, kind });
      continue;
    }
    const read = readPersonRow({ row: n, cells }, header.columns, header.labels, now);
    result.issues.push(...read.issues);
    if (read.draft) result.drafts.push(read.draft);
    else result.refused.push({ row: n, name: nameCol === undefined ? null : cellText(cells[nameCol] ?? null) || null });
    if (onProgress && n % 500 === 0) onProgress(n - headerEnd, lastRow - headerEnd);
  }
  return { ok: true, value: result };
}

// ---------------------------------------------------------------------------------------------------------
// Regions named in a sheet

export interface RegionRef {
  id: number;
  name: string;
  level: string;
  parentId: number | null;
  /** Materialised path `/1/4/9/`. */
  path: string;
}

const regionSuffixes = [
  '街道办事处',
  '社区居民委员会',
  '村民委员会',
  '居民委员会',
  '社区居委会',
  '镇人民政府',
  '村委会',
  '居委会',
  '街道',
  '社区',
  '镇',
  '乡',
  '村',
];

/** A region name without its level word: 长寿路街道 → 长寿路, 梅芳里居委会 → 梅芳里. */
export function regionBaseKey(name: string): string {
  const key = matchKey(name);
  for (const s of regionSuffixes) {
    if (key.endsWith(s) && key.length > s.length) return key.slice(0, -s.length);
  }
  return key;
}

const streetLevels = new Set(['street', 'town']);
const communityLevels = new Set(['community', 'village']);

/** Regions of the given kind whose name is the text, with or without its level word. */
export function matchRegionName(
  text: string,
  regions: readonly RegionRef[],
  kind: 'street' | 'community',
): RegionRef[] {
  const levels = kind === 'street' ? streetLevels : communityLevels;
  const key = matchKey(text);
  const base = regionBaseKey(text);
  const candidates = regions.filter((r) => levels.has(r.level));
  const exact = candidates.filter((r) => matchKey(r.name) === key);
  if (exact.length > 0) return exact;
  return candidates.filter((r) => regionBaseKey(r.name) === base);
}

export type RegionPick =
  | { ok: true; region: RegionRef }
  | { ok: false; field: 'street' | 'community'; code: string; message: string };

/** The residence region named by the 街道 and 社区 columns. */
export function pickResidenceRegion(
  streetText: string | null,
  communityText: string | null,
  regions: readonly RegionRef[],
): RegionPick | null {
  let street: RegionRef | undefined;
  if (streetText) {
    const found = matchRegionName(streetText, regions, 'street');
    if (found.length === 0) {
      return {
        ok: false,
        field: 'street',
        code: 'region-unknown',
        message: `找不到街道/镇“${streetText}”，请填写区划中的名称（如 长寿路街道），或联系管理员补充区划`,
      };
    }
    street = found[0];
  }
  if (communityText) {
    let found = matchRegionName(communityText, regions, 'community');
    if (street) found = found.filter((r) => r.parentId === street.id);
    if (found.length === 0) {
      return {
        ok: false,
        field: 'community',
        code: 'region-unknown',
        message: street
          ? `“${street.name}”下没有社区/村“${communityText}”，请核对街道和社区是否对应`
          : `找不到社区/村“${communityText}”，请填写区划中的名称，或同时填写所属街道`,
      };
    }
    if (found.length > 1) {
      return {
        ok: false,
        field: 'community',
        code: 'region-ambiguous',
        message: `有多个名为“${communityText}”的社区/村，请同时填写所属街道`,
      };
    }
    return { ok: true, region: found[0]! };
  }
  return street ? { ok: true, region: street } : null;
}

/**
 * The region a 户籍地 address names: the deepest region of the tree whose name (or name without its level
 * word, at least two characters) the address contains. Null when the address lies outside the tree.
 */
export function findHukouRegion(address: string, regions: readonly RegionRef[]): RegionRef | null {
  const key = matchKey(address);
  let best: { r: RegionRef; depth: number; len: number } | null = null;
  for (const r of regions) {
    const full = matchKey(r.name);
    const base = regionBaseKey(r.name);
    const hit = key.includes(full) ? full.length : base.length >= 2 && key.includes(base) ? base.length : 0;
    if (hit === 0) continue;
    const depth = r.path.split('/').filter(Boolean).length;
    if (!best || depth > best.depth || (depth === best.depth && hit > best.len)) best = { r, depth, len: hit };
  }
  return best?.r ?? null;
}

/**
 * What a 户籍地 address says beyond the region it names: `普陀区长寿路街道梅芳里12号` → the whole address;
 * null when it only names regions (`甲街道 / 甲一社区`), so that a region's name is never stored as an address.
 */
export function hukouDetail(address: string, region: RegionRef, regions: readonly RegionRef[]): string | null {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const chain = region.path
    .split('/')
    .filter(Boolean)
    .map((id) => byId.get(Number(id)))
    .filter((r): r is RegionRef => r !== undefined);
  const keys = chain.flatMap((r) => [matchKey(r.name), regionBaseKey(r.name)]).filter((k) => k.length >= 2);
  let rest = matchKey(address);
  for (const key of keys.sort((a, b) => b.length - a.length)) rest = rest.split(key).join('');
  rest = rest.replace(/[/／\\,，、;；|\-—()（）]/g, '');
  return rest === '' ? null : normalizeText(address);
}

// ---------------------------------------------------------------------------------------------------------
// Another department's list (比对)

export const comparisonFields = ['serial', 'idNumber', 'name', 'status', 'date', 'note'] as const;
export type ComparisonField = (typeof comparisonFields)[number];

export const comparisonColumns: HeaderDictionary<ComparisonField> = {
  serial: personColumns.serial,
  idNumber: personColumns.idNumber,
  name: personColumns.name,
  status: [
    '状态',
    '人员状态',
    '变动情况',
    '变动类型',
    '变更类型',
    '情况',
    '比对结果',
    '异常情况',
    '异常类型',
    '类型',
    '变动原因',
    '核查结果',
  ],
  date: [
    '日期',
    '变动日期',
    '发生日期',
    '死亡日期',
    '迁出日期',
    '注销日期',
    '时间',
    '变动时间',
    '服刑日期',
    '入狱日期',
  ],
  note: ['备注', '说明', '详情'],
};

export const comparisonFieldLabels: Record<ComparisonField, string> = {
  serial: '序号',
  idNumber: '身份证号',
  name: '姓名',
  status: '状态',
  date: '日期',
  note: '备注',
};

export const reportedStatuses = ['deceased', 'moved_out', 'imprisoned', 'other'] as const;
export type ReportedStatus = (typeof reportedStatuses)[number];
export const reportedStatusLabels: Record<ReportedStatus, string> = {
  deceased: '死亡',
  moved_out: '户籍迁出',
  imprisoned: '服刑',
  other: '其他',
};

const statusWords: [ReportedStatus, RegExp][] = [
  ['deceased', /死亡|已故|去世|亡故|病故|身故|殁|逝世|注销.*死亡/],
  ['moved_out', /迁出|外迁|迁往|户口迁|户籍迁|移居/],
  ['imprisoned', /服刑|在押|收监|羁押|判刑|入狱|监狱/],
];

/** 死亡 / 已故 → deceased, 户籍迁出 → moved_out, 服刑 / 在押 → imprisoned; anything else is kept as `other`. */
export function readReportedStatus(text: string): ReportedStatus | null {
  const key = matchKey(text);
  if (key === '') return null;
  for (const [status, re] of statusWords) if (re.test(key)) return status;
  return 'other';
}

export interface ComparisonDraft {
  row: number;
  idNumber: string;
  status: ReportedStatus;
  statusText: string;
  /** ISO date (possibly partial) of the event. */
  date: string | null;
  note: string | null;
}

export interface ComparisonSheetResult {
  sheetName: string;
  rows: number;
  drafts: ComparisonDraft[];
  issues: RowIssue[];
  skipped: { row: number; kind: Exclude<RowKind, 'person'> }[];
}

/** Reads another department's list: ID numbers with a status (死亡、迁出、服刑 …), a date and a note. */
export function readComparisonSheet(grid: SheetGrid, now: Date): SheetReadResult<ComparisonSheetResult> {
  const rows = applyMerges(grid);
  const header = findHeader<ComparisonField>(rows, comparisonColumns, ['idNumber', 'status']);
  if (!header.ok) {
    return {
      ok: false,
      message:
        `没有找到表头：表格前 30 行中没有同时包含${header.missing.map((m) => `“${comparisonFieldLabels[m]}”`).join('和')}的行。` +
        '比对名单需要“身份证号”列和“状态”列（如 死亡、迁出、服刑），请补齐后重新上传。',
      found: header.found.map((f) => comparisonFieldLabels[f]),
    };
  }
  const cols = header.columns;
  const idCol = cols.idNumber!;
  const headerEnd = header.headerRows[header.headerRows.length - 1]!;
  const data = rows.filter((r) => r.row > headerEnd);
  const lastRow = [...data].reverse().find((r) => r.cells.some((c) => !isEmpty(c)))?.row ?? headerEnd;
  const byRow = new Map(data.map((r) => [r.row, r]));
  const out: ComparisonSheetResult = {
    sheetName: grid.name,
    rows: lastRow - headerEnd,
    drafts: [],
    issues: [],
    skipped: [],
  };
  const label = (f: ComparisonField) => {
    const col = cols[f];
    return {
      column: col === undefined ? comparisonFieldLabels[f] : header.labels[col] || comparisonFieldLabels[f],
      columnIndex: col ?? null,
    };
  };
  for (let n = headerEnd + 1; n <= lastRow; n++) {
    const cells = byRow.get(n)?.cells ?? [];
    const kind = classifyRow(cells, idCol, cols.name);
    if (kind !== 'person') {
      out.skipped.push({ row: n, kind });
      continue;
    }
    const at = (f: ComparisonField) => (cols[f] === undefined ? null : (cells[cols[f]!] ?? null));
    const id = readIdCell(at('idNumber'), now);
    const statusText = cellText(at('status'));
    const status = readReportedStatus(statusText);
    const rowIssues: RowIssue[] = [];
    if (!id.ok) rowIssues.push({ row: n, ...label('idNumber'), code: id.code, message: id.message, severity: 'error' });
    if (!status) {
      rowIssues.push({
        row: n,
        ...label('status'),
        code: 'status-missing',
        message: '请填写状态，如 死亡、户籍迁出、服刑',
        severity: 'error',
      });
    }
    let date: string | null = null;
    const d = readLooseDate(at('date'));
    if (d?.ok) date = d.iso;
    else if (d)
      rowIssues.push({
        row: n,
        ...label('date'),
        code: 'date-invalid',
        message: `${d.message}；日期留空，其余照常比对`,
        severity: 'warning',
      });
    out.issues.push(...rowIssues);
    if (id.ok && status) {
      out.drafts.push({
        row: n,
        idNumber: id.value.id,
        status,
        statusText: statusText.slice(0, 40),
        date,
        note: cellText(at('note')).slice(0, 200) || null,
      });
    }
  }
  return { ok: true, value: out };
}
