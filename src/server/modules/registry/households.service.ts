import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  HouseholdDetail,
  HouseholdItem,
  householdListQuery,
  saveHouseholdRequest,
} from '../../../shared/api/registry.api.ts';
import { removeSpaces, toHalfWidth } from '../../../shared/domain/text.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { regionSubtreeIds } from '../regions/regions.repo.ts';
import * as householdsRepo from './households.repo.ts';
import { members } from './person-read.service.ts';
import * as repo from './registry.repo.ts';
import { RegionIndex, validationError } from './registry-common.ts';

// ---------------------------------------------------------------------------------------------------------------
// Households

async function householdItems(ctx: AppContext, actor: Actor, rows: readonly householdsRepo.HouseholdRow[]) {
  const [regions, counts] = await Promise.all([
    RegionIndex.load(ctx.db),
    householdsRepo.countMembers(
      ctx.db,
      actor,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map(
    (h): HouseholdItem => ({
      id: h.id,
      name: h.name,
      regionId: h.region_id,
      regionName: regions.label(h.region_id),
      streetName: regions.street(h.region_id),
      address: h.address,
      memberCount: counts.get(h.id) ?? 0,
    }),
  );
}

export async function listHouseholds(ctx: AppContext, actor: Actor, query: z.output<typeof householdListQuery>) {
  requireCapability(actor, 'registry.read');
  const { rows, total } = await householdsRepo.listHouseholds(
    ctx.db,
    actor,
    {
      namePrefix: query.q ? removeSpaces(toHalfWidth(query.q)) : undefined,
      regionIds: query.regionId === undefined ? undefined : await regionSubtreeIds(ctx.db, query.regionId),
    },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { items: await householdItems(ctx, actor, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getHousehold(ctx: AppContext, actor: Actor, id: number): Promise<HouseholdDetail> {
  requireCapability(actor, 'registry.read');
  const h = await householdsRepo.findHousehold(ctx.db, actor, id);
  if (!h) throw notFound();
  const [item] = await householdItems(ctx, actor, [h]);
  return { ...item!, members: await members(ctx, actor, id) };
}

async function checkHouseholdRegion(db: Kysely<DB>, actor: Actor, regionId: number) {
  const regions = await repo.checkRegions(db, actor, [regionId]);
  if (!regions.inScope.has(regionId)) {
    throw validationError([
      {
        path: 'regionId',
        message: regions.existing.has(regionId)
          ? '所选社区/村不在您的管辖范围内，请选择辖区内的社区/村'
          : '所选区划不存在，请重新选择',
      },
    ]);
  }
}

export async function createHousehold(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof saveHouseholdRequest>,
): Promise<HouseholdDetail> {
  requireCapability(actor, 'registry.write');
  await checkHouseholdRegion(ctx.db, actor, input.regionId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await householdsRepo.insertHousehold(trx, input, nowIso());
    await appendAudit(trx, actor, { action: 'create', entityType: 'household', entityId: id, after: input });
    return id;
  });
  return getHousehold(ctx, actor, id);
}

export async function updateHousehold(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof saveHouseholdRequest>,
): Promise<HouseholdDetail> {
  requireCapability(actor, 'registry.write');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await householdsRepo.findHousehold(trx, actor, id);
    if (!before) throw notFound();
    await checkHouseholdRegion(trx, actor, input.regionId);
    await householdsRepo.updateHousehold(trx, id, input, nowIso());
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'household',
      entityId: id,
      before: { name: before.name, regionId: before.region_id, address: before.address },
      after: input,
    });
  });
  return getHousehold(ctx, actor, id);
}
