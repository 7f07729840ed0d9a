import type { Generated } from 'kysely';

/**
 * Table types added by the registry migration (2026-11-25-0010-registry.ts). They are merged into the shared
 * `DB` and `PersonTable` interfaces of db/schema.ts by declaration merging, so the registry's tables stay
 * beside the module that owns them.
 */
declare module '../../db/schema.ts' {
  interface DB {
    person_versions: PersonVersionTable;
    living_assessments: LivingAssessmentTable;
    annual_confirmations: AnnualConfirmationTable;
  }

  interface PersonTable {
    /** 户籍 address when the 户籍 lies outside the region tree (非本区户籍), or the detail below the community. */
    hukou_address: string | null;
    /** Place in the household: 户主, 配偶, 子女 … */
    household_role: string | null;
    /** The masked forms every role sees (`310107********0311`, `138****5678`): lists never decrypt. */
    id_masked: string | null;
    phone_masked: string | null;
    /** A second number (家属 or 备用), encrypted and hashed like the first. */
    phone2_enc: string | null;
    phone2_hash: string | null;
    phone2_masked: string | null;
  }
}

/** One version of a person: who changed what, when, from which source; `changes_json` is `FieldChange[]`. */
export interface PersonVersionTable {
  id: Generated<number>;
  person_id: number;
  version: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string | null;
  action: string;
  source: string | null;
  changes_json: string;
}

/** 生活状况信息档案 (条例 §38): one assessment per visit or check, kept over time. */
export interface LivingAssessmentTable {
  id: Generated<number>;
  person_id: number;
  assessed_on: string;
  situations_json: string;
  notes: string | null;
  needs: string | null;
  source: string;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
}

/** 年度确认 of a person on periodic payments, one per person and year. */
export interface AnnualConfirmationTable {
  id: Generated<number>;
  person_id: number;
  year: number;
  result: string;
  method: string | null;
  confirmed_on: string;
  notes: string | null;
  confirmed_by: number | null;
  confirmed_by_name: string | null;
  created_at: string;
  updated_at: string;
}
