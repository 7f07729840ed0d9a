/** What a standard is evaluated against (a person's facts) and what evaluation says (matches, failures). */
import type { IsoDate } from './dates.ts';
import type { DisabilityNature } from './standard-schema.ts';

// ---------------------------------------------------------------------------------------------------------------
// Facts

/** One qualification (优抚身份) of a person. */
export interface QualificationFacts {
  /** Category code (优抚类别). */
  code: string;
  disabilityGrade?: number | null;
  disabilityNature?: DisabilityNature | null;
  /** Relation to the serviceman (配偶、父母、子女 …), for family categories. */
  relation?: string | null;
}

/** What a standard is evaluated against: one person, flattened by the service from the registry. */
export interface PersonFacts {
  personId: string;
  householdId: string | null;
  categories: readonly QualificationFacts[];
  /** 本区户籍. */
  hukouLocal: boolean;
  alive: boolean;
  /** `YYYY-MM-DD`; missing or invalid dates fail age conditions with a reason. */
  birthDate: IsoDate | null;
  livingSituations: readonly string[];
  flags: readonly string[];
  streetId: string;
  communityId: string;
}

export interface StandardMatch {
  standardId: string;
  /** Category code of the qualification through which the person matched. */
  categoryCode: string;
  /** Why, in Chinese, e.g. `类别：残疾军人`, `伤残等级 2 级 ≤ 4 级`, `本区户籍`, `年龄 85 岁 ≥ 80 岁`. */
  reasons: string[];
}

export interface PersonEvaluation {
  personId: string;
  /** All matched standards, best first (the winning order). */
  matched: StandardMatch[];
  /** The standard that applies: the first of `matched`. */
  winner?: string;
  /** When nothing matched: the most specific reason (已故, 非本区户籍, 不符合任何慰问标准 …). */
  excludedReason?: string;
  /** When nothing matched: why each standard failed. */
  failures?: StandardFailure[];
}

export interface StandardFailure {
  standardId: string;
  reason: string;
}

export const NO_STANDARD = '不符合任何慰问标准';
