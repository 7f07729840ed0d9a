/** Human-readable texts of standards: conditions for lists and forms, reasons for matches and failures. */
import {
  type CompiledStandard,
  inRange,
  type Range,
  STAGE_AGE,
  STAGE_ALIVE,
  STAGE_CATEGORY,
  STAGE_FLAG,
  STAGE_HUKOU,
  STAGE_LIVING,
  STAGE_QUALIFICATION,
} from './standard-compile.ts';
import { NO_STANDARD, type PersonFacts, type QualificationFacts } from './standard-facts.ts';
import { type Condition, disabilityNatureLabels, type EvaluationLabels } from './standard-schema.ts';

/** A package's goods as lists, sheets and forms show them: `[{ name: '大米', quantity: 1, unit: '袋' }]` → `大米 1袋`. */
export function goodsText(goods: readonly { name: string; quantity: number; unit: string }[]): string {
  return goods.map((g) => `${g.name} ${g.quantity}${g.unit}`).join('、');
}

export function rangeText(range: Range, unit: string): string {
  if (range.min !== undefined && range.max !== undefined) {
    return range.min === range.max ? `${range.min} ${unit}` : `${range.min}–${range.max} ${unit}`;
  }
  return range.min !== undefined ? `≥ ${range.min} ${unit}` : `≤ ${range.max} ${unit}`;
}

/** The text around the value in a matched range reason: `[before, after]` as in `伤残等级 ` 2 ` 级 ≤ 4 级`. */
export function matchedRangeParts(subject: string, range: Range, unit: string): [string, string] {
  if (range.min !== undefined && range.max !== undefined) {
    return range.min === range.max
      ? [`${subject} `, ` ${unit}`]
      : [`${subject} `, ` ${unit}，在 ${range.min}–${range.max} ${unit}之间`];
  }
  return [`${subject} `, ` ${unit} ${rangeText(range, unit)}`];
}

function matchedRangeReason(subject: string, value: number, range: Range, unit: string): string {
  const [before, after] = matchedRangeParts(subject, range, unit);
  return `${before}${value}${after}`;
}

function label(map: Readonly<Record<string, string>> | undefined, code: string): string {
  return map !== undefined && Object.hasOwn(map, code) ? (map[code] as string) : code;
}

function natureLabel(code: string): string {
  return label(disabilityNatureLabels, code);
}

/** Chinese text of one condition, for lists and forms (e.g. `伤残等级 ≤ 4 级`, `年龄 ≥ 80 岁`). */
export function describeCondition(condition: Condition, labels: EvaluationLabels = {}): string {
  switch (condition.kind) {
    case 'disabilityGrade':
      return `伤残等级 ${rangeText(condition, '级')}`;
    case 'disabilityNature':
      return `伤残性质：${condition.anyOf.map(natureLabel).join('、')}`;
    case 'relation':
      return `与军人关系：${condition.anyOf.map((c) => label(labels.relations, c)).join('、')}`;
    case 'hukouLocal':
      return condition.value ? '本区户籍' : '非本区户籍';
    case 'alive':
      return condition.value ? '在世' : '已故';
    case 'age':
      return `年龄 ${rangeText(condition, '岁')}`;
    case 'livingSituation':
      return `生活状况：${condition.anyOf.map((c) => label(labels.livingSituations, c)).join('、')}`;
    case 'flag':
      return `标识：${condition.anyOf.map((c) => label(labels.flags, c)).join('、')}`;
    default: {
      const unknown: never = condition;
      return String(unknown);
    }
  }
}

/** What the reason texts need from an evaluator: the dictionaries and the person's age on its date. */
export interface ReasonContext {
  labels: EvaluationLabels;
  categoryLabels: Readonly<Record<string, string>>;
  ageOf: (facts: PersonFacts) => number | null;
}

