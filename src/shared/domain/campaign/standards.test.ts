import { describe, expect, it } from 'vitest';
import {
  compareStandards,
  createEvaluator,
  describeCondition,
  evaluatePerson,
  goodsText,
  type PersonFacts,
  packageValueCents,
  type Standard,
  standardInputSchema,
  standardListSchema,
  standardSchema,
} from './standards.ts';
import { person, REF_DATE, severeVeteran, standards } from './test-fixtures.ts';

const byId = (id: string) => standards.find((s) => s.id === id) as Standard;

describe('standardSchema', () => {
  it('accepts every fixture standard', () => {
    for (const standard of standards) expect(standardSchema.parse(standard)).toEqual(standard);
    expect(standardListSchema.safeParse(standards).success).toBe(true);
  });

  it('rejects bad input with Chinese messages at the right path', () => {
    const result = standardSchema.safeParse({
      id: 's',
      name: ' ',
      priority: 1.5,
      categories: [],
      conditions: [
        { kind: 'disabilityGrade', min: 5, max: 4 },
        { kind: 'age' },
        { kind: 'disabilityNature', anyOf: ['因战'] },
        { kind: 'livingSituation', anyOf: [] },
      ],
      package: { cashCents: -1, goods: [{ name: '大米', quantity: 0, unitPriceCents: 10.5, unit: '袋' }] },
    });
    expect(result.success).toBe(false);
    const issues = (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        'name: 请填写标准名称',
        'priority: 优先级须为整数',
        'conditions.0.max: 下限不能大于上限',
        'conditions.1.min: 请至少填写下限或上限',
        'conditions.2.anyOf.0: 伤残性质只能是因战、因公或因病',
        'conditions.3.anyOf: 请至少选择一项生活状况',
        'package.cashCents: 慰问金不能为负数',
        'package.goods.0.quantity: 数量至少为 1',
        'package.goods.0.unitPriceCents: 单价须精确到分',
      ]),
    );
  });

  it('allows each kind of condition once, grade only within 1–10', () => {
    const twice = standardInputSchema.safeParse({
      name: '重复条件',
      priority: 0,
      categories: [],
      conditions: [
        { kind: 'age', min: 80 },
        { kind: 'age', max: 90 },
      ],
      package: { cashCents: 0, goods: [] },
    });
    expect(twice.error?.issues.map((i) => i.message)).toEqual(['“年龄”条件只能设置一次']);
    const grade = standardInputSchema.safeParse({
      name: '等级',
      priority: 0,
      categories: [],
      conditions: [{ kind: 'disabilityGrade', max: 11 }],
      package: { cashCents: 0, goods: [] },
    });
    expect(grade.error?.issues.map((i) => i.message)).toEqual(['伤残等级最低为 10 级']);
  });

  it('rejects duplicate ids and names in a list', () => {
    const list = [byId('std-alone'), { ...byId('std-alone') }];
    const messages = standardListSchema.safeParse(list).error?.issues.map((i) => i.message);
    expect(messages).toEqual(['标准编号重复', '标准名称重复']);
  });
});

describe('packages and ranking', () => {
  it('values a package as cash plus goods', () => {
    expect(packageValueCents(byId('std-alone').package)).toBe(50_000 + 15_000 + 2 * 8_000);
  });

  it('writes goods as the roster, the visit form and the sign-off sheet show them', () => {
    const goods = [
      { name: '大米', quantity: 1, unit: '袋' },
      { name: '食用油', quantity: 2, unit: '桶' },
    ];
    expect(goodsText(goods)).toBe('大米 1袋、食用油 2桶');
    expect(goodsText([])).toBe('');
  });

  it('ranks by priority, then value, then id', () => {
    const base = byId('std-universal');
    const a = { ...base, id: 'b', priority: 5 };
    const richer = { ...base, id: 'c', priority: 5, package: { cashCents: 99_999, goods: [] } };
    const sameAsA = { ...base, id: 'a', priority: 5 };
    const higher = { ...base, id: 'z', priority: 6 };
    expect([a, richer, sameAsA, higher].sort(compareStandards).map((s) => s.id)).toEqual(['z', 'c', 'a', 'b']);
  });

  it('describes conditions for lists and forms', () => {
    expect(describeCondition({ kind: 'disabilityGrade', max: 4 })).toBe('伤残等级 ≤ 4 级');
    expect(describeCondition({ kind: 'age', min: 80, max: 89 })).toBe('年龄 80–89 岁');
    expect(describeCondition({ kind: 'disabilityNature', anyOf: ['war', 'duty'] })).toBe('伤残性质：因战、因公');
    expect(describeCondition({ kind: 'hukouLocal', value: true })).toBe('本区户籍');
  });
});

