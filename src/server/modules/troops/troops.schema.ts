import type { Generated } from 'kysely';

/**
 * Table types of the troop-support migration (2026-11-25-0040-troops.ts): requests, meetings, dictionaries,
 * programmes and attachments, merged into the shared `DB` of db/schema.ts by declaration merging.
 */
declare module '../../db/schema.ts' {
  interface DB {
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
  }
}

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
