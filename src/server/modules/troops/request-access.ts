/** Who may take which step on a request, and which of its confidential attachments they may read. */
import type { RequestDetail } from '../../../shared/api/troops.api.ts';
import {
  nextRequestStatus,
  type RequestAction,
  type RequestStatus,
} from '../../../shared/domain/troops/request-flow.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import * as requestsRepo from './requests.repo.ts';
import { isOffice } from './troops.access.ts';
import type { UnitViews } from './troops.confidential.ts';

type RequestRow = requestsRepo.RequestRow;
type DetailAction = RequestDetail['allowedActions'][number];

export const isOwnUnit = (actor: Actor, row: RequestRow) =>
  actor.role === 'troop' && actor.unitId !== null && row.military_unit_id === actor.unitId;
export const isAssignedDepartment = (actor: Actor, row: RequestRow) =>
  actor.role === 'department' && actor.unitId !== null && row.department_id === actor.unitId;

export function mayTake(actor: Actor, row: RequestRow, action: RequestAction): boolean {
  if (!can(actor.role, 'troops.write')) return false;
  switch (action) {
    case 'assign':
      return isOffice(actor);
    case 'return':
      return isAssignedDepartment(actor, row);
    case 'resolve':
      return isAssignedDepartment(actor, row) || isOffice(actor);
    case 'reopen':
    case 'rate':
      return isOwnUnit(actor, row) || isOffice(actor);
  }
}

export function allowedActions(actor: Actor, row: RequestRow): DetailAction[] {
  if (!can(actor.role, 'troops.write')) return [];
  const status = row.status as RequestStatus;
  const out: DetailAction[] = [];
  for (const action of ['assign', 'return', 'resolve', 'reopen', 'rate'] as const) {
    if (nextRequestStatus(status, action) && mayTake(actor, row, action)) out.push(action);
  }
  if (status === 'pending' && (isOwnUnit(actor, row) || isOffice(actor))) out.push('edit');
  out.push('comment', 'attach');
  if (isOffice(actor)) out.push('linkSupporter');
  return out;
}

/** Confidential attachments of a unit's request: only roles cleared for that unit; of a family's: cleared roles. */
export function mayReadConfidentialOf(
  actor: Actor,
  views: UnitViews,
  row: { military_unit_id: number | null },
): boolean {
  return row.military_unit_id !== null
    ? views.cleared(row.military_unit_id)
    : can(actor.role, 'militaryUnits.seeDesignation');
}

export async function requestInScope(ctx: AppContext, actor: Actor, id: number): Promise<RequestRow> {
  const row = await requestsRepo.findRequest(ctx.db, actor, id);
  if (!row) throw notFound();
  return row;
}
