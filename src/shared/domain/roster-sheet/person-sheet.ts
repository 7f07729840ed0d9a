import { applyMerges, cellText, type RowIssue, type SheetGrid } from './grid.ts';
import {
  findHeader,
  headerKey,
  headerNotFoundLead,
  keyIndex,
  rowsBelowHeader,
  type SheetReadResult,
} from './header.ts';
import {
  type PersonDraft,
  type PersonField,
  personColumns,
  personFieldLabels,
  requiredPersonFields,
} from './person-columns.ts';
import { readPersonRow } from './person-row.ts';
import { classifyRow, type RowKind } from './row-kind.ts';

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
      message:
        headerNotFoundLead(header.missing.map((f) => personFieldLabels[f])) +
        '请确认第一个工作表是人员名单，表头写有“姓名”“身份证号”等列名，然后重新上传。',
      found: header.found.map((f) => personFieldLabels[f]),
    };
  }
  const idCol = header.columns.idNumber!;
  const nameCol = header.columns.name;
  const { headerEnd, lastRow, byRow } = rowsBelowHeader(rows, header.headerRows);

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
