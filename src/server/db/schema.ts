import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Portable conventions (SQLite and PostgreSQL alike):
 * timestamps and dates are ISO-8601 text, booleans are integers 0/1, money is integer 分 (cents),
 * lists and small documents are JSON text.
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
  troop_lookups: TroopLookupTable;
  troop_programmes: TroopProgrammeTable;
  troop_programme_links: TroopProgrammeLinkTable;
  troop_requests: TroopRequestTable;
  troop_request_events: TroopRequestEventTable;
  troop_meetings: TroopMeetingTable;
  troop_meeting_attendees: TroopMeetingAttendeeTable;
  troop_meeting_requests: TroopMeetingRequestTable;
  troop_request_supporters: TroopRequestSupporterTable;
  troop_attachments: TroopAttachmentTable;
  pairings: PairingTable;
  pairing_contacts: PairingContactTable;
  activities: ActivityTable;
  activity_organisers: ActivityOrganiserTable;
  supporters: SupporterTable;
  honorees: HonoreeTable;
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

/** Uploaded files (signatures, photos, attachments), content-addressed, shared by every app node. */
export interface FileTable {
  sha256: string;
  mime: string;
  size: number;
  content: Buffer;
  created_at: string;
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
  sha256: string;
  content_b64: string;
  uploaded_by: number | null;
  uploaded_at: string;
}

// Troop support (拥军) and army–people work (拥政爱民): migration 2026-11-25-0040-troops.

export type TroopLookupList = 'request_kind' | 'activity_type' | 'pairing_category' | 'contact_kind';

/** Dictionaries kept as data: request kinds, activity types, pairing categories, contact kinds. */
export interface TroopLookupTable {
  id: Generated<number>;
  list: TroopLookupList;
  code: string;
  name: string;
  /** Request kinds only: whether the kind usually concerns the unit or one family; null for either. */
  subject: string | null;
  sort: number;
  active: number;
}

/** Programmes (聚焦一线、聚力解难 …) used as tags on requests, pairings and activities. */
export interface TroopProgrammeTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  active: number;
  sort: number;
  created_at: string;
  updated_at: string;
}

/** 'visit': a campaign visit's tags; 'campaign': the tags a campaign's visits get by default. */
export type ProgrammeOwner = 'request' | 'pairing' | 'activity' | 'visit' | 'campaign';

export interface TroopProgrammeLinkTable {
  programme_id: number;
  owner_type: ProgrammeOwner;
  owner_id: number;
}

