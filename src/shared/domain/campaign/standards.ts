/**
 * 慰问标准 (standards) as data: categories + conditions over a person's facts → a package, with a priority.
 * The zod schema is shared by the API and the web form; evaluation explains itself in Chinese.
 *
 * Conventions:
 * - a higher `priority` number wins; ties go to the more valuable package (cash + goods), then the smaller id;
 * - 伤残等级 1 is the most severe, 10 the least: "伤残等级 ≤ 4" is `{ kind: 'disabilityGrade', max: 4 }` (1–4 级);
 * - the qualification conditions (伤残等级, 伤残性质, 与军人关系) must all hold for one and the same
 *   qualification, and that qualification must be in the standard's categories (empty = any category);
 * - a standard without an `alive` condition still only matches living people (慰问对象须在世); add
 *   `{ kind: 'alive', value: false }` for the rare rule meant for the deceased;
 * - all amounts are integer cents (分);
 * - a person who matches nothing gets one exclusion reason when the standards that concern them agree (已故,
 *   非本区户籍, `年龄 79 岁，未满 80 岁` …; standards naming the person's category count before those open to
 *   any category), else `不符合任何慰问标准`; `failures` then says why each standard did not match.
 */
import { z } from 'zod';
import { ageOnParts, type DateParts, type IsoDate, parseIsoDate } from './dates.ts';

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

export const disabilityNatures = ['war', 'duty', 'illness'] as const;
export type DisabilityNature = (typeof disabilityNatures)[number];
export const disabilityNatureLabels: Record<DisabilityNature, string> = { war: '因战', duty: '因公', illness: '因病' };

/**
 * Chinese names of the category codes of DESIGN.md §4 (the codes of `domain/categories.ts`), used in reasons
 * when no dictionary is passed in.
 * The registry's category dictionary is the authority: pass its labels through `EvaluationLabels.categories`.
 */
export const defaultCategoryLabels: Readonly<Record<string, string>> = {
  transferred_cadre: '军队转业干部',
  retired_soldier: '退役士兵',
  military_retiree: '军队离休退休干部和退休军士',
  civilian_retiree: '军队无军籍离休退休退职职工',
  demobilized_soldier: '复员军人',
  red_army_veteran: '在乡退伍红军老战士',
  disabled_veteran: '残疾军人',
  disabled_militia: '伤残民兵民工',
  martyr_family: '烈士遗属',
  duty_death_family: '因公牺牲军人遗属',
  illness_death_family: '病故军人遗属',
  serviceman_family: '现役军人家属',
};

/** Chinese names for codes met in reasons; a code without a name is shown as it is. */
export interface EvaluationLabels {
  categories?: Readonly<Record<string, string>>;
  livingSituations?: Readonly<Record<string, string>>;
  flags?: Readonly<Record<string, string>>;
  relations?: Readonly<Record<string, string>>;
}

// ---------------------------------------------------------------------------------------------------------------
// Schema

const gradeBound = z.number().int('伤残等级须为整数').min(1, '伤残等级最高为 1 级').max(10, '伤残等级最低为 10 级');
const ageBound = z.number().int('年龄须为整数').min(0, '年龄不能为负数').max(150, '年龄不能超过 150 岁');
const codeList = (what: string) => z.array(z.string().trim().min(1, `${what}不能为空`)).min(1, `请至少选择一项${what}`);

export const conditionKinds = [
  'disabilityGrade',
  'disabilityNature',
  'relation',
  'hukouLocal',
  'alive',
  'age',
  'livingSituation',
  'flag',
] as const;
export type ConditionKind = (typeof conditionKinds)[number];

export const conditionKindLabels: Record<ConditionKind, string> = {
  disabilityGrade: '伤残等级',
  disabilityNature: '伤残性质',
  relation: '与军人关系',
  hukouLocal: '户籍',
  alive: '在世',
  age: '年龄',
  livingSituation: '生活状况',
  flag: '标识',
};

function rangeCheck(value: { min?: number | undefined; max?: number | undefined }, ctx: z.RefinementCtx) {
  if (value.min === undefined && value.max === undefined) {
    ctx.addIssue({ code: 'custom', message: '请至少填写下限或上限', path: ['min'] });
  } else if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
    ctx.addIssue({ code: 'custom', message: '下限不能大于上限', path: ['max'] });
  }
}

export const disabilityGradeConditionSchema = z
  .object({ kind: z.literal('disabilityGrade'), min: gradeBound.optional(), max: gradeBound.optional() })
  .superRefine(rangeCheck);
