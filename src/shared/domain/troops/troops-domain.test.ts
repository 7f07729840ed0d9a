import { describe, expect, it } from 'vitest';
import { addDays, daysFrom, localDateOf } from './local-date.ts';
import { pairingContactStatus } from './pairing-cadence.ts';
import { actionsFrom, nextRequestStatus, requestActions, requestOverdue, requestStatuses } from './request-flow.ts';
import { turnaroundByDepartment } from './turnaround.ts';

describe('local dates', () => {
  it('takes the Beijing calendar day of an instant', () => {
    expect(localDateOf('2026-01-31T15:59:59Z')).toBe('2026-01-31');
    expect(localDateOf('2026-01-31T16:00:00Z')).toBe('2026-02-01');
  });
  it('adds and counts days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysFrom('2026-02-01', '2026-03-01')).toBe(28);
    expect(daysFrom('2026-03-01', '2026-02-01')).toBe(-28);
  });
});

describe('request flow', () => {
  it('allows exactly the documented steps', () => {
    const table = Object.fromEntries(
      requestStatuses.map((s) => [s, Object.fromEntries(requestActions.map((a) => [a, nextRequestStatus(s, a)]))]),
    );
    expect(table).toEqual({
      pending: { assign: 'in_progress', return: null, resolve: null, reopen: null, rate: null },
      in_progress: { assign: 'in_progress', return: 'pending', resolve: 'resolved', reopen: null, rate: null },
      resolved: { assign: null, return: null, resolve: null, reopen: 'in_progress', rate: 'rated' },
      rated: { assign: null, return: null, resolve: null, reopen: null, rate: null },
    });
    expect(actionsFrom('rated')).toEqual([]);
  });

  it('is overdue from the day after the due date, Beijing time, only while open', () => {
    const open = { status: 'in_progress' as const, dueDate: '2026-03-01' };
    expect(requestOverdue(open, '2026-03-01T15:59:00Z')).toEqual({ overdue: false, daysOverdue: 0 });
    expect(requestOverdue(open, '2026-03-01T16:00:00Z')).toEqual({ overdue: true, daysOverdue: 1 });
    expect(requestOverdue(open, '2026-03-11T08:00:00Z')).toEqual({ overdue: true, daysOverdue: 10 });
    expect(requestOverdue({ status: 'resolved', dueDate: '2026-03-01' }, '2026-04-01T00:00:00Z').overdue).toBe(false);
    expect(requestOverdue({ status: 'pending', dueDate: null }, '2026-04-01T00:00:00Z').overdue).toBe(false);
  });
});

describe('turnaround', () => {
  it('computes per department counts, mean days, on-time and ratings', () => {
    const rows = [
      // Department 2: two resolved (1.5 and 3 days), one late, one rated 4 and one rated 5; one still open and overdue.
      {
        departmentId: 2,
        status: 'rated' as const,
        assignedAt: '2026-03-01T00:00:00Z',
        dueDate: '2026-03-05',
        resolvedAt: '2026-03-02T12:00:00Z',
        rating: 4,
      },
      {
        departmentId: 2,
        status: 'rated' as const,
        assignedAt: '2026-03-01T00:00:00Z',
        dueDate: '2026-03-03',
        resolvedAt: '2026-03-04T00:00:00Z',
        rating: 5,
      },
      {
        departmentId: 2,
        status: 'in_progress' as const,
        assignedAt: '2026-03-01T00:00:00Z',
        dueDate: '2026-03-03',
        resolvedAt: null,
        rating: null,
      },
      {
        departmentId: 1,
        status: 'in_progress' as const,
        assignedAt: '2026-03-01T00:00:00Z',
        dueDate: '2026-04-01',
        resolvedAt: null,
        rating: null,
      },
    ];
    expect(turnaroundByDepartment(rows, '2026-03-10T00:00:00Z')).toEqual([
      {
        departmentId: 1,
        assigned: 1,
        open: 1,
        overdue: 0,
        resolved: 0,
        onTime: 0,
        averageDays: null,
        averageRating: null,
        rated: 0,
      },
      {
        departmentId: 2,
        assigned: 3,
        open: 1,
        overdue: 1,
        resolved: 2,
        onTime: 1,
        averageDays: 2.3,
        averageRating: 4.5,
        rated: 2,
      },
    ]);
  });
});

describe('pairing cadence', () => {
  const base = { active: true, startedOn: '2026-01-01', endedOn: null, cadenceDays: 30, lastContactOn: null };
  it('counts from the start before any contact, then from the last contact', () => {
    expect(pairingContactStatus(base, '2026-01-31T04:00:00Z')).toEqual({
      nextDueOn: '2026-01-31',
      overdue: false,
      daysOverdue: 0,
    });
    expect(pairingContactStatus(base, '2026-02-01T04:00:00Z')).toEqual({
      nextDueOn: '2026-01-31',
      overdue: true,
      daysOverdue: 1,
    });
    expect(pairingContactStatus({ ...base, lastContactOn: '2026-01-20' }, '2026-02-01T04:00:00Z')).toEqual({
      nextDueOn: '2026-02-19',
      overdue: false,
      daysOverdue: 0,
    });
  });
  it('never flags an inactive or ended pairing', () => {
    expect(pairingContactStatus({ ...base, active: false }, '2027-01-01T00:00:00Z').overdue).toBe(false);
    expect(pairingContactStatus({ ...base, endedOn: '2026-06-30' }, '2027-01-01T00:00:00Z').overdue).toBe(false);
  });
});
