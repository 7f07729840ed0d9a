/** 慰问标准 as data: the vocabulary of conditions, the zod schema (shared by the API and the web form), package values. */
import { z } from 'zod';

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
