import type { Generated } from 'kysely';

/**
 * Table types of the honours migration (2026-11-25-0060-honours.ts: 光荣牌, 立功喜报), merged into the shared
 * `DB` of db/schema.ts.
 */
declare module '../../db/schema.ts' {
  interface DB {
    honor_plaques: HonorPlaqueTable;
    honor_plaque_events: HonorPlaqueEventTable;
    honor_merit_notices: HonorMeritNoticeTable;
  }
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
