import { describe, expect, it } from 'vitest';
import { draftSummary, formatMoney, formatPercent, paragraphsOf, type SummaryFigures } from './summary-text.ts';

const base: SummaryFigures = {
  campaignName: '2026年春节走访慰问',
  regionName: '测试区',
  windowStart: '2026-02-10',
  windowEnd: '2026-03-03',
  planned: 16,
  delivered: 15,
  byMode: { home: 12, gathering: 2, mail: 0, proxy: 1 },
  cashCents: 123_456_78,
  goodsCents: 30_000,
  goods: [
    { name: '大米', unit: '袋', quantity: 4 },
    { name: '春联年画', unit: '套', quantity: 13 },
  ],
  budgetCents: 200_000_00,
  letters: 16,
  plaquesHung: 3,
  meritsDelivered: 2,
  verification: { drawn: 5, checked: 4, problems: 1 },
  openCases: 2,
  previous: null,
};

describe('formatMoney', () => {
  it('writes 万元 with two decimals from 1 万元 up', () => {
    expect(formatMoney(123_456_78)).toBe('12.35 万元');
    expect(formatMoney(1_000_000)).toBe('1.00 万元');
  });
  it('writes 元 below 1 万元, with 分 only when there are any', () => {
    expect(formatMoney(850_000)).toBe('8,500 元');
    expect(formatMoney(12_345)).toBe('123.45 元');
    expect(formatMoney(0)).toBe('0 元');
  });
});

describe('formatPercent', () => {
  it('rounds to one decimal and shows — when nothing was planned', () => {
    expect(formatPercent(15, 16)).toBe('93.8%');
    expect(formatPercent(1, 3)).toBe('33.3%');
    expect(formatPercent(0, 0)).toBe('—');
  });
});

describe('draftSummary', () => {
  it('carries every figure leaders quote', () => {
    const text = draftSummary(base).paragraphs.join('\n');
    expect(text).toContain('已走访慰问优抚对象 15 人');
    expect(text).toContain('其中上门走访 12 人，集中慰问 2 人，代领 1 人');
    expect(text).not.toContain('邮寄 0');
    expect(text).toContain('走访覆盖率 93.8%');
    expect(text).toContain('发放慰问金 12.35 万元');
    expect(text).toContain('大米 4 袋、春联年画 13 套');
    expect(text).toContain('印发慰问信 16 封');
    expect(text).toContain('为 3 户家庭悬挂光荣牌');
    expect(text).toContain('送达立功喜报 2 份');
    expect(text).toContain('抽取 5 户开展回访抽查，已回访 4 户，发现问题 1 户');
    expect(text).toContain('执行率 61.9%');
    expect(draftSummary(base).title).toBe('2026年春节走访慰问工作总结');
  });

  it('compares with last year when there was a campaign', () => {
    const text = draftSummary({
      ...base,
      previous: { name: '2025年春节走访慰问', planned: 12, delivered: 12, cashCents: 100_000_00 },
    }).paragraphs.join('');
    expect(text).toContain('与上年（2025年春节走访慰问）相比');
    expect(text).toContain('走访慰问人数比上年增加 3 人（增长25.0%）');
    expect(text).toContain('慰问金比上年增加 2.35 万元');
    expect(text).toContain('由 100.0% 变为 93.8%');
  });

  it('leaves out honours the actor cannot see or that did not happen, and says when no check was made', () => {
    const text = draftSummary({
      ...base,
      plaquesHung: null,
      meritsDelivered: 0,
      verification: { drawn: 0, checked: 0, problems: 0 },
      openCases: 0,
    }).paragraphs.join('');
    expect(text).not.toContain('光荣牌');
    expect(text).not.toContain('喜报');
    expect(text).toContain('尚未开展回访抽查');
  });
});

describe('paragraphsOf', () => {
  it('drops blank lines and surrounding full-width spaces', () => {
    expect(paragraphsOf('　　第一段。\n\n 第二段。 \r\n')).toEqual(['第一段。', '第二段。']);
  });
});
