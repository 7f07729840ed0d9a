import type { Generated } from 'kysely';

/**
 * Table types of the Spring Festival campaign migration (2026-11-25-0050-campaigns.ts), merged into the shared
 * `DB` of db/schema.ts. Readers (PDF letters, 签收表, 发放汇总表; honours): an entry to print is
 * `campaign_roster_entries` with `state = 'active'`, joined to its `campaign_standards` row for the package and
 * letter template, and to `persons` for address and household. The visits module writes `campaign_visits`,
 * `campaign_cases` and `campaign_verifications`.
 */
declare module '../../db/schema.ts' {
  interface DB {
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