export const disabilityNatureConditionSchema = z.object({
  kind: z.literal('disabilityNature'),
  anyOf: z.array(z.enum(disabilityNatures, '伤残性质只能是因战、因公或因病')).min(1, '请至少选择一种伤残性质'),
});
export const relationConditionSchema = z.object({ kind: z.literal('relation'), anyOf: codeList('与军人关系') });
export const hukouLocalConditionSchema = z.object({ kind: z.literal('hukouLocal'), value: z.boolean() });
export const aliveConditionSchema = z.object({ kind: z.literal('alive'), value: z.boolean() });
export const ageConditionSchema = z
  .object({ kind: z.literal('age'), min: ageBound.optional(), max: ageBound.optional() })
  .superRefine(rangeCheck);
export const livingSituationConditionSchema = z.object({
  kind: z.literal('livingSituation'),
  anyOf: codeList('生活状况'),
});
export const flagConditionSchema = z.object({ kind: z.literal('flag'), anyOf: codeList('标识') });

export const conditionSchema = z.discriminatedUnion('kind', [
  disabilityGradeConditionSchema,
  disabilityNatureConditionSchema,
  relationConditionSchema,
  hukouLocalConditionSchema,
  aliveConditionSchema,
  ageConditionSchema,
  livingSituationConditionSchema,
  flagConditionSchema,
]);
export type Condition = z.infer<typeof conditionSchema>;

export const goodsItemSchema = z.object({
  name: z.string().trim().min(1, '请填写慰问品名称').max(100, '慰问品名称过长'),
  quantity: z.number().int('数量须为整数').min(1, '数量至少为 1'),
  unitPriceCents: z.number().int('单价须精确到分').min(0, '单价不能为负数'),
  unit: z.string().trim().min(1, '请填写计量单位，如 箱、桶、份').max(10, '计量单位过长'),
});
export type GoodsItem = z.infer<typeof goodsItemSchema>;

export const packageSchema = z.object({
  cashCents: z.number().int('慰问金须精确到分').min(0, '慰问金不能为负数'),
  goods: z.array(goodsItemSchema),
  letterTemplate: z.string().optional(),
});
export type Package = z.infer<typeof packageSchema>;

const standardShape = {
  name: z.string().trim().min(1, '请填写标准名称').max(100, '标准名称过长'),
  priority: z.number().int('优先级须为整数'),
  categories: z.array(z.string().trim().min(1, '类别不能为空')),
  conditions: z.array(conditionSchema),
  package: packageSchema,
};

function conditionsOncePerKind(value: { conditions: Condition[] }, ctx: z.RefinementCtx) {
  const seen = new Set<ConditionKind>();
  value.conditions.forEach((condition, index) => {
    if (seen.has(condition.kind)) {
      ctx.addIssue({
        code: 'custom',
        message: `“${conditionKindLabels[condition.kind]}”条件只能设置一次`,
        path: ['conditions', index],
      });
    }
    seen.add(condition.kind);
  });
}

/** A standard as created in the UI (the id is given by the server). */
export const standardInputSchema = z.object(standardShape).superRefine(conditionsOncePerKind);
export type StandardInput = z.infer<typeof standardInputSchema>;

export const standardSchema = z
  .object({ id: z.string().trim().min(1, '标准编号不能为空'), ...standardShape })
  .superRefine(conditionsOncePerKind);
export type Standard = z.infer<typeof standardSchema>;

/** A campaign's standards: ids and names unique. */
export const standardListSchema = z.array(standardSchema).superRefine((list, ctx) => {
  const ids = new Set<string>();
  const names = new Set<string>();
  list.forEach((standard, index) => {
    if (ids.has(standard.id)) ctx.addIssue({ code: 'custom', message: '标准编号重复', path: [index, 'id'] });
    if (names.has(standard.name)) ctx.addIssue({ code: 'custom', message: '标准名称重复', path: [index, 'name'] });
    ids.add(standard.id);
    names.add(standard.name);
  });
});

/** Cash plus goods (quantity × unit price), in cents. */
export function packageValueCents(pkg: Package): number {
  let total = pkg.cashCents;
  for (const item of pkg.goods) total += item.quantity * item.unitPriceCents;
  return total;
}

export function goodsValueCents(pkg: Package): number {
  return packageValueCents(pkg) - pkg.cashCents;
}

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
const MIXED = '\u0000mixed';

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

