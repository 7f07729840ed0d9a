/** Who may change an activity, and who may see its confidential photos. */
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { isOffice } from '../troops/troops.access.ts';
import type { UnitViews } from '../troops/troops.confidential.ts';
import * as repo from './activities.repo.ts';

export function mayEdit(actor: Actor, organiserIds: readonly number[]): boolean {
  if (!can(actor.role, 'activities.write')) return false;
  if (actor.role === 'troop') return actor.unitId !== null && organiserIds.includes(actor.unitId);
  return isOffice(actor) || actor.role === 'street';
}

/** Confidential photos: only viewers cleared for every military unit that organised the activity. */
export function mayReadConfidentialPhotos(actor: Actor, views: UnitViews, organiserIds: readonly number[]): boolean {
  const military = organiserIds.filter((id) => views.unit(id)?.kind === 'military');
  if (military.length === 0) return can(actor.role, 'militaryUnits.seeDesignation');
  return military.every((id) => views.cleared(id));
}

/** An activity in the actor's scope with its organisers; not found otherwise. */
export async function activityInScope(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findActivity(ctx.db, actor, id);
  if (!row) throw notFound();
  const organiserIds = (await repo.organisersFor(ctx.db, [id])).get(id) ?? [];
  return { row, organiserIds };
}

/** An activity the actor may change: in scope, and the actor one of its organisers or the office. */
export async function editable(ctx: AppContext, actor: Actor, id: number) {
  requireCapability(actor, 'activities.write');
  const found = await activityInScope(ctx, actor, id);
  if (!mayEdit(actor, found.organiserIds)) throw new AppError('FORBIDDEN', '只有组织单位或双拥办可以修改该活动。');
  return found;
}
