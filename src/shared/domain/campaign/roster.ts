/**
 * 慰问名单: from people's facts and the campaign's standards to entries that say why they are there, and the
 * people considered but left out with the reason. Linear in the number of people (runs on 1,000,000).
 */
import type { IsoDate } from './dates.ts';
import {
  createEvaluator,
  type EvaluationLabels,
  type PersonFacts,
  type QualificationFacts,
  type Standard,
} from './standards.ts';

export const dedupPolicies = ['person', 'household'] as const;
export type DedupPolicy = (typeof dedupPolicies)[number];

export const dedupPolicyLabels: Record<DedupPolicy, string> = {
  person: '按人发放（每人一份）',
  household: '按户发放（每户一份，取最高标准）',
};

export const SAME_HOUSEHOLD_HIGHER = '同户已享受更高标准';
export const SAME_HOUSEHOLD_SAME = '同户已享受同一标准';
export const DUPLICATE_PERSON = '重复记录，已按第一条计入';

export interface RosterEntry {
  /** The person the package is for (with household dedup: the member with the best standard). */
  personId: string;
  householdId: string | null;
  streetId: string;
  communityId: string;
  /** The winning standard. */
  standardId: string;
  /** Category code of the qualification through which the winning standard matched. */
  categoryCode: string;
  /** The other standards this person also matched, best first. */
  alsoMatched: string[];
  /** Why the entry is there, in Chinese (`类别：残疾军人`, `伤残等级 2 级 ≤ 4 级` …). */
  reasons: string[];
  /** Household dedup: the other members of the household that were considered (input order); else empty. */
  otherMembers: string[];
}

export interface RosterExclusion {
  personId: string;
  householdId: string | null;
  streetId: string;
  communityId: string;
  /** 已故, 非本区户籍, 不符合任何慰问标准, 同户已享受更高标准 … */
  reason: string;
  /** For a same-household exclusion: the standard this person would have had on their own. */
  standardId?: string;
  /** For a same-household exclusion: the member whose entry covers the household. */
  coveredBy?: string;
}

export interface Roster {
  entries: RosterEntry[];
  excluded: RosterExclusion[];
  /** People looked at (entries + exclusions, duplicates included). */
  considered: number;
}

export interface BuildRosterOptions {
  dedup: DedupPolicy;
  /** The date ages are counted on. */
  refDate: IsoDate;
  labels?: EvaluationLabels;
}

function exclusion(facts: PersonFacts, reason: string): RosterExclusion {
  return {
    personId: facts.personId,
    householdId: facts.householdId,
    streetId: facts.streetId,
    communityId: facts.communityId,
    reason,
  };
}

/**
 * Builds the roster. With `dedup: 'person'` every matching person gets an entry; with `'household'` each
 * household gets one entry, for its member with the best standard (ties: the smaller personId), and the other
 * matching members are excluded with `同户已享受更高标准` (or `同户已享受同一标准`). People without a household
 * count as a household of their own. A personId seen twice is counted once.
 */
