/** Evaluating many people against prepared standards: a fast scan, then reasons for matches and exclusions. */
import { ageOnParts, type DateParts, type IsoDate, parseIsoDate } from './dates.ts';
import {
  anyIn,
  type CompiledStandard,
  compareStandards,
  compileStandard,
  inRange,
  qualificationHolds,
  STAGE_AGE,
  STAGE_ALIVE,
  STAGE_CATEGORY,
  STAGE_FLAG,
  STAGE_HUKOU,
  STAGE_LIVING,
  STAGE_QUALIFICATION,
} from './standard-compile.ts';
import {
  NO_STANDARD,
  type PersonEvaluation,
  type PersonFacts,
  type QualificationFacts,
  type StandardFailure,
  type StandardMatch,
} from './standard-facts.ts';
import { defaultCategoryLabels, type EvaluationLabels, type Standard } from './standard-schema.ts';
import { failureReason, matchReasons, noStandardReason, type ReasonContext } from './standard-texts.ts';

const MIXED = '\u0000mixed';

export interface StandardEvaluator {
  /** The standards best first (winning order). */
  readonly ranked: readonly Standard[];
  readonly refDate: IsoDate;
  /** Full evaluation with Chinese reasons for every matched standard. */
  evaluate(facts: PersonFacts): PersonEvaluation;
  /**
   * Fast path without reasons or allocation: checks all standards and returns how many matched. The matches,
   * best first, are then read with `matchedRank(i)` (index into `ranked`) and `matchedQualification(i)` (index
   * into `facts.categories`) until the next call.
   */
  scan(facts: PersonFacts): number;
  matchedRank(i: number): number;
  matchedQualification(i: number): number;
  /** Reasons why `facts` matches `ranked[rank]` through qualification `qualificationIndex`. */
  explain(facts: PersonFacts, rank: number, qualificationIndex: number): string[];
  /**
   * Why `facts` matches nothing, in one phrase (call only when `scan` returned 0): 已故, 非本区户籍, a failed
   * condition such as `年龄 79 岁，未满 80 岁` when every standard that concerns the person fails the same way,
   * else `不符合任何慰问标准`.
   */
  exclusionReason(facts: PersonFacts): string;
  /** Why each standard does not match `facts`, in the winning order. */
  exclusionDetails(facts: PersonFacts): StandardFailure[];
}

/**
 * Prepares standards once for evaluating many people on `refDate` (the date ages are counted on, usually
 * 春节 or the window's start). Throws on duplicate standard ids or an invalid date.
 */
