import { describe, expect, it } from 'vitest';
import type { Standard } from './standards.ts';
import { standards } from './test-fixtures.ts';
import { aggregateRoster, changeRate, compareTotals } from './trial-run.ts';

const entry = (standardId: string, streetId: string, communityId: string, categoryCode: string) => ({
  standardId,
  streetId,
  communityId,
  categoryCode,
});

// 长寿路街道 (…015) two communities, 曹杨新村街道 (…016) one.
const roster = [
  entry('std-severe', '015', '015-1', 'disabled_veteran'),
  entry('std-alone', '015', '015-1', 'martyr_family'),
  entry('std-universal', '015', '015-2', 'martyr_family'),
  entry('std-universal', '016', '016-1', 'serviceman_family'),
  entry('std-universal', '016', '016-1', 'martyr_family'),
];

describe('aggregateRoster', () => {
  const totals = aggregateRoster(roster, standards, { streetLabels: { '015': '长寿路街道' } });

  it('sums people, cash, goods and each goods item overall', () => {
    // severe: 2000 元 + 2 袋大米 (300 元); alone: 500 元 + 1 袋大米 + 2 桶油 (310 元); universal: 300 元 + 1 套春联 (20 元)
    expect(totals.overall).toEqual({
      people: 5,
      cashCents: 200_000 + 50_000 + 3 * 30_000,
      goodsCents: 30_000 + 31_000 + 3 * 2_000,
      totalCents: 340_000 + 67_000,
      goods: [
        { name: '春联年画', unit: '套', quantity: 3, valueCents: 6_000 },
        { name: '大米', unit: '袋', quantity: 3, valueCents: 45_000 },
        { name: '食用油', unit: '桶', quantity: 2, valueCents: 16_000 },
      ],
    });
  });

  it('breaks the totals down by street, community, category and standard', () => {
    expect(totals.byStreet.map((g) => [g.key, g.label, g.people, g.cashCents, g.goodsCents])).toEqual([
      ['015', '长寿路街道', 3, 280_000, 63_000],
      ['016', '016', 2, 60_000, 4_000],
    ]);
    expect(totals.byCommunity.map((g) => [g.key, g.people, g.totalCents])).toEqual([
      ['015-1', 2, 200_000 + 30_000 + 81_000],
      ['015-2', 1, 32_000],
      ['016-1', 2, 64_000],
    ]);
    expect(totals.byCategory.map((g) => [g.key, g.people])).toEqual([
      ['disabled_veteran', 1],
      ['martyr_family', 3],
      ['serviceman_family', 1],
    ]);
    // In the winning order, named after the standard.
    expect(totals.byStandard.map((g) => [g.label, g.people, g.cashCents])).toEqual([
      ['一至四级因战残疾军人', 1, 200_000],
      ['独居孤老优抚对象', 1, 50_000],
      ['普惠慰问', 3, 90_000],
    ]);
    expect(totals.byStandard[2]?.goods).toEqual([{ name: '春联年画', unit: '套', quantity: 3, valueCents: 6_000 }]);
  });

  it('refuses an entry whose standard is unknown, and gives zeros for an empty roster', () => {
    expect(() => aggregateRoster([entry('nope', '015', '015-1', 'x')], standards)).toThrow(/不存在的慰问标准：nope/);
    expect(aggregateRoster([], standards).overall).toEqual({
      people: 0,
      cashCents: 0,
      goodsCents: 0,
      totalCents: 0,
      goods: [],
    });
  });
});

describe('compareTotals', () => {
  // Last year: other standard ids, same names; 普惠 was 200 元 and had no 春联; street 017 existed then.
  const lastYearStandards: Standard[] = standards.map((s) => ({ ...s, id: `2025-${s.id}` }));
  const universal2025 = lastYearStandards.find((s) => s.id === '2025-std-universal') as Standard;
  universal2025.package = { cashCents: 20_000, goods: [] };
  const lastYear = aggregateRoster(
    [
      entry('2025-std-severe', '015', '015-1', 'disabled_veteran'),
      entry('2025-std-universal', '015', '015-2', 'martyr_family'),
      entry('2025-std-universal', '017', '017-1', 'martyr_family'),
    ],
    lastYearStandards,
  );
  const current = aggregateRoster(roster, standards);
  const comparison = compareTotals(current, lastYear);

  it('gives the overall difference, goods item by item', () => {
    expect(comparison.overall.diff).toEqual({
      people: 2,
      cashCents: 340_000 - 240_000,
      goodsCents: 67_000 - 30_000,
      totalCents: 407_000 - 270_000,
      goods: [
        { name: '春联年画', unit: '套', quantity: 3, valueCents: 6_000 },
        { name: '大米', unit: '袋', quantity: 1, valueCents: 15_000 },
        { name: '食用油', unit: '桶', quantity: 2, valueCents: 16_000 },
      ],
    });
  });

  it('matches streets by key and shows streets present in one year only', () => {
    expect(
      comparison.byStreet.map((r) => [r.key, r.current?.people ?? null, r.lastYear?.people ?? null, r.diff.people]),
    ).toEqual([
      ['015', 3, 2, 1],
      ['016', 2, null, 2],
      ['017', null, 1, -1],
    ]);
    expect(comparison.byStreet[2]?.diff.cashCents).toBe(-20_000);
  });

  it('matches standards by name across campaigns, or by id when asked', () => {
    const universal = comparison.byStandard.find((r) => r.label === '普惠慰问');
    expect(universal?.diff).toMatchObject({ people: 1, cashCents: 90_000 - 40_000, goodsCents: 6_000 });
    expect(comparison.byStandard).toHaveLength(3);
    expect(compareTotals(current, lastYear, { matchStandardsBy: 'id' }).byStandard).toHaveLength(5);
  });

  it('computes change rates, null when last year was zero', () => {
    expect(changeRate(125, 100)).toBe(0.25);
    expect(changeRate(5, 0)).toBeNull();
  });
});
