import type { Generated } from 'kysely';
import type { PersonTable, QualificationTable } from '../../db/schema.ts';

/**
 * Table types added by the import migration (2026-11-25-0020-import.ts), merged into the shared `DB`
 * interface of db/schema.ts by declaration merging, beside the module that owns them.
 */
declare module '../../db/schema.ts' {
  interface DB {
    registry_imports: RegistryImportTable;
    registry_import_rows: RegistryImportRowTable;
    registry_import_persons: RegistryImportPersonTable;
    registry_import_qualifications: RegistryImportQualificationTable;
    comparisons: ComparisonTable;
    comparison_matches: ComparisonMatchTable;
  }
}

export type ImportStatus = 'validating' | 'validated' | 'committing' | 'committed' | 'failed' | 'discarded';

/** An uploaded roster: the file (encrypted), where its header is, and the counts of its report. */
export interface RegistryImportTable {
  id: Generated<number>;
  status: ImportStatus;
  file_name: string;
  file_kind: string;
  file_size: number;
  file_sha256: string;
  file_enc: string | null;
  sheet_name: string | null;
  header_row: number | null;
  columns_json: string;
  counts_json: string;
  /** Why the whole file was refused (not a spreadsheet, no header …), or why the commit failed. */
  message: string | null;
  created_by: number | null;
  created_by_name: string | null;
  validate_job_id: number | null;
  commit_job_id: number | null;
  created_at: string;
  updated_at: string;
  committed_at: string | null;
}

export type ImportRowStatus = 'accepted' | 'refused' | 'skipped';
export type ImportRowAction = 'create' | 'merge' | 'unchanged';

/** One data row of an uploaded roster: its verdict, its issues and, when accepted, what will be saved. */
export interface RegistryImportRowTable {
  id: Generated<number>;
  import_id: number;
  row_number: number;
  status: ImportRowStatus;
  action: ImportRowAction | null;
  /** The name as read, to recognise the row in the report. */
  label: string | null;
  /** The registered person a row merges into, and the version the preview was computed on. */
  person_id: number | null;
  person_version: number | null;
  /** The person input to save (encrypted JSON: it holds the ID number and phones). */
  input_enc: string | null;
  issues_json: string;
  /** Merge preview: the field changes (masked) the commit will make. */
  changes_json: string | null;
}

/**
 * A new person of an accepted row as the commit will store it (2026-12-07-0240): the person's columns computed
 * once while validating (ID number encrypted, keyed hashes, masked forms, pinyin), copied by INSERT … SELECT.
 */
export type RegistryImportPersonTable = Omit<PersonTable, 'id' | 'version' | 'created_at' | 'updated_at'> & {
  import_id: number;
  row_number: number;
  /** 1 when living situations were given: they go to the assessment archive too. */
  assessed: number;
  /** The version's FieldChange[]. */
  changes_json: string;
  /** The audit record's before and after, computed while validating (2026-12-07-0260). */
  audit_before_json: string | null;
  audit_after_json: string | null;
};

/** The qualifications of a staged new person, in the order given. */
export type RegistryImportQualificationTable = Omit<QualificationTable, 'id' | 'person_id' | 'created_at'> & {
  import_id: number;
  row_number: number;
  position: number;
};

/** Another department's list (公安/民政/医保 …) matched against the registry. */
export interface ComparisonTable {
  id: Generated<number>;
  source: string;
  file_name: string;
  status: 'running' | 'done' | 'failed';
  counts_json: string;
  issues_json: string;
  message: string | null;
  created_by: number | null;
  created_by_name: string | null;
  job_id: number | null;
  created_at: string;
  updated_at: string;
}

export type MatchReview = 'pending' | 'confirmed' | 'dismissed';

/** A registered person found on such a list, awaiting review. */
export interface ComparisonMatchTable {
  id: Generated<number>;
  comparison_id: number;
  person_id: number;
  row_number: number;
  reported_status: string;
  reported_text: string;
  event_date: string | null;
  note: string | null;
  review: MatchReview;
  review_note: string | null;
  reviewed_by: number | null;
  reviewed_by_name: string | null;
  reviewed_at: string | null;
  created_at: string;
}
