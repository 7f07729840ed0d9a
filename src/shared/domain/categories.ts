import { toHalfWidth, toSimplified } from './text.ts';

/**
 * The category dictionary (DESIGN.md §4): the 2018 national 退役军人和其他优抚对象信息采集 classes and
 * 《军人抚恤优待条例》(2024). It seeds the `categories` table, where offices may edit it; code keys are stable.
 */
export interface CategoryDefinition {
  code: string;
  name: string;
  group: '退役军人' | '伤残人员' | '遗属' | '现役军人家属';
  aliases: string[];
  /** Receives periodic payments (定期抚恤/补助): re-confirmed every year (年度确认). */
  periodic: boolean;
  details: ('disability' | 'relation' | 'enlistment')[];
}

export const categoryDictionary: readonly CategoryDefinition[] = [
  {
    code: 'transferred_cadre',
    name: '军队转业干部',
    group: '退役军人',
    aliases: ['转业干部', '军转干部'],
    periodic: false,
    details: [],
  },
  {
    code: 'retired_soldier',
    name: '退役士兵',
    group: '退役军人',
    aliases: ['退伍军人', '退伍士兵', '复退军人'],
    periodic: false,
    details: [],
  },
  {
    code: 'military_retiree',
    name: '军队离休退休干部和退休军士',
    group: '退役军人',
    aliases: ['军休', '军休干部', '军队离退休干部', '退休军士'],
    periodic: false,
    details: [],
  },
  {
    code: 'civilian_retiree',
    name: '军队无军籍离休退休退职职工',
    group: '退役军人',
    aliases: ['无军籍职工', '无军籍离退休职工'],
    periodic: false,
    details: [],
  },
  {
    code: 'demobilized_soldier',
    name: '复员军人',
    group: '退役军人',
    aliases: ['老复员军人', '老复员', '复员'],
    periodic: true,
    details: ['enlistment'],
  },
  {
    code: 'red_army_veteran',
    name: '在乡退伍红军老战士',
    group: '退役军人',
    aliases: ['红军老战士', '西路军', '红军失散人员', '西路军红军老战士'],
    periodic: true,
    details: ['enlistment'],
  },
  {
    code: 'disabled_veteran',
    name: '残疾军人',
    group: '伤残人员',
    aliases: ['伤残军人', '残疾退役军人', '伤残退役军人'],
    periodic: true,
    details: ['disability'],
  },
  {
    code: 'disabled_militia',
    name: '伤残民兵民工',
    group: '伤残人员',
    aliases: ['伤残民兵', '伤残民工', '伤残预备役人员'],
    periodic: true,
    details: ['disability'],
  },
  {
    code: 'martyr_family',
    name: '烈士遗属',
    group: '遗属',
    aliases: ['烈属', '烈士家属'],
    periodic: true,
    details: ['relation'],
  },
  {
    code: 'duty_death_family',
    name: '因公牺牲军人遗属',
    group: '遗属',
    aliases: ['因公牺牲遗属', '因公牺牲军人家属'],
    periodic: true,
    details: ['relation'],
  },
  {
    code: 'illness_death_family',
    name: '病故军人遗属',
    group: '遗属',
    aliases: ['病故遗属', '病故军人家属'],
    periodic: true,
    details: ['relation'],
  },
  {
    code: 'serviceman_family',
    name: '现役军人家属',
    group: '现役军人家属',
    aliases: ['军属', '现役军属', '现役军人家庭'],
    periodic: false,
    details: ['relation'],
  },
];

/** Flags beside the categories. */
export const qualificationFlags = [
  { code: 'combat', name: '参战/参试', aliases: ['参战', '参试', '参战参试'] },
  { code: 'ill_returned', name: '带病回乡', aliases: ['带病回乡退伍军人'] },
  { code: 'rural_over60', name: '60周岁以上农村籍退役士兵', aliases: ['60周岁以上农村籍', '农村籍退役士兵'] },
  { code: 'border_family', name: '边海防官兵家庭', aliases: ['边海防', '边防官兵家庭'] },
  { code: 'merit_family', name: '立功受奖军人家庭', aliases: ['立功受奖', '立功家庭'] },
] as const;

export const livingSituations = [
  '独居',
  '孤老',
  '空巢',
  '失能',
  '半失能',
  '低保',
  '低保边缘',
  '特困',
  '重病',
  '高龄',
] as const;

/** Relations to the serviceman (三属 and 现役军人家属). */
export const relations = ['父母', '抚养人', '配偶', '子女', '兄弟姐妹'] as const;

const normalizeKey = (text: string) => toSimplified(toHalfWidth(text)).replace(/\s+/g, '');

const byKey = new Map<string, CategoryDefinition>();
for (const c of categoryDictionary) {
  for (const key of [c.code, c.name, ...c.aliases]) byKey.set(normalizeKey(key), c);
}

/** Reads a category as offices write it: the name, an alias (烈属), 繁體, stray spaces. */
export function resolveCategory(text: string): CategoryDefinition | null {
  return byKey.get(normalizeKey(text)) ?? null;
}

export type QualificationFlagCode = (typeof qualificationFlags)[number]['code'];

const flagByKey = new Map<string, QualificationFlagCode>();
for (const f of qualificationFlags)
  for (const key of [f.code, f.name, ...f.aliases]) flagByKey.set(normalizeKey(key), f.code);

/** Reads a flag as offices write it (参战, 参试, 边海防 …); null when it is not one of the flags. */
export function resolveFlag(text: string): QualificationFlagCode | null {
  return flagByKey.get(normalizeKey(text)) ?? null;
}

/** Reads a living situation, 繁體 included (獨居 → 独居); null when it is not in the list. */
export function resolveLivingSituation(text: string): (typeof livingSituations)[number] | null {
  const key = normalizeKey(text);
  return livingSituations.find((s) => s === key) ?? null;
}

const relationAliases: Record<string, (typeof relations)[number]> = {
  父亲: '父母',
  母亲: '父母',
  父: '父母',
  母: '父母',
  丈夫: '配偶',
  妻子: '配偶',
  夫: '配偶',
  妻: '配偶',
  儿子: '子女',
  女儿: '子女',
  子: '子女',
  女: '子女',
  兄: '兄弟姐妹',
  弟: '兄弟姐妹',
  姐: '兄弟姐妹',
  妹: '兄弟姐妹',
  哥哥: '兄弟姐妹',
  弟弟: '兄弟姐妹',
  姐姐: '兄弟姐妹',
  妹妹: '兄弟姐妹',
};

/** Relation to the serviceman: 父亲 → 父母, 妻子 → 配偶, 繁體 too; null when it is none of 三属. */
export function resolveRelation(text: string): (typeof relations)[number] | null {
  const key = normalizeKey(text);
  return relations.find((r) => r === key) ?? relationAliases[key] ?? null;
}

/** A member's place in the household (户主 first). */
export const householdRoles = ['户主', '配偶', '子女', '父母', '孙子女', '兄弟姐妹', '其他'] as const;
