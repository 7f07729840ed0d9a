import type { RegistrySummary } from '../../../shared/api/registry.api.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { listVisibleRegions } from '../regions/regions.repo.ts';
import * as repo from './registry.repo.ts';

/** Registry counts for the home page, always within the viewer's scope. */
export async function summary(ctx: AppContext, actor: Actor): Promise<RegistrySummary> {
  requireCapability(actor, 'registry.read');
  const [totals, byCategory, byRegion, categories, regions] = await Promise.all([
    repo.countPersons(ctx.db, actor),
    repo.countByCategory(ctx.db, actor),
    repo.countByRegion(ctx.db, actor),
    repo.listCategories(ctx.db),
    listVisibleRegions(ctx.db, actor),
  ]);
  const names = new Map(categories.map((c) => [c.code, c.name]));
  const order = new Map(categories.map((c, i) => [c.code, i]));

  // Roll counts up to the level right below the viewer's own region (streets for the district office).
  const anchor = actor.regionId ?? regions.find((r) => r.parent_id === null)?.id ?? null;
  const anchorRegion = regions.find((r) => r.id === anchor);
  const children = regions.filter((r) => r.parent_id === anchor);
  const pathOf = new Map(regions.map((r) => [r.id, r.path]));
  const rolled = new Map<number, number>(children.map((c) => [c.id, 0]));
  for (const row of byRegion) {
    const path = row.region_id === null ? undefined : pathOf.get(Number(row.region_id));
    const child = path ? children.find((c) => path.startsWith(c.path)) : undefined;
    if (child) rolled.set(child.id, (rolled.get(child.id) ?? 0) + Number(row.n));
  }
  const regionRows = children.map((c) => ({ regionId: c.id, name: c.name, count: rolled.get(c.id) ?? 0 }));
  // A community worker has no children: show its own region.
  if (regionRows.length === 0 && anchorRegion) {
    regionRows.push({ regionId: anchorRegion.id, name: anchorRegion.name, count: totals.alive });
  }

  return {
    ...totals,
    byCategory: byCategory
      .map((r) => ({ code: r.code, name: names.get(r.code) ?? r.code, count: Number(r.n) }))
      .sort((a, b) => (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99)),
    byRegion: regionRows,
  };
}
