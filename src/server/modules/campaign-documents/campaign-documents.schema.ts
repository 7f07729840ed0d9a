import type { Generated } from 'kysely';

/**
 * Campaign PDFs made by jobs (migration 2026-11-26-0100-campaign-tasks.ts), merged into the shared `DB` of
 * db/schema.ts.
 */
declare module '../../db/schema.ts' {
  interface DB {
    campaign_document_files: CampaignDocumentFileTable;
  }
}

/** A campaign PDF made by a job, kept in the database (any node serves it) until it expires. */
export interface CampaignDocumentFileTable {
  id: Generated<number>;
  job_id: number;
  campaign_id: number;
  /** 'letters' | 'sign-off-sheets' | 'disbursement-summary' */
  kind: string;
  filename: string;
  content: Buffer;
  size_bytes: number;
  pages: number;
  /** JSON UnprintableChar[]. */
  unprintable_json: string;
  created_by: number | null;
  created_at: string;
  expires_at: string;
}