describe('evaluatePerson', () => {
  it('a grade-2 因战 disabled veteran aged 85 living alone matches several standards; the highest priority wins', () => {
    const result = evaluatePerson(severeVeteran, standards, REF_DATE);
    expect(result.winner).toBe('std-severe');
    expect(result.excludedReason).toBeUndefined();
    expect(result.matched.map((m) => m.standardId)).toEqual([
      'std-severe',
      'std-elderly',
      'std-alone',
      'std-universal',
    ]);
    expect(result.matched[0]).toEqual({
      standardId: 'std-severe',
      categoryCode: 'disabled_veteran',
      reasons: ['类别：残疾军人', '伤残等级 2 级 ≤ 4 级', '伤残性质：因战', '本区户籍'],
    });
    expect(result.matched[1]?.reasons).toEqual(['类别：残疾军人', '本区户籍', '年龄 85 岁 ≥ 80 岁']);
    expect(result.matched[2]?.reasons).toEqual(['类别：残疾军人', '本区户籍', '生活状况：独居']);
  });

  it('ties on priority go to the more valuable package, then the smaller id', () => {
    const cheap: Standard = { ...byId('std-universal'), id: 'a-cheap', priority: 50 };
    // 普惠 is worth 300 + 20 元; 400 元 cash is worth more.
    const rich: Standard = { ...cheap, id: 'z-rich', package: { cashCents: 40_000, goods: [] } };
    expect(evaluatePerson(severeVeteran, [cheap, rich], REF_DATE).winner).toBe('z-rich');
    const twin: Standard = { ...cheap, id: 'b-twin' };
    expect(evaluatePerson(severeVeteran, [twin, cheap], REF_DATE).winner).toBe('a-cheap');
  });

  type Case = { name: string; facts: PersonFacts; winner?: string; excludedReason?: string };
  const cases: Case[] = [
    {
      name: 'age exactly 80 on the reference date counts',
      facts: person({ personId: 'p1', birthDate: '1946-02-17' }),
      winner: 'std-elderly',
    },
    {
      name: '79 years and 364 days does not',
      facts: person({ personId: 'p2', birthDate: '1946-02-18' }),
      winner: 'std-universal',
    },
    {
      name: 'born on 29 February 1936 is 90 on 2026-02-17',
      facts: person({ personId: 'p3', birthDate: '1936-02-29' }),
      winner: 'std-elderly',
    },
    {
      name: 'deceased',
      facts: { ...severeVeteran, personId: 'p4', alive: false },
      excludedReason: '已故',
    },
    {
      name: 'deceased with a category no standard covers is still 已故',
      facts: person({ personId: 'p5', alive: false, categories: [{ code: 'retired_soldier' }] }),
      excludedReason: '已故',
    },
    {
      name: 'not local',
      facts: { ...severeVeteran, personId: 'p6', hukouLocal: false },
      excludedReason: '非本区户籍',
    },
    {
      name: 'category no standard covers',
      facts: person({ personId: 'p7', categories: [{ code: 'retired_soldier' }] }),
      excludedReason: '不符合任何慰问标准',
    },
    {
      name: 'no qualification at all',
      facts: person({ personId: 'p8', categories: [] }),
      excludedReason: '无优抚身份',
    },
  ];
  it.each(cases)('$name', ({ facts, winner, excludedReason }) => {
    const result = evaluatePerson(facts, standards, REF_DATE);
    expect(result.winner).toBe(winner);
    expect(result.excludedReason).toBe(excludedReason);
    expect(result.matched.length > 0).toBe(winner !== undefined);
  });

  it.each([
    {
      name: 'grade 6 against 伤残等级 ≤ 4',
      facts: {
        ...severeVeteran,
        categories: [{ code: 'disabled_veteran', disabilityGrade: 6, disabilityNature: 'war' }],
      },
      reason: '伤残等级 6 级，不满足 ≤ 4 级',
    },
    {
      name: '因病 against 因战',
      facts: {
        ...severeVeteran,
        categories: [{ code: 'disabled_veteran', disabilityGrade: 2, disabilityNature: 'illness' }],
      },
      reason: '伤残性质为因病，不属于因战',
    },
    {
      name: 'no grade recorded',
      facts: { ...severeVeteran, categories: [{ code: 'disabled_veteran' }] },
      reason: '无伤残等级',
    },
  ] as { name: string; facts: PersonFacts; reason: string }[])('most specific reason: $name', ({ facts, reason }) => {
    expect(evaluatePerson(facts, [byId('std-severe')], REF_DATE).excludedReason).toBe(reason);
  });

  it('reports the age that fell short, or a missing birth date', () => {
    const elderly = [byId('std-elderly')];
    expect(evaluatePerson(person({ personId: 'a', birthDate: '1946-02-18' }), elderly, REF_DATE).excludedReason).toBe(
      '年龄 79 岁，未满 80 岁',
    );
    expect(evaluatePerson(person({ personId: 'b', birthDate: null }), elderly, REF_DATE).excludedReason).toBe(
      '缺少有效出生日期，无法判断年龄',
    );
    const capped: Standard = { ...byId('std-elderly'), conditions: [{ kind: 'age', min: 60, max: 90 }] };
    expect(evaluatePerson(person({ personId: 'c', birthDate: '1930-01-01' }), [capped], REF_DATE).excludedReason).toBe(
      '年龄 96 岁，超过 90 岁',
    );
    expect(
      evaluatePerson(person({ personId: 'd', birthDate: '1940-01-01' }), [capped], REF_DATE).matched[0]?.reasons,
    ).toContain('年龄 86 岁，在 60–90 岁之间');
  });

  it('names one reason only when the standards that concern the person agree, and details each failure', () => {
    // Not local: 普惠 fails on 户籍; a care standard without 户籍 fails only on the flag.
    const care: Standard = {
      id: 'std-border',
      name: '边海防官兵家庭关心慰问',
      priority: 5,
      categories: ['serviceman_family'],
      conditions: [{ kind: 'flag', anyOf: ['边海防官兵家庭'] }],
      package: { cashCents: 0, goods: [] },
    };
    const facts = person({
      personId: 'x',
      hukouLocal: false,
      categories: [{ code: 'serviceman_family', relation: '配偶' }],
    });
    const mixed = evaluatePerson(facts, [byId('std-universal'), care, byId('std-severe')], REF_DATE);
    expect(mixed.excludedReason).toBe('不符合任何慰问标准');
    expect(mixed.failures).toEqual([
      { standardId: 'std-severe', reason: '类别不符：本标准限残疾军人' },
      { standardId: 'std-border', reason: '无边海防官兵家庭标识' },
      { standardId: 'std-universal', reason: '非本区户籍' },
    ]);
    // With the care standard alone, its reason is the reason.
    expect(evaluatePerson({ ...facts, hukouLocal: true }, [care], REF_DATE).excludedReason).toBe(
      '无边海防官兵家庭标识',
    );
    const withFlag = { ...facts, flags: ['边海防官兵家庭'] };
    const result = evaluatePerson(withFlag, [byId('std-universal'), care], REF_DATE);
    expect(result.winner).toBe('std-border');
    expect(result.matched[0]?.reasons).toEqual(['类别：现役军人家属', '标识：边海防官兵家庭']);
  });

  it('prefers the standards naming the person category over those open to any category', () => {
    // A local grade-6 veteran aged 70: 高龄 (any category) fails on age, 一至四级 (残疾军人) on the grade.
    const facts = person({
      personId: 'g6',
      birthDate: '1956-01-01',
      categories: [{ code: 'disabled_veteran', disabilityGrade: 6, disabilityNature: 'war' }],
    });
    const result = evaluatePerson(facts, [byId('std-elderly'), byId('std-severe')], REF_DATE);
    expect(result.excludedReason).toBe('伤残等级 6 级，不满足 ≤ 4 级');
    // Non-local: every standard fails on 户籍, any-category ones included.
    expect(
      evaluatePerson({ ...severeVeteran, hukouLocal: false }, standards, REF_DATE).failures?.map((f) => f.reason),
    ).toEqual(['非本区户籍', '非本区户籍', '非本区户籍', '非本区户籍']);
  });

  it('checks the qualification conditions on one and the same qualification', () => {
    // 残疾军人 grade 6 and 烈士遗属: the grade of one qualification cannot make the other match.
    const mixed = person({
      personId: 'm',
      categories: [
        { code: 'martyr_family', relation: '父母' },
        { code: 'disabled_veteran', disabilityGrade: 6, disabilityNature: 'war' },
      ],
    });
    const anyCategorySevere: Standard = { ...byId('std-severe'), id: 'any-severe', categories: [] };
    expect(evaluatePerson(mixed, [anyCategorySevere], REF_DATE).excludedReason).toBe('无伤残等级');
    // With a grade-3 qualification second in the list, it matches through that one.
    const second = {
      ...mixed,
      categories: [
        { code: 'martyr_family', relation: '父母' },
        { code: 'disabled_veteran', disabilityGrade: 3, disabilityNature: 'war' as const },
      ],
    };
    const result = evaluatePerson(second, [anyCategorySevere], REF_DATE);
    expect(result.matched[0]?.categoryCode).toBe('disabled_veteran');
    expect(result.matched[0]?.reasons[1]).toBe('伤残等级 3 级 ≤ 4 级');
  });

  it('matches relation lists and uses the labels passed in', () => {
    const parents: Standard = {
      id: 'std-parents',
      name: '烈士父母',
      priority: 40,
      categories: ['martyr_family'],
      conditions: [{ kind: 'relation', anyOf: ['parent'] }],
      package: { cashCents: 80_000, goods: [] },
    };
    const labels = {
      categories: { martyr_family: '烈士遗属（自定义）' },
      relations: { parent: '父母', child: '子女' },
    };
    const parent = person({ personId: 'r1', categories: [{ code: 'martyr_family', relation: 'parent' }] });
    expect(evaluatePerson(parent, [parents], REF_DATE, { labels }).matched[0]?.reasons).toEqual([
      '类别：烈士遗属（自定义）',
      '与军人关系：父母',
    ]);
    const child = person({ personId: 'r2', categories: [{ code: 'martyr_family', relation: 'child' }] });
    expect(evaluatePerson(child, [parents], REF_DATE, { labels }).excludedReason).toBe('与军人关系为子女，不属于父母');
  });

  it('only living people match unless a standard says otherwise', () => {
    const memorial: Standard = {
      id: 'std-memorial',
      name: '已故人员家属告知',
      priority: 0,
      categories: [],
      conditions: [{ kind: 'alive', value: false }],
      package: { cashCents: 0, goods: [] },
    };
    const dead = { ...severeVeteran, alive: false };
    const result = evaluatePerson(dead, [...standards, memorial], REF_DATE);
    expect(result.matched.map((m) => m.standardId)).toEqual(['std-memorial']);
    expect(result.matched[0]?.reasons).toEqual(['类别：残疾军人', '已故']);
  });

  it('with no standards at all, nothing matches', () => {
    expect(evaluatePerson(severeVeteran, [], REF_DATE).excludedReason).toBe('不符合任何慰问标准');
  });

  it('refuses an invalid reference date and duplicate standard ids', () => {
    expect(() => createEvaluator(standards, '2026-02-30')).toThrow(/参考日期无效/);
    expect(() => createEvaluator([byId('std-alone'), byId('std-alone')], REF_DATE)).toThrow(/编号重复/);
  });

  it('the fast path agrees with the full evaluation', () => {
    const evaluator = createEvaluator(standards, REF_DATE);
    const count = evaluator.scan(severeVeteran);
    expect(count).toBe(4);
    expect(evaluator.ranked[evaluator.matchedRank(0)]?.id).toBe('std-severe');
    expect(evaluator.ranked[evaluator.matchedRank(3)]?.id).toBe('std-universal');
    expect(evaluator.matchedQualification(0)).toBe(0);
    expect(evaluator.scan({ ...severeVeteran, alive: false })).toBe(0);
  });
});
