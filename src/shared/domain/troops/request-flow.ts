import { daysFrom, localDateOf } from './local-date.ts';

/**
 * The flow of a troop request (部队诉求): 待受理 → 办理中 → 已办结 → 已评价. Who may take each step is
 * decided by the service; this file only knows which steps exist and where they lead.
 */
export const requestStatuses = ['pending', 'in_progress', 'resolved', 'rated'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const requestStatusLabels: Record<RequestStatus, string> = {
  pending: '待受理',
  in_progress: '办理中',
  resolved: '已办结',
  rated: '已评价',
};

/**
 * assign: the office hands the request to a department with a due date (again while 办理中 = reassignment);
 * return: the department hands it back (not its duty); resolve: the department reports it solved;
 * reopen: the unit (or office) finds it not solved; rate: the unit rates the outcome.
 */
export const requestActions = ['assign', 'return', 'resolve', 'reopen', 'rate'] as const;
export type RequestAction = (typeof requestActions)[number];

export const requestActionLabels: Record<RequestAction, string> = {
  assign: '交办',
  return: '退回',
  resolve: '办结',
  reopen: '重新办理',
  rate: '评价',
};

const transitions: Record<RequestAction, Partial<Record<RequestStatus, RequestStatus>>> = {
  assign: { pending: 'in_progress', in_progress: 'in_progress' },
  return: { in_progress: 'pending' },
  resolve: { in_progress: 'resolved' },
  reopen: { resolved: 'in_progress' },
  rate: { resolved: 'rated' },
};

/** Where `action` leads from `status`, or null when the step is not allowed there. */
export function nextRequestStatus(status: RequestStatus, action: RequestAction): RequestStatus | null {
  return transitions[action][status] ?? null;
}

/** The steps that exist from `status` (before asking who may take them). */
export function actionsFrom(status: RequestStatus): RequestAction[] {
  return requestActions.filter((a) => nextRequestStatus(status, a) !== null);
}

export function isOpenStatus(status: RequestStatus): boolean {
  return status === 'pending' || status === 'in_progress';
}

export interface OverdueVerdict {
  overdue: boolean;
  /** Whole local days past the due date (0 when not overdue). */
  daysOverdue: number;
}

/**
 * A request is overdue when it is still open after its due date: a due date is a whole local day, so a
 * request due 2026-03-01 becomes overdue at 00:00 Beijing time on 2026-03-02.
 */
export function requestOverdue(
  request: { status: RequestStatus; dueDate: string | null },
  now: string,
): OverdueVerdict {
  if (!request.dueDate || !isOpenStatus(request.status)) return { overdue: false, daysOverdue: 0 };
  const late = daysFrom(request.dueDate, localDateOf(now));
  return late > 0 ? { overdue: true, daysOverdue: late } : { overdue: false, daysOverdue: 0 };
}
