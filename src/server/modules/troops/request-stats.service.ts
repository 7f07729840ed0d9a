/** Request figures: per department for reports, and the statistics page with turnaround per department. */
import type { RequestStats } from '../../../shared/api/troops.api.ts';
import { localDateOf } from '../../../shared/domain/troops/local-date.ts';
import { type RequestStatus, requestOverdue, requestStatuses } from '../../../shared/domain/troops/request-flow.ts';
import { turnaroundByDepartment } from '../../../shared/domain/troops/turnaround.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { nowIso } from '../../platform/clock.ts';
import { lookupNames } from './programmes.service.ts';
import { periodFilter } from './request-views.service.ts';
import * as requestsRepo from './requests.repo.ts';
import { unitViews } from './troops.confidential.ts';

/**
 * Requests raised in a period, per responsible department (null: not assigned yet): received, resolved, open,
 * overdue, days from assignment to resolution (sum and count) and ratings (sum and count), in one grouped query.
 */
export async function requestFigures(ctx: AppContext, actor: Actor, period: { from: string; to: string }) {
  requireCapability(actor, 'troops.read');
  const now = nowIso();
  const [views, rows] = await Promise.all([
    unitViews(ctx, actor),
    requestsRepo.requestGroups(ctx.db, actor, await periodFilter(ctx, period), localDateOf(now)),
  ]);
  return rows.map((r) => ({
    ...r,
    departmentName: r.departmentId === null ? null : (views.unit(r.departmentId)?.name ?? null),
  }));
}

export async function requestStats(ctx: AppContext, actor: Actor): Promise<RequestStats> {
  requireCapability(actor, 'troops.read');
  const now = nowIso();
  const [views, kinds, rows] = await Promise.all([
    unitViews(ctx, actor),
    lookupNames(ctx, 'request_kind'),
    requestsRepo.listRequestsForStats(ctx.db, actor),
  ]);
  const byStatus = Object.fromEntries(requestStatuses.map((s) => [s, 0])) as RequestStats['byStatus'];
  const byKind = new Map<string, number>();
  let overdue = 0;
  let ratingSum = 0;
  let rated = 0;
  for (const r of rows) {
    const status = r.status as RequestStatus;
    byStatus[status]++;
    byKind.set(r.kind_code, (byKind.get(r.kind_code) ?? 0) + 1);
    if (requestOverdue({ status, dueDate: r.due_date }, now).overdue) overdue++;
    if (r.rating !== null) {
      ratingSum += r.rating;
      rated++;
    }
  }
  const turnaround = turnaroundByDepartment(
    rows
      .filter((r) => r.department_id !== null && r.assigned_at !== null)
      .map((r) => ({
        departmentId: r.department_id!,
        status: r.status as RequestStatus,
        assignedAt: r.assigned_at!,
        dueDate: r.due_date,
        resolvedAt: r.resolved_at,
        rating: r.rating,
      })),
    now,
  );
  return {
    total: rows.length,
    byStatus,
    overdue,
    averageRating: rated ? Math.round((ratingSum / rated) * 100) / 100 : null,
    byKind: [...byKind.entries()]
      .map(([code, count]) => ({ code, name: kinds.get(code) ?? code, count }))
      .sort((a, b) => b.count - a.count),
    departments: turnaround.flatMap(({ departmentId, ...t }) => {
      const department = views.unit(departmentId);
      return department ? [{ department, ...t }] : [];
    }),
  };
}
