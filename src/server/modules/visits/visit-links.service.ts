/**
 * What other modules need to know about campaign visits: where a request opened from a visit came from, and
 * a programme's visits for its summary. Kept apart from visits.service.ts so the troop module can ask without
 * an import cycle.
 */
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import * as repo from './visits.repo.ts';

/** The visit a request came from; the caller has found the request inside the actor's scope. */
export async function visitOrigin(ctx: AppContext, visitId: number) {
  const row = await repo.findVisitOrigin(ctx.db, visitId);
  if (!row) return null;
  return {
    campaignId: row.campaign_id,
    campaignName: row.campaign_name,
    entryId: row.entry_id,
    visitedOn: row.visited_on,
    recordedByName: row.recorded_by_name,
    personName: row.person_name,
  };
}

/** Whether a visit lies in the actor's scope (linking a request to it by hand). */
export async function visitInScope(ctx: AppContext, actor: Actor, visitId: number): Promise<boolean> {
  requireCapability(actor, 'campaign.read');
  return (await repo.findVisitInScope(ctx.db, actor, visitId)) !== undefined;
}

/** Visits tagged with the programme, within the viewer's scope. */
export async function programmeVisitFigures(ctx: AppContext, actor: Actor, programmeId: number) {
  requireCapability(actor, 'campaign.read');
  return repo.programmeVisitTotals(ctx.db, actor, programmeId);
}
