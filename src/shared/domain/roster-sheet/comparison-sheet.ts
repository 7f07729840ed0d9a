import { readLooseDate } from '../dates.ts';
import { matchKey } from '../text.ts';
import { applyMerges, cellText, type RowIssue, type SheetGrid } from './grid.ts';
import {
  findHeader,
  type HeaderDictionary,
  headerNotFoundLead,
  issueColumn,
  rowsBelowHeader,
  type SheetReadResult,
} from './header.ts';
import { readIdCell } from './id-cell.ts';
import { personColumns } from './person-columns.ts';
import { classifyRow, type RowKind } from './row-kind.ts';

/** Another department's list (比对): ID numbers with a status (死亡、迁出、服刑 …), a date and a note. */
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
        headerNotFoundLead(header.missing.map((m) => comparisonFieldLabels[m])) +
        '比对名单需要“身份证号”列和“状态”列（如 死亡、迁出、服刑），请补齐后重新上传。',
      found: header.found.map((f) => comparisonFieldLabels[f]),
    };
  }
  const cols = header.columns;
  const idCol = cols.idNumber!;
  const { headerEnd, lastRow, byRow } = rowsBelowHeader(rows, header.headerRows);
  const out: ComparisonSheetResult = {
    sheetName: grid.name,
    rows: lastRow - headerEnd,
    drafts: [],
    issues: [],
    skipped: [],
  };
  const label = (f: ComparisonField) => issueColumn(cols, header.labels, comparisonFieldLabels, f);
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