export function buildRoster(
  factsList: Iterable<PersonFacts>,
  standards: readonly Standard[],
  options: BuildRosterOptions,
): Roster {
  if (options.dedup !== 'person' && options.dedup !== 'household') {
    throw new RangeError(`去重方式只能是按人或按户，收到：${String(options.dedup)}`);
  }
  const evaluator = createEvaluator(standards, options.refDate, { labels: options.labels });
  const ranked = evaluator.ranked;
  const list = Array.isArray(factsList) ? (factsList as readonly PersonFacts[]) : Array.from(factsList);
  const entries: RosterEntry[] = [];
  const excluded: RosterExclusion[] = [];
  const seen = new Set<string>();

  const alsoMatchedOf = (count: number): string[] => {
    const also: string[] = [];
    for (let i = 1; i < count; i++) also.push((ranked[evaluator.matchedRank(i)] as Standard).id);
    return also;
  };

  if (options.dedup === 'person') {
    for (const facts of list) {
      if (seen.has(facts.personId)) {
        excluded.push(exclusion(facts, DUPLICATE_PERSON));
        continue;
      }
      seen.add(facts.personId);
      const count = evaluator.scan(facts);
      if (count === 0) {
        excluded.push(exclusion(facts, evaluator.exclusionReason(facts)));
        continue;
      }
      const rank = evaluator.matchedRank(0);
      const qualification = evaluator.matchedQualification(0);
      const alsoMatched = alsoMatchedOf(count);
      entries.push({
        personId: facts.personId,
        householdId: facts.householdId,
        streetId: facts.streetId,
        communityId: facts.communityId,
        standardId: (ranked[rank] as Standard).id,
        categoryCode: (facts.categories[qualification] as QualificationFacts).code,
        alsoMatched,
        reasons: evaluator.explain(facts, rank, qualification),
        otherMembers: [],
      });
    }
    return { entries, excluded, considered: list.length };
  }

  // Household dedup: one pass to evaluate and group, one pass over households. Groups are kept in typed arrays
  // (members as a linked list) so that a million people cost a few arrays, not a million small objects.
  const n = list.length;
  const winnerRank = new Int32Array(n).fill(-1);
  const nextMember = new Int32Array(n).fill(-1);
  const groupBest = new Int32Array(n).fill(-1);
  const groupHead = new Int32Array(n);
  const groupTail = new Int32Array(n);
  const groupSize = new Int32Array(n);
  const groupIndex = new Map<string, number>();
  let groupCount = 0;

  for (let i = 0; i < n; i++) {
    const facts = list[i] as PersonFacts;
    if (seen.has(facts.personId)) {
      excluded.push(exclusion(facts, DUPLICATE_PERSON));
      continue;
    }
    seen.add(facts.personId);
    let group = facts.householdId === null ? undefined : groupIndex.get(facts.householdId);
    if (group === undefined) {
      group = groupCount++;
      groupHead[group] = i;
      if (facts.householdId !== null) groupIndex.set(facts.householdId, group);
    } else {
      nextMember[groupTail[group] as number] = i;
    }
    groupTail[group] = i;
    groupSize[group] = (groupSize[group] as number) + 1;

    const count = evaluator.scan(facts);
    if (count === 0) {
      excluded.push(exclusion(facts, evaluator.exclusionReason(facts)));
      continue;
    }
    const rank = evaluator.matchedRank(0);
    winnerRank[i] = rank;
    const best = groupBest[group] as number;
    if (
      best < 0 ||
      rank < (winnerRank[best] as number) ||
      (rank === winnerRank[best] && facts.personId < (list[best] as PersonFacts).personId)
    ) {
      groupBest[group] = i;
    }
  }

  for (let group = 0; group < groupCount; group++) {
    const best = groupBest[group] as number;
    if (best < 0) continue;
    const facts = list[best] as PersonFacts;
    const rank = winnerRank[best] as number;
    const otherMembers: string[] = [];
    for (let member = groupHead[group] as number; member >= 0; member = nextMember[member] as number) {
      if (member === best) continue;
      const memberFacts = list[member] as PersonFacts;
      otherMembers.push(memberFacts.personId);
      const memberRank = winnerRank[member] as number;
      if (memberRank < 0) continue; // already excluded with their own reason
      excluded.push({
        ...exclusion(memberFacts, memberRank === rank ? SAME_HOUSEHOLD_SAME : SAME_HOUSEHOLD_HIGHER),
        standardId: (ranked[memberRank] as Standard).id,
        coveredBy: facts.personId,
      });
    }
    // Scan the chosen member again for the details (cheaper than keeping them for everyone).
    const count = evaluator.scan(facts);
    const qualification = evaluator.matchedQualification(0);
    const alsoMatched = alsoMatchedOf(count);
    const reasons = evaluator.explain(facts, rank, qualification);
    if (otherMembers.length > 0) reasons.push(`按户发放：同户 ${groupSize[group]} 人，取最高标准`);
    entries.push({
      personId: facts.personId,
      householdId: facts.householdId,
      streetId: facts.streetId,
      communityId: facts.communityId,
      standardId: (ranked[rank] as Standard).id,
      categoryCode: (facts.categories[qualification] as QualificationFacts).code,
      alsoMatched,
      reasons,
      otherMembers,
    });
  }
  return { entries, excluded, considered: n };
}
