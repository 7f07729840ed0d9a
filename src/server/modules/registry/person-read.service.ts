import type { PersonCampaignItem } from '../../../shared/api/campaign-visits.api.ts';
import {
  type FieldChange,
  type PersonDetail,
  type PersonVersionItem,
  type VersionAction,
  versionActions,
} from '../../../shared/api/registry.api.ts';
import { householdRoles } from '../../../shared/domain/categories.ts';
import { maskIdNumber } from '../../../shared/domain/id-number.ts';
import { maskPhone } from '../../../shared/domain/phone.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { todayInChina } from '../../platform/clock.ts';
import { personCampaignHistory } from '../visits/person-campaigns.service.ts';
import * as assessmentsRepo from './assessments.repo.ts';
import * as confirmationsRepo from './confirmations.repo.ts';
import * as householdsRepo from './households.repo.ts';
import * as personRepo from './person.repo.ts';
import { assessmentItem, confirmationItem, qualificationItem } from './person-items.ts';
import * as qualificationsRepo from './qualifications.repo.ts';
import { categoryEntries, nameLookup, parseJsonArray, RegionIndex } from './registry-common.ts';
import { categoryRefs } from './search.service.ts';

// ---------------------------------------------------------------------------------------------------------------
// Reading one person

/** The person page: everything about one person in scope, numbers masked by role. */
export async function getPerson(ctx: AppContext, actor: Actor, id: number): Promise<PersonDetail> {
  requireCapability(actor, 'registry.read');
  const row = await personRepo.findPerson(ctx.db, actor, id);
  if (!row) throw notFound();
  const [quals, categories, regions, assessments, confirmations, periodicCodes] = await Promise.all([
    qualificationsRepo.listQualifications(ctx.db, [id]),
    categoryEntries(ctx.db),
    RegionIndex.load(ctx.db),
    assessmentsRepo.listAssessments(ctx.db, id),
    confirmationsRepo.listConfirmations(ctx.db, [id]),
    confirmationsRepo.periodicCategoryCodes(ctx.db),
  ]);
  const categoryName = nameLookup(categories);
  let household: PersonDetail['household'] = null;
  if (row.household_id !== null) {
    const h = await householdsRepo.findHousehold(ctx.db, actor, row.household_id);
    if (h) household = { id: h.id, name: h.name, address: h.address, members: await members(ctx, actor, h.id) };
  }
  const fullPhones = can(actor.role, 'registry.write');
  const phone = (enc: string | null, masked: string | null) => {
    if (enc === null) return null;
    if (!fullPhones) return masked ?? maskPhone(ctx.cipher.decrypt(enc));
    return ctx.cipher.decrypt(enc);
  };
  const today = todayInChina();
  return {
    id: row.id,
    name: row.name,
    sex: row.sex === 'F' ? 'F' : 'M',
    birthDate: row.birth_date,
    idNumber: row.id_masked ?? maskIdNumber(ctx.cipher.decrypt(row.id_number_enc)),
    phone: phone(row.phone_enc, row.phone_masked),
    phone2: phone(row.phone2_enc, row.phone2_masked),
    phonesMasked: !fullPhones,
    hukouRegionId: row.hukou_region_id,
    hukouRegionName: regions.label(row.hukou_region_id),
    hukouStreetName: regions.street(row.hukou_region_id),
    hukouAddress: row.hukou_address,
    hukouLocal: regions.isLocal(row.hukou_region_id),
    residenceRegionId: row.residence_region_id,
    residenceRegionName: regions.label(row.residence_region_id),
    residenceStreetName: regions.street(row.residence_region_id),
    address: row.address,
    household,
    householdRole: row.household_role,
    alive: row.alive === 1,
    deathDate: row.death_date,
    livingSituations: parseJsonArray(row.living_situations_json),
    notes: row.notes,
    qualifications: quals.map((q) => qualificationItem(q, categoryName)),
    periodic: quals.some(
      (q) => periodicCodes.includes(q.category_code) && (q.end_date === null || q.end_date >= today),
    ),
    assessments: assessments.map(assessmentItem),
    confirmations: confirmations.map(confirmationItem),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    permissions: {
      edit: can(actor.role, 'registry.write'),
      revealIdNumber: can(actor.role, 'registry.viewFullId'),
    },
  };
}

export async function members(ctx: AppContext, actor: Actor, householdId: number) {
  const rows = await householdsRepo.listHouseholdMembers(ctx.db, actor, householdId);
  const refs = await categoryRefs(
    ctx,
    rows.map((r) => r.id),
  );
  const rank = (role: string | null) => {
    const i = householdRoles.indexOf((role ?? '其他') as (typeof householdRoles)[number]);
    return i < 0 ? householdRoles.length : i;
  };
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      role: r.household_role,
      sex: (r.sex === 'F' ? 'F' : 'M') as 'M' | 'F',
      birthDate: r.birth_date,
      alive: r.alive === 1,
      categories: refs.get(r.id) ?? [],
    }))
    .sort((a, b) => rank(a.role) - rank(b.role) || a.id - b.id);
}

/**
 * Shows the full 身份证号 to a role cleared for it, and records that it did, in the same transaction:
 * if the audit record cannot be written, the number is not shown.
 */
export async function revealIdNumber(ctx: AppContext, actor: Actor, id: number): Promise<{ idNumber: string }> {
  requireCapability(actor, 'registry.viewFullId');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await personRepo.findPerson(trx, actor, id);
    if (!row) throw notFound();
    await appendAudit(trx, actor, {
      action: 'view.idNumber',
      entityType: 'person',
      entityId: id,
      summary: '查看完整身份证号',
    });
    return { idNumber: ctx.cipher.decrypt(row.id_number_enc) };
  });
}

/**
 * The person's campaign history (each roster entry and its visit), for the person page. The person must be in
 * the actor's scope (404 like a missing one); the entries are read, scope-checked, by the visits module. A role
 * that may not read campaigns gets an empty history.
 */
export async function personCampaigns(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<{ items: PersonCampaignItem[] }> {
  requireCapability(actor, 'registry.read');
  if (!(await personRepo.findPerson(ctx.db, actor, id))) throw notFound();
  if (!can(actor.role, 'campaign.read')) return { items: [] };
  return { items: await personCampaignHistory(ctx, actor, id) };
}

/** Every version of a person, newest first: who, when, what changed (sensitive numbers masked). */
export async function personHistory(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<{ items: PersonVersionItem[] }> {
  requireCapability(actor, 'registry.read');
  const row = await personRepo.findPerson(ctx.db, actor, id);
  if (!row) throw notFound();
  const versions = await personRepo.listVersions(ctx.db, id);
  return {
    items: versions.map((v) => ({
      version: v.version,
      at: v.at,
      actorName: v.actor_name,
      action: (versionActions as readonly string[]).includes(v.action) ? (v.action as VersionAction) : 'update',
      source: v.source,
      changes: safeChanges(v.changes_json),
    })),
  };
}

function safeChanges(text: string): FieldChange[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as FieldChange[]) : [];
  } catch {
    return [];
  }
}