export function createEvaluator(
  standards: readonly Standard[],
  refDate: IsoDate,
  options: { labels?: EvaluationLabels } = {},
): StandardEvaluator {
  const ref: DateParts | null = parseIsoDate(refDate);
  if (ref === null) throw new RangeError(`参考日期无效：${String(refDate)}，请按 YYYY-MM-DD 填写`);
  const ids = new Set<string>();
  for (const standard of standards) {
    if (ids.has(standard.id)) throw new RangeError(`慰问标准编号重复：${standard.id}`);
    ids.add(standard.id);
  }
  const ranked = [...standards].sort(compareStandards);
  const compiled = ranked.map(compileStandard);
  const labels = options.labels ?? {};
  const categoryLabels = labels.categories ?? defaultCategoryLabels;
  const ranks = new Int32Array(compiled.length);
  const qualifications = new Int32Array(compiled.length);

  // Age is computed at most once per person.
  let ageFor: PersonFacts | null = null;
  let ageValue: number | null = null;
  function ageOf(facts: PersonFacts): number | null {
    if (ageFor !== facts) {
      ageFor = facts;
      const birth = parseIsoDate(facts.birthDate);
      ageValue = birth === null ? null : ageOnParts(birth, ref as DateParts);
    }
    return ageValue;
  }

  /** ≥ 0: matched through that qualification index; < 0: `-1 - stage` of the first failure. */
  function check(c: CompiledStandard, facts: PersonFacts): number {
    const quals = facts.categories;
    let firstCandidate = -1;
    let holding = -1;
    for (let i = 0; i < quals.length; i++) {
      const q = quals[i] as QualificationFacts;
      if (c.categories !== null && !c.categories.includes(q.code)) continue;
      if (firstCandidate < 0) firstCandidate = i;
      if (qualificationHolds(c, q)) {
        holding = i;
        break;
      }
    }
    if (firstCandidate < 0) return -1 - STAGE_CATEGORY;
    if (facts.alive !== c.aliveRequired) return -1 - STAGE_ALIVE;
    if (c.hukou !== null && facts.hukouLocal !== c.hukou) return -1 - STAGE_HUKOU;
    if (holding < 0) return -1 - STAGE_QUALIFICATION;
    if (c.age !== null) {
      const age = ageOf(facts);
      if (age === null || !inRange(age, c.age)) return -1 - STAGE_AGE;
    }
    if (c.living !== null && !anyIn(facts.livingSituations, c.living)) return -1 - STAGE_LIVING;
    if (c.flags !== null && !anyIn(facts.flags, c.flags)) return -1 - STAGE_FLAG;
    return holding;
  }

  function scan(facts: PersonFacts): number {
    ageFor = null;
    let count = 0;
    for (let r = 0; r < compiled.length; r++) {
      const result = check(compiled[r] as CompiledStandard, facts);
      if (result >= 0) {
        ranks[count] = r;
        qualifications[count] = result;
        count++;
      }
    }
    return count;
  }

  const texts: ReasonContext = { labels, categoryLabels, ageOf };

  function explain(facts: PersonFacts, rank: number, qualificationIndex: number): string[] {
    const c = compiled[rank];
    const q = facts.categories[qualificationIndex];
    if (c === undefined || q === undefined) throw new RangeError('标准或优抚身份序号无效');
    return matchReasons(c, facts, q, texts);
  }

  /**
   * One reason when the standards that concern the person agree: those naming one of the person's categories,
   * or, when none does, those open to any category. Otherwise `不符合任何慰问标准` (details: `exclusionDetails`).
   */
  function exclusionReason(facts: PersonFacts): string {
    ageFor = null;
    let reason: string | null = null;
    let reasonTargeted = false;
    for (const c of compiled) {
      const result = check(c, facts);
      if (result >= 0) return '';
      const stage = -1 - result;
      if (stage === STAGE_CATEGORY) continue;
      const targeted = c.categories !== null;
      if (reasonTargeted && !targeted) continue;
      const text = failureReason(c, facts, stage, texts);
      if (reason === null || (targeted && !reasonTargeted)) {
        reason = text;
        reasonTargeted = targeted;
      } else if (reason !== text) {
        if (reasonTargeted) return NO_STANDARD;
        reason = MIXED;
      }
    }
    if (reason === null) return noStandardReason(facts);
    return reason === MIXED ? NO_STANDARD : reason;
  }

  function exclusionDetails(facts: PersonFacts): StandardFailure[] {
    ageFor = null;
    const failures: StandardFailure[] = [];
    for (const c of compiled) {
      const result = check(c, facts);
      if (result >= 0) continue;
      failures.push({ standardId: c.standard.id, reason: failureReason(c, facts, -1 - result, texts) });
    }
    return failures;
  }

  function evaluate(facts: PersonFacts): PersonEvaluation {
    const count = scan(facts);
    if (count === 0) {
      return {
        personId: facts.personId,
        matched: [],
        excludedReason: exclusionReason(facts),
        failures: exclusionDetails(facts),
      };
    }
    const matched: StandardMatch[] = [];
    for (let i = 0; i < count; i++) {
      const rank = ranks[i] as number;
      const qualificationIndex = qualifications[i] as number;
      matched.push({
        standardId: (ranked[rank] as Standard).id,
        categoryCode: (facts.categories[qualificationIndex] as QualificationFacts).code,
        reasons: explain(facts, rank, qualificationIndex),
      });
    }
    return { personId: facts.personId, matched, winner: matched[0]?.standardId };
  }

  return {
    ranked,
    refDate,
    evaluate,
    scan,
    matchedRank: (i) => ranks[i] as number,
    matchedQualification: (i) => qualifications[i] as number,
    explain,
    exclusionReason,
    exclusionDetails,
  };
}

/** Evaluates one person against the standards on `refDate`. For many people, use `createEvaluator` once. */
export function evaluatePerson(
  facts: PersonFacts,
  standards: readonly Standard[],
  refDate: IsoDate,
  options: { labels?: EvaluationLabels } = {},
): PersonEvaluation {
  return createEvaluator(standards, refDate, options).evaluate(facts);
}
