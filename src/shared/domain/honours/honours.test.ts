import { describe, expect, it } from 'vitest';
import {
  availablePlaqueActions,
  householdPlaqueReasons,
  maskServicemanName,
  meritDueState,
  plaqueReasonOf,
  plaqueTransition,
} from './honours.ts';

const today = '2026-11-25';

describe('光荣牌 eligibility', () => {
  it.each([
    ['martyr_family', 'martyr_family'],
    ['duty_death_family', 'duty_death_family'],
    ['illness_death_family', 'illness_death_family'],
    ['serviceman_family', 'serviceman_family'],
    ['retired_soldier', 'veteran_family'],
    ['disabled_veteran', 'veteran_family'],
    ['demobilized_soldier', 'veteran_family'],
    ['civilian_retiree', null],
    ['disabled_militia', null],
  ])('%s → %s', (code, reason) => {
    expect(plaqueReasonOf(code)).toBe(reason);
  });

  it('gives one household several reasons but names each once', () => {
    const reasons = householdPlaqueReasons(
      [
        { alive: true, qualifications: [{ code: 'retired_soldier' }, { code: 'disabled_veteran' }] },
        { alive: true, qualifications: [{ code: 'martyr_family' }, { code: 'serviceman_family' }] },
        { alive: true, qualifications: [{ code: 'retired_soldier' }] },
      ],
      today,
    );
    expect(reasons).toEqual(['martyr_family', 'serviceman_family', 'veteran_family']);
  });

  it('ignores deceased members and ended qualifications', () => {
    expect(householdPlaqueReasons([{ alive: false, qualifications: [{ code: 'martyr_family' }] }], today)).toEqual([]);
    expect(
      householdPlaqueReasons(
        [{ alive: true, qualifications: [{ code: 'serviceman_family', endDate: '2025-12-31' }] }],
        today,
      ),
    ).toEqual([]);
    expect(
      householdPlaqueReasons([{ alive: true, qualifications: [{ code: 'serviceman_family', endDate: today }] }], today),
    ).toEqual(['serviceman_family']);
  });
});

describe('光荣牌 lifecycle', () => {
  it.each([
    ['due', 'hang', true, 'hung'],
    ['hung', 'replace', true, 'hung'],
    ['hung', 'replace', false, 'hung'],
    ['hung', 'withdraw', false, 'withdrawn'],
    ['withdrawn', 'restore', true, 'withdrawn→hung'],
  ] as const)('%s --%s--> (eligible %s)', (from, action, eligible, expected) => {
    const result = plaqueTransition(from, action, eligible);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.to).toBe(expected.split('→').at(-1));
  });

  it.each([
    ['due', 'replace', true],
    ['due', 'withdraw', true],
    ['due', 'restore', true],
    ['hung', 'hang', true],
    ['hung', 'restore', true],
    ['withdrawn', 'withdraw', true],
    ['withdrawn', 'replace', true],
    ['due', 'hang', false],
    ['withdrawn', 'restore', false],
  ] as const)('refuses %s --%s--> (eligible %s) with a Chinese reason', (from, action, eligible) => {
    const result = plaqueTransition(from, action, eligible);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/不能/);
  });

  it('offers only the allowed actions', () => {
    expect(availablePlaqueActions('due', true)).toEqual(['hang']);
    expect(availablePlaqueActions('hung', true)).toEqual(['replace', 'withdraw']);
    expect(availablePlaqueActions('withdrawn', false)).toEqual([]);
  });
});

describe('立功喜报', () => {
  it('tracks the deadline', () => {
    expect(meritDueState({ dueOn: '2026-12-01', deliveredOn: null }, '2026-11-30')).toBe('pending');
    expect(meritDueState({ dueOn: '2026-12-01', deliveredOn: null }, '2026-12-01')).toBe('dueToday');
    expect(meritDueState({ dueOn: '2026-12-01', deliveredOn: null }, '2026-12-02')).toBe('overdue');
    expect(meritDueState({ dueOn: '2026-12-01', deliveredOn: '2026-12-01' }, '2026-12-09')).toBe('deliveredOnTime');
    expect(meritDueState({ dueOn: '2026-12-01', deliveredOn: '2026-12-03' }, '2026-12-09')).toBe('deliveredLate');
  });

  it('masks the serviceman for uncleared roles', () => {
    expect(maskServicemanName('张三')).toBe('张某');
    expect(maskServicemanName('欧阳明远')).toBe('欧阳某');
    expect(maskServicemanName('李𡒄')).toBe('李某');
  });
});