export interface TroopRequestTable {
  id: Generated<number>;
  /** 'unit' (the unit's difficulty) or 'family' (one serviceman's family: 随军家属就业、子女入学 …). */
  subject: string;
  military_unit_id: number | null;
  /** Where the request belongs for region scope: the unit's region, or the family's. */
  region_id: number | null;
  kind_code: string;
  title: string;
  content: string;
  family_name: string | null;
  family_relation: string | null;
  family_phone_enc: string | null;
  person_id: number | null;
  /** liaison | meeting | visit | office */
  source: string;
  visit_id: number | null;
  /** Which need of that visit (1, 2 …); unique with visit_id, so a replayed sync never opens it twice. */
  visit_need_no: number | null;
  status: string;
  department_id: number | null;
  due_date: string | null;
  assigned_at: string | null;
  resolved_at: string | null;
  rated_at: string | null;
  rating: number | null;
  rating_comment: string | null;
  /** The due date for which the overdue alert went out: a new due date gets a new alert. */
  overdue_notified_for: string | null;
  raised_by: number | null;
  raised_by_name: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Every step of a request (created, assigned, reassigned, returned, resolved, reopened, rated, comments, alerts). */
export interface TroopRequestEventTable {
  id: Generated<number>;
  request_id: number;
  action: string;
  from_status: string | null;
  to_status: string | null;
  department_id: number | null;
  due_date: string | null;
  comment: string | null;
  actor_user_id: number | null;
  actor_name: string | null;
  at: string;
}

export interface TroopMeetingTable {
  id: Generated<number>;
  /** joint (联席会议) | leading_group (领导小组会议) | symposium (军地座谈会) | briefing (情况通报) */
  kind: string;
  title: string;
  held_on: string;
  place: string | null;
  region_id: number | null;
  minutes: string | null;
  decisions_json: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface TroopMeetingAttendeeTable {
  id: Generated<number>;
  meeting_id: number;
  unit_id: number | null;
  name: string | null;
  title: string | null;
  sort: number;
}

export interface TroopMeetingRequestTable {
  meeting_id: number;
  request_id: number;
  /** produced (raised at the meeting) | discussed */
  relation: string;
  created_at: string;
}

export interface TroopRequestSupporterTable {
  request_id: number;
  supporter_id: number;
  note: string | null;
  created_at: string;
}

export type TroopAttachmentOwner = 'request' | 'meeting' | 'activity';

/** Files of requests, meetings and activity photos; the bytes live content-addressed under DATA_DIR/files. */
export interface TroopAttachmentTable {
  id: Generated<number>;
  owner_type: TroopAttachmentOwner;
  owner_id: number;
  sha256: string;
  mime: string;
  size: number;
  name: string;
  /** Names a military unit's 番号 or similar: only roles cleared for the unit see it. */
  confidential: number;
  uploaded_by: number | null;
  uploaded_by_name: string | null;
  created_at: string;
}

export interface PairingTable {
  id: Generated<number>;
  military_unit_id: number;
  region_id: number | null;
  /** person | family */
  beneficiary_kind: string;
  beneficiary_name: string;
  category_code: string;
  cadence_days: number;
  started_on: string;
  ended_on: string | null;
  active: number;
  address: string | null;
  phone_enc: string | null;
  notes: string | null;
  last_contact_on: string | null;
  /** Derived by the cadence rule whenever the pairing or its contacts change: overdue = next_due_on < today. */
  next_due_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface PairingContactTable {
  id: Generated<number>;
  pairing_id: number;
  contacted_on: string;
  kind_code: string;
  summary: string | null;
  participants: number;
  spend_cents: number;
  recorded_by: number | null;
  recorded_by_name: string | null;
  created_at: string;
}

export interface ActivityTable {
  id: Generated<number>;
  type_code: string;
  title: string;
  held_on: string;
  end_on: string | null;
  place: string | null;
  region_id: number | null;
  participant_count: number;
  participants: string | null;
  spend_cents: number;
  summary: string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActivityOrganiserTable {
  activity_id: number;
  unit_id: number;
}

export interface SupporterTable {
  id: Generated<number>;
  /** enterprise | social_org | volunteer_team | social_worker */
  kind: string;
  name: string;
  region_id: number | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  pledge: string;
  benefit: string | null;
  valid_from: string | null;
  valid_to: string | null;
  active: number;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface HonoreeTable {
  id: Generated<number>;
  /** unit | individual */
  kind: string;
  name: string;
  unit_id: number | null;
  honour: string;
  /** national | provincial | city | district */
  level: string;
  year: number;
  story: string | null;
  region_id: number | null;
  published: number;
  created_at: string;
  updated_at: string;
}

// ---- Spring Festival campaign (走访慰问): migration 2026-11-25-0050-campaigns ----
// Merged into `DB` above by declaration merging, so this block only appends. Readers (PDF letters, 签收表,
// 发放汇总表; honours): an entry to print is `campaign_roster_entries` with `state = 'active'`, joined to its
// `campaign_standards` row for the package and letter template, and to `persons` for address and household.

export interface DB {
  campaigns: CampaignTable;
  campaign_standards: CampaignStandardTable;
  campaign_roster_entries: CampaignRosterEntryTable;
  campaign_exclusions: CampaignExclusionTable;
  campaign_street_reviews: CampaignStreetReviewTable;
  campaign_amendments: CampaignAmendmentTable;
  campaign_visits: CampaignVisitTable;
  campaign_cases: CampaignCaseTable;
  campaign_verifications: CampaignVerificationTable;
}

/** A campaign (慰问活动), e.g. 2026年春节走访慰问, owned by the office of `region_id` (its scope). */
export interface CampaignTable {
  id: Generated<number>;
  /** The owning office's region (district or city): 本区户籍 means 户籍 inside this region's subtree. */
  region_id: number;
  name: string;
  year: number;
  /** The window, both ends inclusive (default 小年 → 元宵), YYYY-MM-DD. */
  window_start: string;
  window_end: string;
  /** 春节 (正月初一) of `year`; letters are usually dated around it. */
  spring_festival: string;
  /** Visits are due by this date (default 除夕); undelivered after it = overdue, after window_end = 漏访. */
  due_date: string;
  /** The date ages are counted on for the standards (default 春节). */
  ref_date: string;
  little_new_year_day: string;
  budget_cents: number;
  /** 'person' (one package per person) | 'household' (one per household, the highest standard wins). */
  dedup_policy: string;
  /** draft → roster_generated → in_review → locked → in_progress → closed (campaign-window.ts). */
  status: string;
  /** The preset it was created from: 'putuo' | 'karamay' | null. */
  preset_key: string | null;
  /** 落款单位 of letters (e.g. 上海市普陀区拥军优属拥政爱民工作领导小组办公室). */
  signatory: string | null;
  /** JSON string[] of the campaign's task types: 'visit', 'merit_notice' (送立功喜报), 'plaque' (挂光荣牌),
   * 'couplets' (贴春联年画). Only 'visit' is run here; the others are for the honours registers. */
  task_types_json: string;
  /** Last year's campaign for the comparison (试算 and progress). */
  previous_campaign_id: number | null;
  roster_job_id: number | null;
  roster_generated_at: string | null;
  /** People looked at by the last roster generation. */
  considered_count: number;
  submitted_at: string | null;
  locked_at: string | null;
  locked_by_name: string | null;
  closed_at: string | null;
  version: number;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
}

/** A standard (慰问标准): categories + conditions → a package, with a priority (higher wins). */
export interface CampaignStandardTable {
  id: Generated<number>;
  campaign_id: number;
  name: string;
  priority: number;
  /** JSON string[] of category codes (domain/categories.ts); [] = any category. */
  categories_json: string;
  /** JSON Condition[] (domain/campaign/standards.ts). */
  conditions_json: string;
  /** 慰问金 in 分. */
  cash_cents: number;
  /** JSON GoodsItem[]: { name, quantity, unitPriceCents, unit }. */
  goods_json: string;
  /** 慰问信 template with placeholders such as {{姓名}} {{称谓}} {{类别}} {{落款单位}} {{日期}}; null = no letter. */
  letter_template: string | null;
  /** 0 while the amounts are a preset's placeholders that the office has not set yet. */
  amount_set: number;
  sort: number;
  created_at: string;
  updated_at: string;
}

/** One roster entry (名单条目): a person (per-household dedup: the household's chosen member) and a package. */
export interface CampaignRosterEntryTable {
  id: Generated<number>;
  campaign_id: number;
  person_id: number;
  household_id: number | null;
  /** The winning standard (campaign_standards.id). */
  standard_id: number;
  /** Category code through which the winning standard matched (for 发放汇总表 by category). */
  category_code: string;
  /** Region ids of the street/town and the community/village that visit this person (residence, else 户籍). */
  street_id: number;
  community_id: number;
  /** The person's name when the roster was made (printing uses persons.name for the current one). */
  person_name: string;
  /** The package as planned, copied from the standard at generation: 慰问金 and goods value in 分. */
  cash_cents: number;
  goods_cents: number;
  /** JSON GoodsItem[] planned for this entry. */
  goods_json: string;
  /** JSON number[]: the other standards this person also matched, best first. */
  also_matched_json: string;
  /** JSON string[]: why the entry is there (类别：残疾军人, 伤残等级 2 级 ≤ 4 级 …) or the reason of a manual add. */
  reasons_json: string;
  /** JSON number[]: household dedup, the other members of the household (person ids). */
  other_members_json: string;
  /** 'rule' (generated) | 'manual' (added in review or by an amendment). */
  source: string;
  /** 'active' | 'removed' (kept with the reason; never printed). */
  state: string;
  note: string | null;
  removed_reason: string | null;
  removed_by_name: string | null;
  removed_at: string | null;
  /** The visitor it is assigned to (a street or community user). */
  assigned_user_id: number | null;
  assigned_at: string | null;
  /** 'pending' | 'delivered' (set once, by the one visit that wins). */
  visit_status: string;
  delivered_at: string | null;
  visit_id: number | null;
  created_at: string;
  updated_at: string;
}

/** People considered and left out of the roster, with the reason (已故, 非本区户籍, 同户已享受更高标准 …). */
export interface CampaignExclusionTable {
  id: Generated<number>;
  campaign_id: number;
  person_id: number;
  household_id: number | null;
  street_id: number;
  community_id: number;
  person_name: string;
  reason: string;
  /** Same-household exclusions: the standard the person would have had, and whose entry covers the household. */
  standard_id: number | null;
  covered_by_person_id: number | null;
}

/** Each street's confirmation of its entries (街道确认) before the office approves and locks. */
export interface CampaignStreetReviewTable {
  id: Generated<number>;
  campaign_id: number;
  street_id: number;
  /** 'pending' | 'confirmed' */
  status: string;
  note: string | null;
  confirmed_by: number | null;
  confirmed_by_name: string | null;
  confirmed_at: string | null;
}

/** Every change to a generated roster: review edits (phase 'review', applied at once) and amendments after
 * the lock (phase 'amendment': pending → approved (applied) / rejected by the office). */
export interface CampaignAmendmentTable {
  id: Generated<number>;
  campaign_id: number;
  /** 'add' | 'remove' */
  kind: string;
  entry_id: number | null;
  person_id: number;
  standard_id: number | null;
  street_id: number;
  community_id: number;
  reason: string;
  /** 'applied' | 'pending' | 'approved' | 'rejected' */
  status: string;
  /** 'review' | 'amendment' */
  phase: string;
  requested_by: number | null;
  requested_by_name: string | null;
  requested_at: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

/** A visit that delivered an entry's package (one per entry: `entry_id` is unique). */
export interface CampaignVisitTable {
  id: Generated<number>;
  campaign_id: number;
  entry_id: number;
  /** The client-generated uuid (idempotency key) of this submission. */
  client_key: string;
  person_id: number;
  visited_on: string;
  /** 'home' (上门) | 'gathering' (集中) | 'mail' (邮寄) | 'proxy' (代领) */
  mode: string;
  cash_cents: number;
  /** JSON { name, quantity, unit }[] handed over. */
  goods_json: string;
  goods_cents: number;
  /** 'self' | 'proxy' */
  receiver_kind: string;
  receiver_name: string;
  proxy_relation: string | null;
  /** The proxy's 身份证号: encrypted, and its masked form for display. */
  proxy_id_enc: string | null;
  proxy_id_masked: string | null;
  /** PNG of the signature drawn on screen, stored through platform/files.ts (content-addressed). */
  signature_sha256: string | null;
  photo_sha256: string | null;
  /** JSON string[] living-situation update (also written to the registry's assessments), null = unchanged. */
  living_situations_json: string | null;
  living_notes: string | null;
  needs: string | null;
  /** The follow-up case opened for the needs raised. */
  case_id: number | null;
  note: string | null;
  recorded_offline: number;
  recorded_by: number | null;
  recorded_by_name: string | null;
  created_at: string;
}

/** A follow-up item for the street: needs raised during a visit, or a failed 回访抽查. */
export interface CampaignCaseTable {
  id: Generated<number>;
  campaign_id: number;
  entry_id: number;
  person_id: number;
  street_id: number;
  community_id: number;
  /** 'visit' | 'verification' */
  source: string;
  title: string;
  detail: string | null;
  /** 'open' | 'resolved' */
  status: string;
  resolution: string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  resolved_by_name: string | null;
  resolved_at: string | null;
}

/** 回访抽查: a delivered entry drawn at random for a phone check, and its outcome. */
export interface CampaignVerificationTable {
  id: Generated<number>;
  campaign_id: number;
  entry_id: number;
  visit_id: number;
  street_id: number;
  community_id: number;
  /** Draws are numbered per campaign (1, 2 …). */
  batch: number;
  drawn_by_name: string | null;
  drawn_at: string;
  /** null (not checked yet) | 'confirmed' | 'not_received' | 'amount_differs' | 'unreachable' */
  outcome: string | null;
  reported_cash_cents: number | null;
  note: string | null;
  case_id: number | null;
  checked_by_name: string | null;
  checked_at: string | null;
}

// ---- Honours (光荣牌, 立功喜报): migration 2026-11-25-0060-honours ----
// Merged into `DB` above by declaration merging, so this block only appends.

export interface DB {
  honor_plaques: HonorPlaqueTable;
  honor_plaque_events: HonorPlaqueEventTable;
  honor_merit_notices: HonorMeritNoticeTable;
}

/** A household's 光荣牌 once it has been hung (before that, 应挂 is computed from the registry). */
export interface HonorPlaqueTable {
  id: Generated<number>;
  household_id: number;
  /** 'hung' (已挂) | 'withdrawn' (已收回) */
  status: string;
  /** JSON PlaqueReason[] at the last hanging or restoring. */
  reasons_json: string;
  hung_on: string | null;
  /** Who hung it (a person's name, not an account). */
  hung_by: string | null;
  /** The family member who signed for it. */
  family_signer: string | null;
  /** 'hang' | 'replace' | 'withdraw' | 'restore' */
  last_action: string;
  last_action_on: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Every step of a plaque's life: hung, replaced, withdrawn, restored, with its date, people and reason. */
export interface HonorPlaqueEventTable {
  id: Generated<number>;
  plaque_id: number;
  action: string;
  from_status: string;
  to_status: string;
  date: string;
  performed_by: string | null;
  family_signer: string | null;
  /** The family's signature drawn on screen, as a PNG data URL. */
  signature: string | null;
  reason: string | null;
  recorded_by: number | null;
  recorded_by_name: string | null;
  created_at: string;
}

/** 立功喜报: a serviceman's award, received by the office and delivered to the family in the registry. */
export interface HonorMeritNoticeTable {
  id: Generated<number>;
  /** commendation | excellent_soldier | third_class | second_class | first_class | honorary_title */
  award: string;
  honorary_title: string | null;
  awarded_on: string | null;
  serviceman_name: string;
  /** The serviceman's unit: confidential (安全保密), shown only to cleared roles. */
  military_unit_id: number | null;
  citation: string | null;
  /** The family member in the registry the notice goes to; household and region copied from them for scope. */
  person_id: number;
  household_id: number | null;
  region_id: number | null;
  relation: string | null;
  received_on: string;
  /** received_on + 2 working days (domain/honours/working-days.ts). */
  due_on: string;
  /** 'pending' | 'delivered' */
  status: string;
  delivered_on: string | null;
  delivered_by: string | null;
  ceremony: string | null;
  reward_cents: number | null;
  version: number;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
}

// ---- Briefings (工作总结): migration 2026-11-26-0080-briefings ----
// Merged into `DB` above by declaration merging, so this block only appends.

export interface DB {
  campaign_summaries: CampaignSummaryTable;
}

/** A campaign's summary (工作总结) as the office edited and saved it (the draft itself is computed, not kept). */
export interface CampaignSummaryTable {
  id: Generated<number>;
  campaign_id: number;
  title: string;
  /** One paragraph per line. */
  body: string;
  version: number;
  saved_by: number | null;
  saved_by_name: string | null;
  saved_at: string;
  created_at: string;
}

// ---- Campaign task types, tasks and document files: migration 2026-11-26-0100-campaign-tasks ----

export interface DB {
  campaign_task_types: CampaignTaskTypeTable;
  campaign_tasks: CampaignTaskTable;
  campaign_document_files: CampaignDocumentFileTable;
}

/** A task type of a campaign, editable per campaign; at most one per kind. */
export interface CampaignTaskTypeTable {
  id: Generated<number>;
  campaign_id: number;
  /** 'visit' (慰问金、慰问品: the roster entries themselves) | 'merit_notice' | 'plaque' | 'couplets'. */
  kind: string;
  name: string;
  /** plaque only: JSON PlaqueAction[] the campaign plans — 'hang' (新挂), 'replace' (更换), 'restore' (补挂). */
  plaque_actions_json: string | null;
  sort: number;
  created_at: string;
  updated_at: string;
}

/** One household's (or one honour record's) task of a non-visit type; done once, by a visit or on its own. */
export interface CampaignTaskTable {
  id: Generated<number>;
  campaign_id: number;
  task_type_id: number;
  kind: string;
  /** 'h:<household id>' | 'e:<entry id>' | 'm:<merit notice id>': one task per target and type. */
  target_key: string;
  /** The roster entry of the family, if it is on the roster (the visit form shows the task there). */
  entry_id: number | null;
  household_id: number | null;
  person_id: number | null;
  merit_notice_id: number | null;
  /** plaque only: 'hang' | 'replace' | 'restore'. */
  plaque_action: string | null;
  /** The family or household name shown in lists. */
  subject_name: string;
  street_id: number;
  community_id: number;
  /** 'pending' | 'done' */
  status: string;
  done_on: string | null;
  done_by: number | null;
  done_by_name: string | null;
  /** The client key of the (possibly offline) submission that did it. */
  done_client_key: string | null;
  visit_id: number | null;
  /** Assigned on its own; null = follows the roster entry's assignee (if the family is on the roster). */
  assigned_user_id: number | null;
  assigned_at: string | null;
  created_at: string;
  updated_at: string;
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
