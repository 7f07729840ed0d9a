import { describe, expect, it } from 'vitest';
import {
  type CampaignStatus,
  campaignStatuses,
  campaignStatusLabels,
  canTransition,
  defaultCampaignName,
  defaultCampaignWindow,
  isWithinWindow,
  springFestivalDate,
  transitionProblem,
  validateWindow,
} from './campaign-window.ts';

describe('defaultCampaignWindow', () => {
  it.each([
    { year: 2021, springFestival: '2021-02-12', start: '2021-02-04', end: '2021-02-26' },
    { year: 2025, springFestival: '2025-01-29', start: '2025-01-22', end: '2025-02-12' },
    { year: 2026, springFestival: '2026-02-17', start: '2026-02-10', end: '2026-03-03' },
    { year: 2027, springFestival: '2027-02-06', start: '2027-01-30', end: '2027-02-20' },
  ])('$year: 腊月廿三 $start → 春节 $springFestival → 元宵 $end', ({ year, springFestival, start, end }) => {
    expect(defaultCampaignWindow(year)).toEqual({ year, start, end, springFestival, littleNewYearDay: '23' });
    expect(springFestivalDate(year)).toBe(springFestival);
  });

  it('starts a day later with the southern 小年 (腊月廿四)', () => {
    expect(defaultCampaignWindow(2021, { littleNewYearDay: '24' })).toMatchObject({
      start: '2021-02-05',
      end: '2021-02-26',
      littleNewYearDay: '24',
    });
    expect(defaultCampaignWindow(2025, { littleNewYearDay: '24' }).start).toBe('2025-01-23');
  });

  it('refuses years outside the supported range and other 小年 days', () => {
    expect(() => defaultCampaignWindow(1800)).toThrow(/年份须为/);
    expect(() => defaultCampaignWindow(2026.5)).toThrow(/年份须为/);
    expect(() => defaultCampaignWindow(2026, { littleNewYearDay: '25' as '23' })).toThrow(/小年/);
  });

  it('names the campaign after the year', () => {
    expect(defaultCampaignName(2026)).toBe('2026年春节走访慰问');
  });
});

describe('isWithinWindow / validateWindow', () => {
  const window = defaultCampaignWindow(2021);
  it('includes both ends', () => {
    expect(isWithinWindow(window, '2021-02-04')).toBe(true);
    expect(isWithinWindow(window, '2021-02-26')).toBe(true);
    expect(isWithinWindow(window, '2021-02-03')).toBe(false);
    expect(isWithinWindow(window, '2021-02-27')).toBe(false);
  });
  it('reports typed-in problems in Chinese', () => {
    expect(validateWindow({ start: '2021-02-04', end: '2021-02-26' })).toEqual([]);
    expect(validateWindow({ start: '2021-02-30', end: '2021-02-26' })).toEqual(['开始日期无效，请按 YYYY-MM-DD 填写']);
    expect(validateWindow({ start: '2021-03-01', end: '2021-02-26' })).toEqual(['开始日期不能晚于结束日期']);
  });
});

describe('campaign status flow', () => {
  it('goes forward one step at a time: 草稿 → 名单生成 → 审核中 → 已锁定 → 执行中 → 已结束', () => {
    for (let i = 0; i + 1 < campaignStatuses.length; i++) {
      const from = campaignStatuses[i] as CampaignStatus;
      const to = campaignStatuses[i + 1] as CampaignStatus;
      expect(canTransition(from, to), `${from} → ${to}`).toBe(true);
    }
    expect(campaignStatuses.map((s) => campaignStatusLabels[s])).toEqual([
      '草稿',
      '名单生成',
      '审核中',
      '已锁定',
      '执行中',
      '已结束',
    ]);
  });

  it('never skips a step, never reopens a locked roster, never leaves 已结束', () => {
    expect(canTransition('draft', 'locked')).toBe(false);
    expect(canTransition('roster_generated', 'locked')).toBe(false);
    expect(canTransition('locked', 'in_review')).toBe(false);
    expect(canTransition('in_progress', 'locked')).toBe(false);
    expect(canTransition('draft', 'draft')).toBe(false);
    for (const to of campaignStatuses) expect(canTransition('closed', to)).toBe(false);
  });

  it('lets a roster be discarded or sent back before it is locked', () => {
    expect(canTransition('roster_generated', 'draft')).toBe(true);
    expect(canTransition('in_review', 'roster_generated')).toBe(true);
  });

  it('explains a refused transition in Chinese', () => {
    expect(transitionProblem('draft', 'roster_generated')).toBeNull();
    expect(transitionProblem('draft', 'locked')).toBe('活动当前为“草稿”，不能变更为“已锁定”；只能变更为：名单生成');
    expect(transitionProblem('closed', 'draft')).toContain('该活动已结束');
  });
});
