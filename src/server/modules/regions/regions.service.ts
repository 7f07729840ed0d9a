import type { RegionItem } from '../../../shared/api/regions.api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { RegionLevel } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { sessionCache } from '../auth/session-cache.ts';
import * as repo from './regions.repo.ts';

type RegionRow = Awaited<ReturnType<typeof repo.listAllRegions>>[number];

const toItem = (r: RegionRow): RegionItem => ({
  id: r.id,
  code: r.code,
  name: r.name,
  level: r.level as RegionLevel,
  parentId: r.parent_id,
});

export async function listRegions(ctx: AppContext, actor: Actor): Promise<RegionItem[]> {
  requireCapability(actor, 'regions.read');
  return (await repo.listVisibleRegions(ctx.db, actor)).map(toItem);
}

export async function createRegion(
  ctx: AppContext,
  actor: Actor,
  input: { code: string; name: string; level: RegionLevel; parentId: number },
): Promise<RegionItem> {
  requireCapability(actor, 'regions.manage');
  if (!(await repo.findRegionById(ctx.db, input.parentId))) throw notFound();
  if (await repo.findRegionByCode(ctx.db, input.code)) {
    throw new AppError('CONFLICT', `区划代码 ${input.code} 已存在，请核对后重试。`);
  }
  const created = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertRegion(trx, input);
    const row = await repo.findRegionById(trx, id);
    await appendAudit(trx, actor, { action: 'create', entityType: 'region', entityId: id, after: input });
    return toItem(row!);
  });
  // The data scopes of this node's kept sessions widen at once; other nodes' when they hear the database.
  sessionCache(ctx)?.drop();
  return created;
}