/** Stages in checking order. */
const STAGE_CATEGORY = 0;
const STAGE_ALIVE = 1;
const STAGE_HUKOU = 2;
const STAGE_QUALIFICATION = 3;
const STAGE_AGE = 4;
const STAGE_LIVING = 5;
const STAGE_FLAG = 6;

export interface Range {
  min?: number | undefined;
  max?: number | undefined;
}

/** A standard's conditions by kind (also what the server's SQL compiler of the roster reads). */
export interface CompiledStandard {
  standard: Standard;
  /** null = any category. */
  categories: readonly string[] | null;
  aliveRequired: boolean;
  aliveExplicit: boolean;
  hukou: boolean | null;
  grade: Range | null;
  nature: readonly string[] | null;
  relation: readonly string[] | null;
  age: Range | null;
  living: readonly string[] | null;
  flags: readonly string[] | null;
}

export function compileStandard(standard: Standard): CompiledStandard {
  const compiled: CompiledStandard = {
    standard,
    categories: standard.categories.length > 0 ? standard.categories : null,
    aliveRequired: true,
    aliveExplicit: false,
    hukou: null,
    grade: null,
    nature: null,
    relation: null,
    age: null,
    living: null,
    flags: null,
  };
  for (const condition of standard.conditions) {
    switch (condition.kind) {
      case 'disabilityGrade':
        compiled.grade = { min: condition.min, max: condition.max };
        break;
      case 'disabilityNature':
        compiled.nature = condition.anyOf;
        break;
      case 'relation':
        compiled.relation = condition.anyOf;
        break;
      case 'hukouLocal':
        compiled.hukou = condition.value;
        break;
      case 'alive':
        compiled.aliveRequired = condition.value;
        compiled.aliveExplicit = true;
        break;
      case 'age':
        compiled.age = { min: condition.min, max: condition.max };
        break;
      case 'livingSituation':
        compiled.living = condition.anyOf;
        break;
      case 'flag':
        compiled.flags = condition.anyOf;
        break;
      default: {
        const unknown: never = condition;
        throw new Error(`未知的条件类型：${JSON.stringify(unknown)}`);
      }
    }
  }
  return compiled;
}

/** Orders standards best first: priority (higher wins), package value (higher wins), id. */
export function compareStandards(a: Standard, b: Standard): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const va = packageValueCents(a.package);
  const vb = packageValueCents(b.package);
  if (va !== vb) return vb - va;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function inRange(value: number, range: Range): boolean {
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}

function anyIn(values: readonly string[], wanted: readonly string[]): boolean {
  for (const value of values) if (wanted.includes(value)) return true;
  return false;
}

function qualificationHolds(c: CompiledStandard, q: QualificationFacts): boolean {
  if (c.grade !== null && (q.disabilityGrade == null || !inRange(q.disabilityGrade, c.grade))) return false;
  if (c.nature !== null && (q.disabilityNature == null || !c.nature.includes(q.disabilityNature))) return false;
  if (c.relation !== null && (q.relation == null || !c.relation.includes(q.relation))) return false;
  return true;
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

  function explain(facts: PersonFacts, rank: number, qualificationIndex: number): string[] {
    const c = compiled[rank];
    const q = facts.categories[qualificationIndex];
    if (c === undefined || q === undefined) throw new RangeError('标准或优抚身份序号无效');
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

  function qualificationFailure(c: CompiledStandard, q: QualificationFacts): string {
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

  function failureReason(c: CompiledStandard, facts: PersonFacts, stage: number): string {
    switch (stage) {
      case STAGE_ALIVE:
        return c.aliveRequired ? '已故' : '在世，不符合“已故”条件';
      case STAGE_HUKOU:
        return c.hukou ? '非本区户籍' : '本区户籍，不符合“非本区户籍”条件';
      case STAGE_QUALIFICATION: {
        const q = facts.categories.find((item) => c.categories === null || c.categories.includes(item.code));
        return q === undefined ? NO_STANDARD : qualificationFailure(c, q);
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

  function noStandardReason(facts: PersonFacts): string {
    if (!facts.alive) return '已故';
    if (facts.categories.length === 0) return '无优抚身份';
    return NO_STANDARD;
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
      const text = failureReason(c, facts, stage);
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
      const stage = -1 - result;
      const reason =
        stage === STAGE_CATEGORY
          ? `类别不符：本标准限${(c.categories ?? []).map((code) => label(categoryLabels, code)).join('、')}`
          : failureReason(c, facts, stage);
      failures.push({ standardId: c.standard.id, reason });
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
