/**
 * Honours rules (DESIGN.md §3 E), pure: 光荣牌 eligibility per household and its lifecycle, 立功喜报 awards and
 * their deadline state. Dates are `YYYY-MM-DD`; `today` is passed in.
 */

// ---- 光荣牌 (国办发〔2018〕72号: 烈士遗属、因公牺牲军人遗属、病故军人遗属、现役军人家庭、退役军人家庭) ----

export const plaqueReasons = [
  'martyr_family',
  'duty_death_family',
  'illness_death_family',
  'serviceman_family',
  'veteran_family',
] as const;
export type PlaqueReason = (typeof plaqueReasons)[number];

export const plaqueReasonLabels: Record<PlaqueReason, string> = {
  martyr_family: '烈士遗属',
  duty_death_family: '因公牺牲军人遗属',
  illness_death_family: '病故军人遗属',
  serviceman_family: '现役军人家庭',
  veteran_family: '退役军人家庭',
};

/** Registry categories (domain/categories.ts) that make a household a 退役军人家庭. */
export const veteranCategories: readonly string[] = [
  'transferred_cadre',
  'retired_soldier',
  'military_retiree',
  'demobilized_soldier',
  'red_army_veteran',
  'disabled_veteran',
];

/** The plaque reason a qualification gives, or null (无军籍职工, 伤残民兵民工 … give none). */
export function plaqueReasonOf(categoryCode: string): PlaqueReason | null {
  switch (categoryCode) {
    case 'martyr_family':
    case 'duty_death_family':
    case 'illness_death_family':
    case 'serviceman_family':
      return categoryCode;
    default:
      return veteranCategories.includes(categoryCode) ? 'veteran_family' : null;
  }
}

export interface MemberFacts {
  alive: boolean;
  qualifications: readonly { code: string; endDate?: string | null }[];
}

/**
 * Why a household may hang a plaque: the reasons of its living members' current qualifications, each reason
 * once, in the order of `plaqueReasons`. Empty = not eligible. However many reasons, it is one plaque.
 */
export function householdPlaqueReasons(members: readonly MemberFacts[], today: string): PlaqueReason[] {
  const found = new Set<PlaqueReason>();
  for (const m of members) {
    if (!m.alive) continue;
    for (const q of m.qualifications) {
      if (q.endDate && q.endDate < today) continue;
      const reason = plaqueReasonOf(q.code);
      if (reason) found.add(reason);
    }
  }
  return plaqueReasons.filter((r) => found.has(r));
}

/** 应挂 (computed, no row yet), 已挂, 已收回. */
export const plaqueStatuses = ['due', 'hung', 'withdrawn'] as const;
export type PlaqueStatus = (typeof plaqueStatuses)[number];
export const plaqueStatusLabels: Record<PlaqueStatus, string> = { due: '应挂', hung: '已挂', withdrawn: '已收回' };

export const plaqueActions = ['hang', 'replace', 'withdraw', 'restore'] as const;
export type PlaqueAction = (typeof plaqueActions)[number];
export const plaqueActionLabels: Record<PlaqueAction, string> = {
  hang: '悬挂',
  replace: '更换',
  withdraw: '收回',
  restore: '恢复',
};

const transitions: Record<PlaqueAction, { from: PlaqueStatus; to: PlaqueStatus; needsEligible: boolean }> = {
  hang: { from: 'due', to: 'hung', needsEligible: true },
  replace: { from: 'hung', to: 'hung', needsEligible: false },
  withdraw: { from: 'hung', to: 'withdrawn', needsEligible: false },
  restore: { from: 'withdrawn', to: 'hung', needsEligible: true },
};

export type TransitionResult = { ok: true; to: PlaqueStatus } | { ok: false; message: string };

/** Whether `action` may happen to a plaque in `status`; the refusal says why in Chinese. */
export function plaqueTransition(status: PlaqueStatus, action: PlaqueAction, eligible: boolean): TransitionResult {
  const t = transitions[action];
  if (t.from !== status) {
    return {
      ok: false,
      message: `光荣牌当前为“${plaqueStatusLabels[status]}”，不能${plaqueActionLabels[action]}；只有“${plaqueStatusLabels[t.from]}”的光荣牌可以${plaqueActionLabels[action]}。`,
    };
  }
  if (t.needsEligible && !eligible) {
    return {
      ok: false,
      message: `该户目前没有在世的烈士遗属、因公牺牲或病故军人遗属、现役军人家属或退役军人，不能${plaqueActionLabels[action]}光荣牌。`,
    };
  }
  return { ok: true, to: t.to };
}

/** The actions offered for a plaque in `status`. */
export function availablePlaqueActions(status: PlaqueStatus, eligible: boolean): PlaqueAction[] {
  return plaqueActions.filter((a) => plaqueTransition(status, a, eligible).ok);
}

// ---- 立功喜报 ----

export const meritAwards = [
  'commendation',
  'excellent_soldier',
  'third_class',
  'second_class',
  'first_class',
  'honorary_title',
] as const;
export type MeritAward = (typeof meritAwards)[number];
export const meritAwardLabels: Record<MeritAward, string> = {
  commendation: '嘉奖',
  excellent_soldier: '优秀士兵',
  third_class: '三等功',
  second_class: '二等功',
  first_class: '一等功',
  honorary_title: '荣誉称号',
};

/** Working days between receiving a notice and taking it to the family. */
export const meritDeliveryWorkingDays = 2;

export const meritDueStates = ['pending', 'dueToday', 'overdue', 'deliveredOnTime', 'deliveredLate'] as const;
export type MeritDueState = (typeof meritDueStates)[number];
export const meritDueStateLabels: Record<MeritDueState, string> = {
  pending: '待送达',
  dueToday: '今日到期',
  overdue: '已逾期',
  deliveredOnTime: '已按时送达',
  deliveredLate: '逾期送达',
};

export function meritDueState(n: { dueOn: string; deliveredOn: string | null }, today: string): MeritDueState {
  if (n.deliveredOn) return n.deliveredOn > n.dueOn ? 'deliveredLate' : 'deliveredOnTime';
  if (today > n.dueOn) return 'overdue';
  return today === n.dueOn ? 'dueToday' : 'pending';
}

/** 张三 → 张某 (the serviceman's name as uncleared roles see it). */
export function maskServicemanName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  // Compound surnames (欧阳, 司马 …) keep two characters when the name is long enough to have one.
  const compound = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '夏侯', '长孙'];
  const head = chars.length >= 3 && compound.includes(chars.slice(0, 2).join('')) ? 2 : 1;
  return `${chars.slice(0, head).join('')}某`;
}
