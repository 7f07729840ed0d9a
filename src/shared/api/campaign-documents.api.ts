import { z } from 'zod';
import { isIsoDate } from '../domain/campaign/dates.ts';

/** Campaign documents as PDF: 慰问信, 签收表 (per community), 发放汇总表 (by street and category). */

export const documentKinds = ['letters', 'sign-off-sheets', 'disbursement-summary'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentKindLabels: Record<DocumentKind, string> = {
  letters: '慰问信',
  'sign-off-sheets': '签收表',
  'disbursement-summary': '发放汇总表',
};

export const campaignParam = z.strictObject({ campaignId: z.coerce.number().int().positive() });

export const documentQuery = z.strictObject({
  streetId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  /** Letters: one per roster entry (default) or one per household. */
  per: z.enum(['entry', 'household']).default('entry'),
  /** Letters: the date printed (default: the campaign window's first day, 小年). */
  date: z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD，如 2026-02-10' }).optional(),
});
export type DocumentQuery = z.infer<typeof documentQuery>;

/** A character that no font can print: shown to the user so the record can be checked (printed as 〓). */
export const unprintableChar = z.object({
  char: z.string(),
  codePoint: z.string(),
  count: z.number().int(),
  samples: z.array(z.string()),
});
export type UnprintableChar = z.infer<typeof unprintableChar>;

/** Response header of a PDF download: URL-encoded JSON `UnprintableChar[]`. */
export const unprintableHeader = 'x-unprintable-characters';

export const documentOverview = z.object({
  campaign: z.object({ id: z.number().int(), name: z.string(), status: z.string() }),
  entries: z.number().int(),
  households: z.number().int(),
  /** Entries whose standard has a letter template. */
  letters: z.number().int(),
  cashCents: z.number().int(),
  goodsCents: z.number().int(),
  streets: z.array(z.object({ id: z.number().int(), name: z.string(), entries: z.number().int() })),
  communities: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      streetId: z.number().int(),
      streetName: z.string(),
      entries: z.number().int(),
    }),
  ),
  unprintable: z.array(unprintableChar),
});
export type DocumentOverview = z.infer<typeof documentOverview>;

/** A document generated as a job (progress bar, then a download any app node can serve until it expires). */
export const documentJobRequest = documentQuery.extend({
  kind: z.enum(documentKinds),
  /** Print characters no font has as 〓 instead of failing (after the user has seen the list). */
  allowUnprintable: z.boolean().default(false),
});
export type DocumentJobRequest = z.input<typeof documentJobRequest>;

/** What a finished document job holds (the job's `result`). */
export const documentJobResult = z.object({
  jobId: z.number().int(),
  kind: z.enum(documentKinds),
  filename: z.string(),
  pages: z.number().int(),
  count: z.number().int(),
  sizeBytes: z.number().int(),
  unprintable: z.array(unprintableChar),
  expiresAt: z.string(),
  downloadUrl: z.string(),
  /** The stored bytes (server side: platform/files.ts); the download is `downloadUrl`. */
  sha256: z.string(),
});
export type DocumentJobResult = z.infer<typeof documentJobResult>;

/** How long a generated document can be downloaded. */
export const documentTtlHours = 24;
