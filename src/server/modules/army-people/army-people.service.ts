import type { RegionItem } from '../../../shared/api/regions.api.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { unitViews } from '../troops/troops.confidential.ts';
import * as activitiesRepo from './activities.repo.ts';
import * as pairingsRepo from './pairings.repo.ts';

/** The army–people side of a programme's summary, within the viewer's scope. */
export async function programmeFigures(ctx: AppContext, actor: Actor, programmeId: number) {
  requireCapability(actor, 'activities.read');
  const [pairings, activities] = await Promise.all([
    pairingsRepo.listAllPairings(ctx.db, actor, { programmeId }),
    activitiesRepo.listAllActivities(ctx.db, actor, { programmeId }, 100_000),
  ]);
  const contacts = await pairingsRepo.listContactsInScope(ctx.db, actor, { pairingIds: pairings.map((p) => p.id) });
  return {
    pairings: {
      total: pairings.length,
      active: pairings.filter((p) => p.active === 1).length,
      contacts: contacts.length,
      spendCents: contacts.reduce((s, c) => s + c.spend_cents, 0),
    },
    activities: {
      count: activities.length,
      participants: activities.reduce((s, a) => s + a.participant_count, 0),
      spendCents: activities.reduce((s, a) => s + a.spend_cents, 0),
    },
  };
}

/** Regions the actor may pick as where a pairing's people live or where an activity takes place. */
export async function listPlaces(ctx: AppContext, actor: Actor): Promise<RegionItem[]> {
  requireCapability(actor, 'activities.read');
  let unitRegion: number | null = null;
  if (actor.role === 'troop' && actor.unitId !== null) {
    unitRegion = (await unitViews(ctx, actor)).regionOf(actor.unitId) ?? null;
  }
  const rows = await pairingsRepo.placesFor(ctx.db, actor, unitRegion);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level as RegionItem['level'],
    parentId: r.parent_id,
  }));
}
