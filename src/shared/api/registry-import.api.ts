import { z } from 'zod';
import { paged, pageQuery } from './common.api.ts';
import { fieldChange, personListQuery } from './registry.api.ts';

// ---------------------------------------------------------------------------------------------------------------
// Import of a roster (花名册): upload → report → commit

/** Query of the upload request; the body is the file itself (`application/octet-stream`). */
export const uploadQuery = z.strictObject({
  fileName: z.string().trim().min(1, '请提供文件名').max(200),
});

export const importStarted = z.object({ importId: z.number().int(), jobId: z.number().int() });

export const importStatuses = ['validating', 'validated', 'committing', 'committed', 'failed', 'discarded'] as const;
export type ImportStatusValue = (typeof importStatuses)[number];
export const importStatusLabels: Record<ImportStatusValue, string> = {
  validating: '正在校验',
  validated: '已校验，待确认导入',
  committing: '正在导入',
  committed: '已导入',
  failed: '失败',
  discarded: '已放弃',
};

export const importCounts = z.object({
  /** Data rows below the header, up to the last row with content. */
  rows: z.number().int(),
  accepted: z.number().int(),
  refused: z.number().int(),
  /** Rows that are not people: blank, 合计, section titles, notes. */
  skipped: z.number().int(),
  /** Of the accepted rows: new people, people already registered with changes, and without. */
  create: z.number().int(),
  merge: z.number().int(),
  unchanged: z.number().int(),
  /** Rows with warnings (imported, but something was ignored or should be checked). */
  warnings: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCounts>;

export const importColumn = z.object({
  index: z.number().int(),
  letter: z.string(),
  header: z.string(),
  /** The field the column was read as, or null when it is not used. */
  field: z.string().nullable(),
  fieldLabel: z.string().nullable(),
});

export const importItem = z.object({
  id: z.number().int(),
  status: z.enum(importStatuses),
  fileName: z.string(),
  sheetName: z.string().nullable(),
  headerRow: z.number().int().nullable(),
  /** Why the whole file was refused or the commit failed (Chinese, says what to do). */
  message: z.string().nullable(),
  columns: z.array(importColumn),
  counts: importCounts,
  validateJobId: z.number().int().nullable(),
  commitJobId: z.number().int().nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type ImportItem = z.infer<typeof importItem>;
export const importList = z.object({ items: z.array(importItem) });

export const importIssue = z.object({
  column: z.string(),
  /** Excel column letter, or null when the column is absent from the sheet. */
  columnLetter: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type ImportIssue = z.infer<typeof importIssue>;

export const importRowStatuses = ['accepted', 'refused', 'skipped'] as const;
export const importRowItem = z.object({
  /** Excel row number. */
  row: z.number().int(),
  status: z.enum(importRowStatuses),
  action: z.enum(['create', 'merge', 'unchanged']).nullable(),
  label: z.string().nullable(),
  personId: z.number().int().nullable(),
  issues: z.array(importIssue),
  /** Merge preview: what the commit will change on the registered person (sensitive values masked). */
  changes: z.array(fieldChange).nullable(),
});
export type ImportRowItem = z.infer<typeof importRowItem>;
export const importRowList = paged(importRowItem);

export const importRowFilters = ['all', 'refused', 'warnings', 'create', 'merge', 'unchanged', 'skipped'] as const;
export const importRowQuery = z.strictObject({
  ...pageQuery,
  filter: z.enum(importRowFilters).default('all'),
});

/** What `shuangyong import people --json` prints (and the validate job's result). */
export const importReport = z.object({
  rows: z.number().int(),
  accepted: z.number().int(),
  refused: z.array(z.object({ row: z.number().int(), column: z.string(), code: z.string(), message: z.string() })),
  skipped: z.array(z.number().int()),
});
export type ImportReport = z.infer<typeof importReport>;

// ---------------------------------------------------------------------------------------------------------------
// Export

/** The registry list's filters, and `full` for the unmasked numbers (roles that may see them; audited). */
export const exportQuery = personListQuery.omit({ page: true, pageSize: true }).extend({
  full: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type ExportQuery = z.output<typeof exportQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Comparison (比对) with another department's list

export const comparisonSources = ['公安', '民政', '医保', '人社', '卫健', '司法', '其他'] as const;

export const comparisonUploadQuery = z.strictObject({
  fileName: z.string().trim().min(1, '请提供文件名').max(200),
  source: z.enum(comparisonSources, { error: '请选择名单来源：公安、民政、医保、人社、卫健、司法或其他' }),
});
export const comparisonStarted = z.object({ comparisonId: z.number().int(), jobId: z.number().int() });

export const reportedStatusValues = ['deceased', 'moved_out', 'imprisoned', 'other'] as const;
export const matchReviews = ['pending', 'confirmed', 'dismissed'] as const;
export const matchReviewLabels: Record<(typeof matchReviews)[number], string> = {
  pending: '待核实',
  confirmed: '已确认',
  dismissed: '已排除',
};

export const comparisonItem = z.object({
  id: z.number().int(),
  source: z.string(),
  fileName: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  message: z.string().nullable(),
  counts: z.object({
    rows: z.number().int(),
    /** Rows naming a person registered within the uploader's scope. */
    matched: z.number().int(),
    unmatched: z.number().int(),
    refused: z.number().int(),
    skipped: z.number().int(),
  }),
  /** Matches in the viewer's scope, by review state. */
  review: z.object({ pending: z.number().int(), confirmed: z.number().int(), dismissed: z.number().int() }),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  jobId: z.number().int().nullable(),
});
export type ComparisonItem = z.infer<typeof comparisonItem>;
export const comparisonList = z.object({ items: z.array(comparisonItem) });
export const comparisonDetail = comparisonItem.extend({
  issues: z.array(importIssue.extend({ row: z.number().int() })),
});

export const matchItem = z.object({
  id: z.number().int(),
  comparisonId: z.number().int(),
  source: z.string(),
  fileName: z.string(),
  row: z.number().int(),
  person: z.object({
    id: z.number().int(),
    name: z.string(),
    /** Masked. */
    idNumber: z.string(),
    alive: z.boolean(),
    streetName: z.string().nullable(),
    regionName: z.string().nullable(),
  }),
  reportedStatus: z.enum(reportedStatusValues),
  reportedText: z.string(),
  eventDate: z.string().nullable(),
  note: z.string().nullable(),
  review: z.enum(matchReviews),
  reviewNote: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type MatchItem = z.infer<typeof matchItem>;
export const matchList = paged(matchItem);
export const matchListQuery = z.strictObject({
  ...pageQuery,
  comparisonId: z.coerce.number().int().positive().optional(),
  personId: z.coerce.number().int().positive().optional(),
  review: z.enum([...matchReviews, 'all']).default('pending'),
});

export const confirmMatchRequest = z.strictObject({
  /** The date of the event (死亡日期 …) when the list gave none or gave it only to the month. */
  eventDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .nullable()
    .default(null),
  note: z.string().trim().max(200).nullable().default(null),
});
export const dismissMatchRequest = z.strictObject({
  note: z.string().trim().min(1, '请说明排除的理由，如“经电话核实本人健在”').max(200),
});
