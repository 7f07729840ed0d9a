import { categoryDictionary, qualificationFlags, relations } from '../../shared/domain/categories.ts';
import type { Random } from './random.ts';

export interface DemoQualification {
  categoryCode: string;
  disabilityGrade?: number;
  disabilityNature?: string;
  relation?: string;
  servicemanName?: string;
  certificateNo?: string;
  startDate?: string;
  flags?: string[];
}

interface PlanItem {
  code: string;
  weight: number;
  birthYears: [number, number];
  sex?: 'M' | 'F';
  detail(rnd: Random): DemoQualification;
}

const natures = ['因战', '因公', '因病'];
const servicemen = ['王建军', '李卫国', '张援朝', '刘保家', '陈国庆', '赵振华'];

/** How common each category is in the demo, and the ages and details that fit it. */
export function demoCategoryPlan(): PlanItem[] {
  const simple = (code: string, weight: number, birthYears: [number, number], sex?: 'M' | 'F'): PlanItem => ({
    code,
    weight,
    birthYears,
    ...(sex && { sex }),
    detail: (rnd) => ({
      categoryCode: code,
      flags: rnd.next() < 0.08 ? [rnd.pick(qualificationFlags).code] : [],
    }),
  });
  const family = (code: string, weight: number, birthYears: [number, number]): PlanItem => ({
    code,
    weight,
    birthYears,
    detail: (rnd) => ({
      categoryCode: code,
      relation: rnd.pick(relations),
      servicemanName: rnd.pick(servicemen),
      certificateNo: `${code === 'serviceman_family' ? '军属' : '抚'}${rnd.int(100000, 999999)}`,
      flags: code === 'serviceman_family' && rnd.next() < 0.1 ? [rnd.pick(['border_family', 'merit_family'])] : [],
    }),
  });
  const plan: PlanItem[] = [
    simple('transferred_cadre', 8, [1950, 1985]),
    simple('retired_soldier', 34, [1950, 2004]),
    simple('military_retiree', 4, [1935, 1970]),
    simple('civilian_retiree', 1, [1935, 1965]),
    simple('demobilized_soldier', 4, [1928, 1940], 'M'),
    simple('red_army_veteran', 0.05, [1916, 1925], 'M'),
    {
      code: 'disabled_veteran',
      weight: 8,
      birthYears: [1930, 2000],
      sex: 'M',
      detail: (rnd) => ({
        categoryCode: 'disabled_veteran',
        disabilityGrade: rnd.int(1, 10),
        disabilityNature: rnd.pick(natures),
        certificateNo: `残军${rnd.int(100000, 999999)}`,
        flags: rnd.next() < 0.2 ? ['combat'] : [],
      }),
    },
    {
      code: 'disabled_militia',
      weight: 1,
      birthYears: [1935, 1975],
      detail: (rnd) => ({
        categoryCode: 'disabled_militia',
        disabilityGrade: rnd.int(5, 10),
        disabilityNature: rnd.pick(['因战', '因公']),
      }),
    },
    family('martyr_family', 6, [1930, 2000]),
    family('duty_death_family', 3, [1935, 2000]),
    family('illness_death_family', 4, [1935, 2000]),
    family('serviceman_family', 26, [1955, 2008]),
  ];
  const known = new Set(categoryDictionary.map((c) => c.code));
  for (const p of plan) if (!known.has(p.code)) throw new Error(`demo plan names unknown category ${p.code}`);
  return plan;
}

/** The i-th person's category: each category once first, then by weight. */
export function pickQualification(plan: PlanItem[], rnd: Random, index: number): PlanItem {
  if (index < plan.length) return plan[index]!;
  const total = plan.reduce((s, p) => s + p.weight, 0);
  let x = rnd.next() * total;
  for (const p of plan) {
    x -= p.weight;
    if (x < 0) return p;
  }
  return plan[plan.length - 1]!;
}
