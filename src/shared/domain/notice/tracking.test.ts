import { describe, expect, it } from 'vitest';
import { assignmentState, chinaDate, countStates, isOverdue } from './tracking.ts';

describe('chinaDate', () => {
  it('is the calendar date in UTC+8', () => {
    expect(chinaDate('2026-01-31T15:59:59.999Z')).toBe('2026-01-31');
    expect(chinaDate('2026-01-31T16:00:00.000Z')).toBe('2026-02-01');
    expect(chinaDate(new Date('2025-12-31T20:00:00Z'))).toBe('2026-01-01');
  });
});

describe('assignmentState', () => {
  const a = (deadline: string, acknowledgedAt: string | null, reportedAt: string | null) => ({
    deadline,
    acknowledgedAt,
    reportedAt,
  });
  it('follows 签收 → 上报 against the deadline (the deadline day itself is on time)', () => {
    expect(assignmentState(a('2026-02-10', null, null), '2026-02-10')).toBe('pending');
    expect(assignmentState(a('2026-02-10', '2026-02-01T01:00:00Z', null), '2026-02-10')).toBe('acknowledged');
    expect(assignmentState(a('2026-02-10', null, null), '2026-02-11')).toBe('overdue');
    expect(assignmentState(a('2026-02-10', '2026-02-01T01:00:00Z', null), '2026-02-11')).toBe('overdue');
    // reported at 23:30 Beijing time on the deadline day: on time
    expect(assignmentState(a('2026-02-10', null, '2026-02-10T15:30:00Z'), '2026-03-01')).toBe('reported');
    expect(assignmentState(a('2026-02-10', null, '2026-02-10T16:30:00Z'), '2026-03-01')).toBe('reportedLate');
    expect(isOverdue(a('2026-02-10', null, '2026-02-10T16:30:00Z'), '2026-03-01')).toBe(false);
  });

  it('counts', () => {
    const items = [
      { ...a('2026-02-10', null, null), state: 'pending' as const },
      { ...a('2026-02-10', 'x', null), state: 'acknowledged' as const },
      { ...a('2026-02-01', null, null), state: 'overdue' as const },
      { ...a('2026-02-01', null, '2026-01-30T00:00:00Z'), state: 'reported' as const },
      { ...a('2026-02-01', null, '2026-02-05T00:00:00Z'), state: 'reportedLate' as const },
    ];
    expect(countStates(items)).toEqual({ total: 5, acknowledged: 3, reported: 2, overdue: 1, reportedLate: 1 });
  });
});
