/** Standards and people shared by the campaign rule tests (not used by the application). */
import type { PersonFacts, Standard } from './standards.ts';

export const REF_DATE = '2026-02-17'; // 2026年春节

/** A Putuo-like set: 残疾军人 1–4 级因战 > 高龄 ≥ 80 > 独居孤老 > 普惠. */
export const standards: Standard[] = [
  {
    id: 'std-universal',
    name: '普惠慰问',
    priority: 0,
    categories: ['disabled_veteran', 'martyr_family', 'duty_death_family', 'illness_death_family', 'serviceman_family'],
    conditions: [{ kind: 'hukouLocal', value: true }],
    package: { cashCents: 30_000, goods: [{ name: '春联年画', quantity: 1, unitPriceCents: 2_000, unit: '套' }] },
  },
  {
    id: 'std-alone',
    name: '独居孤老优抚对象',
    priority: 10,
    categories: [],
    conditions: [
      { kind: 'hukouLocal', value: true },
      { kind: 'livingSituation', anyOf: ['独居', '孤老'] },
    ],
    package: {
      cashCents: 50_000,
      goods: [
        { name: '大米', quantity: 1, unitPriceCents: 15_000, unit: '袋' },
        { name: '食用油', quantity: 2, unitPriceCents: 8_000, unit: '桶' },
      ],
    },
  },
  {
    id: 'std-elderly',
    name: '高龄优抚对象',
    priority: 20,
    categories: [],
    conditions: [
      { kind: 'hukouLocal', value: true },
      { kind: 'age', min: 80 },
    ],
    package: { cashCents: 100_000, goods: [{ name: '大米', quantity: 1, unitPriceCents: 15_000, unit: '袋' }] },
  },
  {
    id: 'std-severe',
    name: '一至四级因战残疾军人',
    priority: 30,
    categories: ['disabled_veteran'],
    conditions: [
      { kind: 'disabilityGrade', max: 4 },
      { kind: 'disabilityNature', anyOf: ['war'] },
      { kind: 'hukouLocal', value: true },
    ],
    package: {
      cashCents: 200_000,
      goods: [{ name: '大米', quantity: 2, unitPriceCents: 15_000, unit: '袋' }],
      letterTemplate: '尊敬的{{姓名}}{{称谓}}：',
    },
  },
];

export function person(overrides: Partial<PersonFacts> & { personId: string }): PersonFacts {
  return {
    householdId: null,
    categories: [{ code: 'martyr_family', relation: '父母' }],
    hukouLocal: true,
    alive: true,
    birthDate: '1960-05-01',
    livingSituations: [],
    flags: [],
    streetId: '310107015000',
    communityId: '310107015001',
    ...overrides,
  };
}

/** A grade-2 因战 disabled veteran aged 85 living alone. */
export const severeVeteran: PersonFacts = person({
  personId: 'p-veteran',
  categories: [{ code: 'disabled_veteran', disabilityGrade: 2, disabilityNature: 'war' }],
  birthDate: '1940-06-01',
  livingSituations: ['独居'],
});
