/**
 * The Spring Festival campaign: its default window from the lunar calendar and its status flow.
 */
import { LunarDay, LunarMonth, type SolarDay } from 'tyme4ts';
import { compareIsoDates, formatIsoDate, type IsoDate, isIsoDate } from './dates.ts';

/**
 * Which day of 腊月 is 小年: 廿三 in the north, 廿四 in much of the south (江浙沪 among them).
 */
export type LittleNewYearDay = '23' | '24';

export const littleNewYearDayLabels: Record<LittleNewYearDay, string> = {
  '23': '腊月廿三（北方小年）',
  '24': '腊月廿四（南方小年）',
};

export interface CampaignWindow {
  /** The Gregorian year whose 春节 the campaign is for (2026 → 2026年春节). */
  year: number;
  /** 小年: first day of the window. */
  start: IsoDate;
  /** 元宵 (正月十五): last day of the window, inclusive. */
  end: IsoDate;
  /** 春节 (正月初一). */
  springFestival: IsoDate;
  littleNewYearDay: LittleNewYearDay;
}

export const MIN_CAMPAIGN_YEAR = 1901;
export const MAX_CAMPAIGN_YEAR = 2199;

function toIso(day: SolarDay): IsoDate {
  return formatIsoDate(day.getYear(), day.getMonth(), day.getDay());
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_CAMPAIGN_YEAR || year > MAX_CAMPAIGN_YEAR) {
    throw new RangeError(`年份须为 ${MIN_CAMPAIGN_YEAR}–${MAX_CAMPAIGN_YEAR} 之间的整数，收到：${String(year)}`);
  }
}

/** 春节 (正月初一 of the lunar year that begins in `year`). */
export function springFestivalDate(year: number): IsoDate {
  assertYear(year);
  return toIso(LunarDay.fromYmd(year, 1, 1).getSolarDay());
}

/**
 * The default window of `year`'s Spring Festival campaign: 小年 (腊月廿三, or 廿四 with
 * `littleNewYearDay: '24'`) before 春节 to 元宵 (正月十五) after it, both inclusive.
 *
 * 腊月 is taken as the lunar month right before 正月, so a leap 腊月 (闰十二月) is handled too.
 */
export function defaultCampaignWindow(
  year: number,
  options: { littleNewYearDay?: LittleNewYearDay } = {},
): CampaignWindow {
  assertYear(year);
  const littleNewYearDay = options.littleNewYearDay ?? '23';
  if (littleNewYearDay !== '23' && littleNewYearDay !== '24') {
    throw new RangeError(`小年只能是腊月廿三或廿四，收到：${String(littleNewYearDay)}`);
  }
  const firstMonth = LunarMonth.fromYm(year, 1);
  const lastMonthOfPreviousYear = firstMonth.next(-1);
  const littleNewYear = lastMonthOfPreviousYear.getFirstDay().next(Number(littleNewYearDay) - 1);
  return {
    year,
    start: toIso(littleNewYear.getSolarDay()),
    end: toIso(LunarDay.fromYmd(year, 1, 15).getSolarDay()),
    springFestival: toIso(firstMonth.getFirstDay().getSolarDay()),
    littleNewYearDay,
  };
}

/** The name offices give the campaign, e.g. `2026年春节走访慰问`. */
export function defaultCampaignName(year: number): string {
  assertYear(year);
  return `${year}年春节走访慰问`;
}

/** Whether `date` lies within the window (both ends inclusive). */
export function isWithinWindow(window: Pick<CampaignWindow, 'start' | 'end'>, date: IsoDate): boolean {
  return compareIsoDates(window.start, date) <= 0 && compareIsoDates(date, window.end) <= 0;
}

/** Checks a window an office typed in; returns Chinese problems (empty when fine). */
export function validateWindow(window: { start: unknown; end: unknown }): string[] {
  const problems: string[] = [];
  if (!isIsoDate(window.start)) problems.push('开始日期无效，请按 YYYY-MM-DD 填写');
  if (!isIsoDate(window.end)) problems.push('结束日期无效，请按 YYYY-MM-DD 填写');
  if (problems.length === 0 && compareIsoDates(window.start as string, window.end as string) > 0) {
    problems.push('开始日期不能晚于结束日期');
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Status flow: 草稿 → 名单生成 → 审核中 → 已锁定 → 执行中 → 已结束

export const campaignStatuses = ['draft', 'roster_generated', 'in_review', 'locked', 'in_progress', 'closed'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export const campaignStatusLabels: Record<CampaignStatus, string> = {
  draft: '草稿',
  roster_generated: '名单生成',
  in_review: '审核中',
  locked: '已锁定',
  in_progress: '执行中',
  closed: '已结束',
};

/**
 * Allowed next statuses. Going back is possible only before the roster is locked: a generated roster can be
 * discarded (back to 草稿, to change standards), and a roster under review can be sent back to be regenerated.
 * After 已锁定, changes are logged amendments, never a status going backwards.
 */
export const campaignStatusFlow: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  draft: ['roster_generated'],
  roster_generated: ['in_review', 'draft'],
  in_review: ['locked', 'roster_generated'],
  locked: ['in_progress'],
  in_progress: ['closed'],
  closed: [],
};

export function isCampaignStatus(value: unknown): value is CampaignStatus {
  return typeof value === 'string' && (campaignStatuses as readonly string[]).includes(value);
}

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return campaignStatusFlow[from]?.includes(to) ?? false;
}

/** The Chinese message for a refused transition, or `null` when the transition is allowed. */
export function transitionProblem(from: CampaignStatus, to: CampaignStatus): string | null {
  if (canTransition(from, to)) return null;
  const next = campaignStatusFlow[from];
  const hint =
    next.length === 0
      ? '该活动已结束，不能再变更状态'
      : `只能变更为：${next.map((s) => campaignStatusLabels[s]).join('、')}`;
  return `活动当前为“${campaignStatusLabels[from]}”，不能变更为“${campaignStatusLabels[to]}”；${hint}`;
}
