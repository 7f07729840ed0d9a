/**
 * Carrying out a notice task (签收 → 落实情况) against its deadline. Pure: "today" is passed in.
 * Deadlines are calendar dates in China (UTC+8, no daylight saving); timestamps are ISO instants.
 */

export type AssignmentState = 'pending' | 'acknowledged' | 'overdue' | 'reported' | 'reportedLate';

export const assignmentStates: readonly AssignmentState[] = [
  'pending',
  'acknowledged',
  'overdue',
  'reported',
  'reportedLate',
];

export const assignmentStateLabels: Record<AssignmentState, string> = {
  pending: '未签收',
  acknowledged: '已签收',
  overdue: '逾期未报',
  reported: '已上报',
  reportedLate: '逾期上报',
};

/** The calendar date in China (UTC+8) of an ISO instant: `2026-01-31T17:00:00Z` → `2026-02-01`. */
export function chinaDate(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface AssignmentFacts {
  /** YYYY-MM-DD, the last day on which a report is on time */
  deadline: string;
  acknowledgedAt: string | null;
  /** the first report */
  reportedAt: string | null;
}

export function assignmentState(a: AssignmentFacts, today: string): AssignmentState {
  if (a.reportedAt !== null) return chinaDate(a.reportedAt) > a.deadline ? 'reportedLate' : 'reported';
  if (today > a.deadline) return 'overdue';
  return a.acknowledgedAt !== null ? 'acknowledged' : 'pending';
}

/** Late: past the deadline without a report (reminders go to these). */
export function isOverdue(a: AssignmentFacts, today: string): boolean {
  return assignmentState(a, today) === 'overdue';
}

export interface StateCounts {
  total: number;
  acknowledged: number;
  reported: number;
  overdue: number;
  reportedLate: number;
}

/** Acknowledged counts every assignment acknowledged (a report implies it); reported counts on time and late. */
export function countStates(items: readonly (AssignmentFacts & { state: AssignmentState })[]): StateCounts {
  const c: StateCounts = { total: 0, acknowledged: 0, reported: 0, overdue: 0, reportedLate: 0 };
  for (const a of items) {
    c.total++;
    if (a.acknowledgedAt !== null || a.reportedAt !== null) c.acknowledged++;
    if (a.state === 'reported' || a.state === 'reportedLate') c.reported++;
    if (a.state === 'overdue') c.overdue++;
    if (a.state === 'reportedLate') c.reportedLate++;
  }
  return c;
}
