import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Portable conventions (SQLite and PostgreSQL alike):
 * timestamps and dates are ISO-8601 text, booleans are integers 0/1, money is integer 分 (cents),
 * lists and small documents are JSON text.
 *
 * This file holds the platform's tables (regions, units, users, sessions, audit, notifications, jobs, files,
 * settings), the registry's core tables every module joins (categories, households, persons, qualifications)
 * and the notices. Each other module's tables live in its own `<module>.schema.ts`, merged into `DB` by
 * declaration merging (see modules/registry/registry.schema.ts).
 */
export interface DB {
  regions: RegionTable;
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  notifications: NotificationTable;
  categories: CategoryTable;
  households: HouseholdTable;
  persons: PersonTable;
  qualifications: QualificationTable;
  jobs: JobTable;
  files: FileTable;
  settings: SettingTable;
  notices: NoticeTable;
  notice_tasks: NoticeTaskTable;
  notice_assignments: NoticeAssignmentTable;
  notice_reports: NoticeReportTable;
  notice_files: NoticeFileTable;
}

export interface SettingTable {
  key: string;
  value: string;
}

export type RegionLevel = 'province' | 'city' | 'district' | 'street' | 'town' | 'community' | 'village';

export interface RegionTable {
  id: Generated<number>;
  code: string;
  name: string;
  level: RegionLevel;
  parent_id: number | null;
  /** Materialised path of ids, `/1/4/9/`: a subtree is `path LIKE '/1/4/%'`. */
  path: string;
  sort: number;
}

export type UnitKind =
  | 'office'
  | 'department'
  | 'street_office'
  | 'service_station'
  | 'enterprise'
  | 'social_org'
  | 'volunteer_team'
  | 'military';

export interface UnitTable {
  id: Generated<number>;
  kind: UnitKind;
  name: string;
  region_id: number | null;
  /** Military units only: the confidential 番号, encrypted at rest; `name` holds the public alias (某部). */
  designation_enc: string | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  address: string | null;
  notes: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  region_id: number | null;
  unit_id: number | null;
  phone_enc: string | null;
  must_change_password: number;
  failed_attempts: number;
  locked_until: string | null;
  totp_secret_enc: string | null;
  active: number;
  created_at: string;
  updated_at: string;
  password_changed_at: string | null;
  last_login_at: string | null;
}

export interface SessionTable {
  /** sha256 of the cookie token: a stolen database does not yield usable sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  ip: string;
  username: string;
  success: number;
  at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  summary: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/** One row (id = 1) holding the chain's head; locking it serialises audit appends across app nodes. */
export interface AuditHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface CategoryTable {
  code: string;
  name: string;
  group_name: string;
  aliases_json: string;
  periodic: number;
  sort: number;
  active: number;
}

export interface HouseholdTable {
  id: Generated<number>;
  name: string;
  region_id: number | null;
  address: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  /** AES-GCM ciphertext of the 18-digit 身份证号. */
  id_number_enc: string;
  /** Keyed hash (HMAC) of the full number: exact lookup and dedup without decrypting. */
  id_number_hash: string;
  /** The last 4 characters, the same as every masked display shows; for fragment search. */
  id_tail4: string;
  /** Keyed hash of the last 6 characters, for fragment search. */
  id_tail6_hash: string;
  name: string;
  /** Simplified form of the name, so 繁體 and 简体 both match. */
  name_search: string;
  pinyin_initials: string;
  pinyin_full: string;
  sex: string;
  birth_date: string;
  phone_enc: string | null;
  phone_hash: string | null;
  hukou_region_id: number | null;
  residence_region_id: number | null;
  address: string | null;
  household_id: number | null;
  alive: number;
  death_date: string | null;
  living_situations_json: string;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface QualificationTable {
  id: Generated<number>;
  person_id: number;
  category_code: string;
  disability_grade: number | null;
  disability_nature: string | null;
  relation: string | null;
  serviceman_name: string | null;
  certificate_no: string | null;
  start_date: string | null;
  end_date: string | null;
  flags_json: string;
  created_at: string;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobTable {
  id: Generated<number>;
  kind: string;
  status: JobStatus;
  progress: number;
  total: number;
  message: string | null;
  params_json: string | null;
  result_json: string | null;
  error_code: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  /** The app node running the job (host/pid/random), and until when its claim holds without a heartbeat. */
  owner_node: string | null;
  lease_until: string | null;
  /** Set in the transaction that writes the job's data (`assertJobClaim`): the work is in, whatever came after. */
  work_committed_at: string | null;
}

/**
 * The one store of bytes (uploads and generated documents), content-addressed, shared by every app node; see
 * platform/files.ts.
 */
export interface FileTable {
  sha256: string;
  mime: string;
  size: number;
  content: Buffer;
  created_at: string;
  /** Null: kept for good; else a generated document that may be purged after this time. */
  expires_at: string | null;
}

// ---- notices and tasks (通知与任务落实) ----

export interface NoticeTable {
  id: Generated<number>;
  /** The owning office's region: the scope of office staff and leaders. */
  region_id: number | null;
  status: 'draft' | 'published';
  doc_number: string | null;
  title: string;
  issuers_json: string;
  /** 成文日期 YYYY-MM-DD */
  date: string | null;
  recipients_json: string;
  cc_json: string;
  body: string;
  requirements_json: string;
  /** attachment titles as listed in the text */
  attachments_json: string;
  /** the forwarded notice's layer (转发): { docNumber, title, issuers, date, recipients, body } */
  inner_json: string | null;
  /** 简体 text of the notice, for search in either script */
  search_text: string;
  source_name: string | null;
  source_text: string | null;
  source_warnings_json: string;
  version: number;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface NoticeTaskTable {
  id: Generated<number>;
  notice_id: number;
  no: number;
  title: string;
  body: string;
  suggested_kinds_json: string;
  created_at: string;
  updated_at: string;
}

export interface NoticeAssignmentTable {
  id: Generated<number>;
  notice_id: number;
  task_id: number;
  unit_id: number;
  /** YYYY-MM-DD */
  deadline: string;
  assigned_at: string;
  assigned_by: number | null;
  acknowledged_at: string | null;
  acknowledged_by: number | null;
  acknowledged_by_name: string | null;
  /** the first report */
  reported_at: string | null;
  last_reminded_at: string | null;
}

export interface NoticeReportTable {
  id: Generated<number>;
  assignment_id: number;
  text: string;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
}

export interface NoticeFileTable {
  id: Generated<number>;
  notice_id: number;
  assignment_id: number | null;
  report_id: number | null;
  name: string;
  content_type: string;
  size: number;
  /** The bytes, in `files` (platform/files.ts). */
  sha256: string;
  uploaded_by: number | null;
  uploaded_at: string;
}