/** Why `facts` matches standard `c` through qualification `q`, condition by condition. */
export function matchReasons(
  c: CompiledStandard,
  facts: PersonFacts,
  q: QualificationFacts,
  ctx: ReasonContext,
): string[] {
  const { labels, categoryLabels, ageOf } = ctx;
  const reasons = [`类别：${label(categoryLabels, q.code)}`];
  if (c.grade !== null && q.disabilityGrade != null) {
    reasons.push(matchedRangeReason('伤残等级', q.disabilityGrade, c.grade, '级'));
  }
  if (c.nature !== null && q.disabilityNature != null) reasons.push(`伤残性质：${natureLabel(q.disabilityNature)}`);
  if (c.relation !== null && q.relation != null) reasons.push(`与军人关系：${label(labels.relations, q.relation)}`);
  if (c.hukou !== null) reasons.push(c.hukou ? '本区户籍' : '非本区户籍');
  if (c.aliveExplicit) reasons.push(c.aliveRequired ? '在世' : '已故');
  if (c.age !== null) {
    const age = ageOf(facts);
    if (age !== null) reasons.push(matchedRangeReason('年龄', age, c.age, '岁'));
  }
  if (c.living !== null) {
    const hits = facts.livingSituations.filter((s) => c.living?.includes(s));
    reasons.push(`生活状况：${hits.map((s) => label(labels.livingSituations, s)).join('、')}`);
  }
  if (c.flags !== null) {
    const hits = facts.flags.filter((s) => c.flags?.includes(s));
    reasons.push(`标识：${hits.map((s) => label(labels.flags, s)).join('、')}`);
  }
  return reasons;
}

function qualificationFailure(c: CompiledStandard, q: QualificationFacts, labels: EvaluationLabels): string {
  if (c.grade !== null) {
    if (q.disabilityGrade == null) return '无伤残等级';
    if (!inRange(q.disabilityGrade, c.grade)) {
      return `伤残等级 ${q.disabilityGrade} 级，不满足 ${rangeText(c.grade, '级')}`;
    }
  }
  if (c.nature !== null) {
    if (q.disabilityNature == null) return '无伤残性质';
    if (!c.nature.includes(q.disabilityNature)) {
      return `伤残性质为${natureLabel(q.disabilityNature)}，不属于${c.nature.map(natureLabel).join('、')}`;
    }
  }
  if (c.relation !== null) {
    if (q.relation == null) return '无与军人关系信息';
    if (!c.relation.includes(q.relation)) {
      const wanted = c.relation.map((r) => label(labels.relations, r)).join('、');
      return `与军人关系为${label(labels.relations, q.relation)}，不属于${wanted}`;
    }
  }
  return '不符合优抚身份条件';
}

/** Why `facts` fails standard `c` at `stage` (the first condition that does not hold). */
export function failureReason(c: CompiledStandard, facts: PersonFacts, stage: number, ctx: ReasonContext): string {
  const { labels, categoryLabels, ageOf } = ctx;
  switch (stage) {
    case STAGE_CATEGORY:
      return `类别不符：本标准限${(c.categories ?? []).map((code) => label(categoryLabels, code)).join('、')}`;
    case STAGE_ALIVE:
      return c.aliveRequired ? '已故' : '在世，不符合“已故”条件';
    case STAGE_HUKOU:
      return c.hukou ? '非本区户籍' : '本区户籍，不符合“非本区户籍”条件';
    case STAGE_QUALIFICATION: {
      const q = facts.categories.find((item) => c.categories === null || c.categories.includes(item.code));
      return q === undefined ? NO_STANDARD : qualificationFailure(c, q, labels);
    }
    case STAGE_AGE: {
      const age = ageOf(facts);
      const range = c.age as Range;
      if (age === null) return '缺少有效出生日期，无法判断年龄';
      if (range.min !== undefined && age < range.min) return `年龄 ${age} 岁，未满 ${range.min} 岁`;
      return `年龄 ${age} 岁，超过 ${range.max} 岁`;
    }
    case STAGE_LIVING:
      return `生活状况不属于${(c.living ?? []).map((s) => label(labels.livingSituations, s)).join('、')}`;
    case STAGE_FLAG:
      return `无${(c.flags ?? []).map((s) => label(labels.flags, s)).join('、')}标识`;
    default:
      return NO_STANDARD;
  }
}

/** Why someone no standard concerns is left out. */
export function noStandardReason(facts: PersonFacts): string {
  if (!facts.alive) return '已故';
  if (facts.categories.length === 0) return '无优抚身份';
  return NO_STANDARD;
}
