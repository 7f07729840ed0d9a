import type { Generated } from 'kysely';

/**
 * Table types of army–people work (拥政爱民), created by the troop-support migration (2026-11-25-0040-troops.ts):
 * pairings, activities, supporters and honorees, merged into the shared `DB` of db/schema.ts.
 */
declare module '../../db/schema.ts' {
  interface DB {
    pairings: PairingTable;
    pairing_contacts: PairingContactTable;
    activities: ActivityTable;
    activity_organisers: ActivityOrganiserTable;
    supporters: SupporterTable;
    honorees: HonoreeTable;
  }
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
