import { localDateOf } from './local-date.ts';
import { isOpenStatus, type RequestStatus, requestOverdue } from './request-flow.ts';

/** One request as the turnaround figures see it: who holds it, since when, and how it ended. */
export interface TurnaroundInput {
  departmentId: number;
  status: RequestStatus;
  /** When the current department received it (the latest assignment to it). */
  assignedAt: string;
  dueDate: string | null;
  /** When it was reported solved (null while open). */
  resolvedAt: string | null;
  /** The unit's rating 1–5 once rated. */
  rating: number | null;
}

export interface DepartmentTurnaround {
  departmentId: number;
  /** Requests it holds or held to the end. */
  assigned: number;
  open: number;
  overdue: number;
  resolved: number;
  /** Resolved on or before the due date (local day). */
  onTime: number;
  /** Mean days from assignment to resolution, one decimal; null before anything is resolved. */
  averageDays: number | null;
  /** Mean rating, two decimals; null before anything is rated. */
  averageRating: number | null;
  rated: number;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Turnaround figures per department, sorted by department id. `now` decides what is overdue. */
export function turnaroundByDepartment(rows: readonly TurnaroundInput[], now: string): DepartmentTurnaround[] {
  const groups = new Map<number, TurnaroundInput[]>();
  for (const r of rows) {
    const list = groups.get(r.departmentId) ?? [];
    list.push(r);
    groups.set(r.departmentId, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([departmentId, list]) => {
      const resolved = list.filter((r) => !isOpenStatus(r.status) && r.resolvedAt !== null);
      const rated = list.filter((r) => r.rating !== null);
      const days = resolved.map((r) => (Date.parse(r.resolvedAt!) - Date.parse(r.assignedAt)) / 86_400_000);
      return {
        departmentId,
        assigned: list.length,
        open: list.filter((r) => isOpenStatus(r.status)).length,
        overdue: list.filter((r) => requestOverdue(r, now).overdue).length,
        resolved: resolved.length,
        onTime: resolved.filter((r) => r.dueDate === null || localDateOf(r.resolvedAt!) <= r.dueDate).length,
        averageDays: days.length ? round(days.reduce((a, b) => a + b, 0) / days.length, 1) : null,
        averageRating: rated.length ? round(rated.reduce((a, r) => a + r.rating!, 0) / rated.length, 2) : null,
        rated: rated.length,
      };
    });
}
