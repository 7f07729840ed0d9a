import type { RegistryDictionary, RegistrySummary } from '../../../shared/api/registry.api.ts';
import {
  categoryDictionary,
  householdRoles,
  livingSituations,
  qualificationFlags,
  relations,
} from '../../../shared/domain/categories.ts';
import { disabilityNatures } from '../../../shared/domain/disability.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { listVisibleRegions } from '../regions/regions.repo.ts';
import { detailsOf } from './person-state.ts';
import * as repo from './registry.repo.ts';
import { parseJsonArray } from './registry-common.ts';

/**
 * The registry (优抚对象信息): home-page counts and the form dictionary here; each sub-capability in its own
 * file, all re-exported so callers keep one entry point.
 */
export { addAssessment, addAssessmentInTransaction } from './assessments.service.ts';
export { listConfirmations, saveConfirmation } from './confirmations.service.ts';
export { createHousehold, getHousehold, listHouseholds, updateHousehold } from './households.service.ts';
export { getPerson, personCampaigns, personHistory, revealIdNumber } from './person-read.service.ts';
export {
  checkPersonInput,
  createPerson,
  findPersonIdByIdNumber,
  getPersonInput,
  markDeceased,
  markDeceasedInTransaction,
  type SaveOptions,
  type SaveResult,
  savePersonInTransaction,
  updatePerson,
} from './person-write.service.ts';
export { listPersons, streamPersons } from './search.service.ts';

// ---------------------------------------------------------------------------------------------------------------
// Home page counts

/**
 * Registry counts for the home page, always within the viewer's scope. Per region both streets are kept
 * (DESIGN: policy by 户籍, visits by residence): `count` by 户籍, `residenceCount` by residence (else 户籍),
 * so a person in scope only through the 户籍 still counts in the 户籍 street's figure.
 */
export async function summary(ctx: AppContext, actor: Actor): Promise<RegistrySummary> {
  requireCapability(actor, 'registry.read');
  const [totals, byCategory, byHukou, byResidence, categories, regions] = await Promise.all([
    repo.countPersons(ctx.db, actor),
    repo.countByCategory(ctx.db, actor),
    repo.countByRegion(ctx.db, actor, 'hukou'),
    repo.countByRegion(ctx.db, actor, 'residence'),
    repo.listCategories(ctx.db),
    listVisibleRegions(ctx.db, actor),
  ]);
  const names = new Map(categories.map((c) => [c.code, c.name]));
  const order = new Map(categories.map((c, i) => [c.code, i]));

  // Roll counts up to the level right below the viewer's own region (streets for the district office); a
  // community worker has no children: its own region.
  const anchor = actor.regionId ?? regions.find((r) => r.parent_id === null)?.id ?? null;
  const anchorRegion = regions.find((r) => r.id === anchor);
  const children = regions.filter((r) => r.parent_id === anchor);
  const targets = children.length === 0 && anchorRegion ? [anchorRegion] : children;
  const pathOf = new Map(regions.map((r) => [r.id, r.path]));
  const rollUp = (rows: readonly { region_id: number | null; n: number | string }[]) => {
    const rolled = new Map<number, number>(targets.map((c) => [c.id, 0]));
    for (const row of rows) {
      const path = row.region_id === null ? undefined : pathOf.get(Number(row.region_id));
      const target = path ? targets.find((c) => path.startsWith(c.path)) : undefined;
      if (target) rolled.set(target.id, (rolled.get(target.id) ?? 0) + Number(row.n));
    }
    return rolled;
  };
  const hukou = rollUp(byHukou);
  const residence = rollUp(byResidence);

  return {
    ...totals,
    byCategory: byCategory
      .map((r) => ({ code: r.code, name: names.get(r.code) ?? r.code, count: Number(r.n) }))
      .sort((a, b) => (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99)),
    byRegion: targets.map((c) => ({
      regionId: c.id,
      name: c.name,
      count: hukou.get(c.id) ?? 0,
      residenceCount: residence.get(c.id) ?? 0,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Dictionary for forms

export async function dictionary(ctx: AppContext, actor: Actor): Promise<RegistryDictionary> {
  requireCapability(actor, 'registry.read');
  const rows = await repo.listCategories(ctx.db);
  const groups = new Map(categoryDictionary.map((c) => [c.code, c.group]));
  return {
    categories: rows
      .filter((c) => c.active === 1)
      .map((c) => ({
        code: c.code,
        name: c.name,
        group: c.group_name || groups.get(c.code) || '其他',
        aliases: parseJsonArray(c.aliases_json),
        periodic: c.periodic === 1,
        details: detailsOf(c.code),
      })),
    flags: qualificationFlags.map((f) => ({ code: f.code, name: f.name })),
    livingSituations: [...livingSituations],
    relations: [...relations],
    disabilityNatures: [...disabilityNatures],
    householdRoles: [...householdRoles],
    confirmationMethods: ['上门', '电话', '视频', '来访', '其他'],
  };
}
