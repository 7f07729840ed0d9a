import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { PersonCampaignItem } from '../../../shared/api/campaign-visits.api.ts';
import {
  type AddAssessmentInput,
  type AssessmentItem,
  addAssessmentRequest,
  type ConfirmationItem,
  type confirmationList,
  type confirmationListQuery,
  type FieldChange,
  type HouseholdDetail,
  type HouseholdItem,
  type householdListQuery,
  type PersonDetail,
  type PersonFilterInput,
  type PersonInput,
  type PersonListItem,
  type PersonListQuery,
  type PersonVersionItem,
  type QualificationItem,
  type RegistryDictionary,
  type RegistrySummary,
  type saveConfirmationRequest,
  type saveHouseholdRequest,
  savePersonRequest,
  type VersionAction,
  versionActions,
} from '../../../shared/api/registry.api.ts';
import {
  categoryDictionary,
  householdRoles,
  livingSituations,
  qualificationFlags,
  relations,
  resolveLivingSituation,
} from '../../../shared/domain/categories.ts';
import { disabilityNatures } from '../../../shared/domain/disability.ts';
import { maskIdNumber, parseIdNumber } from '../../../shared/domain/id-number.ts';
import { maskPhone, parsePhone } from '../../../shared/domain/phone.ts';
import { removeSpaces, toHalfWidth } from '../../../shared/domain/text.ts';
import { AppError, type ErrorDetail } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { listVisibleRegions } from '../regions/regions.repo.ts';
import { personCampaignHistory } from '../visits/person-campaigns.service.ts';
import { idNumberHash, idTail6Hash, phoneHash } from './person-row.ts';
import {
  categoryResolver,
  detailsOf,
  diffStates,
  nameSearchKey,
  type PersonState,
  stateFromInput,
} from './person-state.ts';
import * as repo from './registry.repo.ts';
import {
  auditSummary,
  categoryEntries,
  displayLookups,
  isUniqueViolation,
  nameLookup,
  parseJsonArray,
  qualificationWrite,
  RegionIndex,
  rowFromState,
  staleVersion,
  todayInChina,
  validationError,
  zodDetails,
} from './registry-common.ts';

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
// Reading one person

function stateFromRow(ctx: AppContext, row: repo.PersonRow, quals: readonly repo.QualificationRow[]): PersonState {
  return {
    name: row.name,
    idNumber: ctx.cipher.decrypt(row.id_number_enc),
    sex: row.sex === 'F' ? 'F' : 'M',
    birthDate: row.birth_date,
    phone: row.phone_enc ? ctx.cipher.decrypt(row.phone_enc) : null,
    phone2: row.phone2_enc ? ctx.cipher.decrypt(row.phone2_enc) : null,
    hukouRegionId: row.hukou_region_id,
    hukouAddress: row.hukou_address,
    residenceRegionId: row.residence_region_id,
    address: row.address,
    householdId: row.household_id,
    householdRole: row.household_role,
    alive: row.alive === 1,
    deathDate: row.death_date,
    livingSituations: parseJsonArray(row.living_situations_json),
    notes: row.notes,
    qualifications: quals.map((q) => ({
      id: q.id,
      categoryCode: q.category_code,
      disabilityGrade: q.disability_grade,
      disabilityNature: q.disability_nature,
      relation: q.relation,
      servicemanName: q.serviceman_name,
      certificateNo: q.certificate_no,
      startDate: q.start_date,
      endDate: q.end_date,
      flags: parseJsonArray(q.flags_json),
    })),
  };
}

const flagNames = new Map<string, string>(qualificationFlags.map((f) => [f.code, f.name]));

function qualificationItem(q: repo.QualificationRow, categoryName: (code: string) => string): QualificationItem {
  return {
    id: q.id,
    categoryCode: q.category_code,
    categoryName: categoryName(q.category_code),
    disabilityGrade: q.disability_grade,
    disabilityNature: q.disability_nature,
    relation: q.relation,
    servicemanName: q.serviceman_name,
    certificateNo: q.certificate_no,
    startDate: q.start_date,
    endDate: q.end_date,
    flags: parseJsonArray(q.flags_json).map((code) => ({ code, name: flagNames.get(code) ?? code })),
  };
}

const assessmentItem = (a: Awaited<ReturnType<typeof repo.listAssessments>>[number]): AssessmentItem => ({
  id: a.id,
  assessedOn: a.assessed_on,
  situations: parseJsonArray(a.situations_json),
  notes: a.notes,
  needs: a.needs,
  source: a.source,
  createdByName: a.created_by_name,
  createdAt: a.created_at,
});

const confirmationItem = (c: repo.ConfirmationRow): ConfirmationItem => ({
  id: c.id,
  year: c.year,
  result: c.result as ConfirmationItem['result'],
  method: c.method,
  confirmedOn: c.confirmed_on,
  notes: c.notes,
  confirmedByName: c.confirmed_by_name,
  updatedAt: c.updated_at,
});

/** The person page: everything about one person in scope, numbers masked by role. */
export async function getPerson(ctx: AppContext, actor: Actor, id: number): Promise<PersonDetail> {
  requireCapability(actor, 'registry.read');
  const row = await repo.findPerson(ctx.db, actor, id);
  if (!row) throw notFound();
  const [quals, categories, regions, assessments, confirmations, periodicCodes] = await Promise.all([
    repo.listQualifications(ctx.db, [id]),
    categoryEntries(ctx.db),
    RegionIndex.load(ctx.db),
    repo.listAssessments(ctx.db, id),
    repo.listConfirmations(ctx.db, [id]),
    repo.periodicCategoryCodes(ctx.db),
  ]);
  const categoryName = nameLookup(categories);
  let household: PersonDetail['household'] = null;
  if (row.household_id !== null) {
    const h = await repo.findHousehold(ctx.db, actor, row.household_id);
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

async function members(ctx: AppContext, actor: Actor, householdId: number) {
  const rows = await repo.listHouseholdMembers(ctx.db, actor, householdId);
  const [quals, categories] = await Promise.all([
    repo.listQualifications(
      ctx.db,
      rows.map((r) => r.id),
    ),
    categoryEntries(ctx.db),
  ]);
  const refs = categoryRefs(quals, nameLookup(categories));
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

function categoryRefs(quals: readonly repo.QualificationRow[], categoryName: (code: string) => string) {
  const refs = new Map<number, { code: string; name: string }[]>();
  for (const q of quals) {
    const list = refs.get(q.person_id) ?? [];
    if (!list.some((c) => c.code === q.category_code)) {
      list.push({ code: q.category_code, name: categoryName(q.category_code) });
    }
    refs.set(q.person_id, list);
  }
  return refs;
}

/**
 * Shows the full 身份证号 to a role cleared for it, and records that it did, in the same transaction:
 * if the audit record cannot be written, the number is not shown.
 */
export async function revealIdNumber(ctx: AppContext, actor: Actor, id: number): Promise<{ idNumber: string }> {
  requireCapability(actor, 'registry.viewFullId');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findPerson(trx, actor, id);
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
  if (!(await repo.findPerson(ctx.db, actor, id))) throw notFound();
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
  const row = await repo.findPerson(ctx.db, actor, id);
  if (!row) throw notFound();
  const versions = await repo.listVersions(ctx.db, id);
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

// ---------------------------------------------------------------------------------------------------------------
// Writing: one path for every change, so that each one is versioned and audited

export interface SaveOptions {
  /** The person to update; omitted creates one. */
  personId?: number | undefined;
  /** Without `personId`: update the person with this ID number if one exists in the actor's scope. */
  upsertByIdNumber?: boolean | undefined;
  /** Where the change came from, kept with the version: `导入：2026年名册.xlsx`, `比对：公安死亡名单`. */
  source?: string | null | undefined;
  /** Validate and compute the changes without writing anything (merge preview). */
  dryRun?: boolean | undefined;
}

export interface SaveResult {
  /** null only for a dry run of a new person. */
  id: number | null;
  version: number;
  created: boolean;
  changed: boolean;
  changes: FieldChange[];
}

/**
 * Writes one change of a person: the row (only if its fields changed), the qualifications, a version with
 * the field changes and an audit record, all in `trx`. A stale `expectedVersion` answers CONFLICT.
 */
async function commit(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  c: {
    id: number | null;
    currentVersion: number;
    before: PersonState | null;
    after: PersonState;
    action: VersionAction;
    source: string | null;
    extraChanges?: FieldChange[];
    dryRun?: boolean | undefined;
  },
): Promise<SaveResult> {
  const look = await displayLookups(trx, [c.before, c.after]);
  const changes = [...diffStates(c.before, c.after, look), ...(c.extraChanges ?? [])];
  if (c.id !== null && changes.length === 0) {
    return { id: c.id, version: c.currentVersion, created: false, changed: false, changes };
  }
  if (c.dryRun) return { id: c.id, version: c.currentVersion, created: c.id === null, changed: true, changes };

  // Dedup by ID number over the whole registry (a person elsewhere is not shown, but cannot be registered twice).
  if (c.before === null || c.before.idNumber !== c.after.idNumber) {
    const holder = await repo.personIdByIdHash(trx, idNumberHash(ctx.cipher, c.after.idNumber));
    if (holder !== null && holder !== c.id) {
      const visible = await repo.findPerson(trx, actor, holder);
      throw new AppError(
        'CONFLICT',
        visible
          ? `该身份证号已登记（${visible.name}），请打开已有记录修改，不要重复登记`
          : '该身份证号已在其他辖区登记；如该人员已迁入本辖区，请联系区双拥办调整户籍地或居住地',
        [{ path: 'idNumber', message: '该身份证号已登记' }],
      );
    }
  }

  const now = nowIso();
  let id = c.id;
  let version: number;
  const row = rowFromState(ctx, c.after);
  const qualificationsChanged =
    c.before === null ||
    JSON.stringify(c.before.qualifications) !== JSON.stringify(c.after.qualifications.map((q) => ({ ...q })));
  try {
    if (id === null) {
      id = await repo.insertPerson(trx, row, now);
      version = 1;
    } else {
      const personChanged = changes.some((ch) => !ch.field.startsWith('qualification.'));
      const written = await repo.updatePerson(trx, id, c.currentVersion, personChanged ? row : {}, now);
      if (!written) throw staleVersion();
      version = c.currentVersion + 1;
    }
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', '该身份证号已登记，请勿重复登记', [
        { path: 'idNumber', message: '该身份证号已登记' },
      ]);
    }
    throw error;
  }
  if (qualificationsChanged)
    await repo.replaceQualifications(trx, id, c.after.qualifications.map(qualificationWrite), now);
  await repo.insertVersion(trx, {
    personId: id,
    version,
    at: now,
    actor,
    action: c.action,
    source: c.source,
    changesJson: JSON.stringify(changes),
  });
  await appendAudit(trx, actor, {
    action: c.action === 'create' ? 'create' : 'update',
    entityType: 'person',
    entityId: id,
    summary: auditSummary[c.action] + (c.source ? `（${c.source}）` : ''),
    before: Object.fromEntries(changes.map((ch) => [ch.label, ch.before])),
    after: Object.fromEntries(changes.map((ch) => [ch.label, ch.after])),
  });
  return { id, version, created: c.id === null, changed: true, changes };
}

async function loadState(trx: Kysely<DB>, ctx: AppContext, actor: Actor, id: number, lock: boolean) {
  const row = lock ? await repo.findPersonForUpdate(trx, actor, id) : await repo.findPerson(trx, actor, id);
  if (!row) throw notFound();
  const quals = await repo.listQualifications(trx, [id]);
  return { row, state: stateFromRow(ctx, row, quals) };
}

async function inputFacts(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof savePersonRequest>,
  current: PersonState | null,
) {
  const regionIds = [input.hukouRegionId, input.residenceRegionId].filter((x): x is number => x !== null);
  const [regions, categories, household] = await Promise.all([
    repo.checkRegions(db, actor, regionIds),
    categoryEntries(db),
    input.householdId === null ? Promise.resolve(undefined) : repo.findHousehold(db, actor, input.householdId),
  ]);
  const now = new Date(nowIso());
  return {
    now,
    today: todayInChina(),
    current,
    resolveCategory: categoryResolver(categories),
    regionsExisting: regions.existing,
    regionsInScope: regions.inScope,
    householdVisible: household !== undefined,
  };
}

function parseInput(input: PersonInput) {
  const parsed = savePersonRequest.safeParse(input);
  if (!parsed.success) throw validationError(zodDetails(parsed.error));
  return parsed.data;
}

/**
 * Creates or updates a person from input (a form, an import row) inside the caller's transaction: validates
 * and normalises everything (ID number, name, phones, regions in scope, categories and their aliases, details),
 * refuses a duplicate ID number, writes a version and an audit record. Throws VALIDATION_FAILED with one
 * detail per field (`idNumber`, `qualifications.0.disabilityGrade` …), CONFLICT, or NOT_FOUND.
 *
 * For the import and comparison work: `upsertByIdNumber` merges into the person already registered with that
 * number (in scope), `source` notes where the change came from, `dryRun` previews the changes.
 */
export async function savePersonInTransaction(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  input: PersonInput,
  options: SaveOptions = {},
): Promise<SaveResult> {
  requireCapability(actor, 'registry.write');
  const parsed = parseInput(input);
  let personId = options.personId ?? null;
  if (personId === null && options.upsertByIdNumber && parsed.idNumber) {
    const id = parseIdNumber(parsed.idNumber, new Date(nowIso()));
    if (id.ok) {
      const holder = await repo.personIdByIdHash(trx, idNumberHash(ctx.cipher, id.value.id));
      if (holder !== null && (await repo.findPerson(trx, actor, holder))) personId = holder;
    }
  }
  const current = personId === null ? null : await loadState(trx, ctx, actor, personId, !options.dryRun);
  if (current && parsed.version !== undefined && parsed.version !== current.row.version) throw staleVersion();
  const result = stateFromInput(parsed, await inputFacts(trx, actor, parsed, current?.state ?? null));
  if (!result.ok) throw validationError(result.errors);
  const after = result.state;

  // Living situations set through the form or a roster are kept in the assessment archive too.
  const before = current?.state ?? null;
  const livingChanged =
    parsed.livingSituations !== undefined &&
    JSON.stringify(before?.livingSituations ?? []) !== JSON.stringify(after.livingSituations);
  const action: VersionAction =
    before === null
      ? 'create'
      : before.alive && !after.alive
        ? 'deceased'
        : !before.alive && after.alive
          ? 'alive'
          : 'update';
  const saved = await commit(trx, ctx, actor, {
    id: personId,
    currentVersion: current?.row.version ?? 0,
    before,
    after,
    action,
    source: options.source ?? null,
    dryRun: options.dryRun,
  });
  if (livingChanged && saved.changed && !options.dryRun && saved.id !== null) {
    await repo.insertAssessment(trx, {
      personId: saved.id,
      assessedOn: todayInChina(),
      situations: after.livingSituations,
      notes: null,
      needs: null,
      source: options.source ?? (before === null ? '登记' : '信息修改'),
      actor,
      now: nowIso(),
    });
  }
  return saved;
}

/**
 * Runs every check of `savePersonInTransaction` without writing: the import's validate phase.
 * Returns the problems (empty when the input would be accepted).
 */
export async function checkPersonInput(
  db: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  input: PersonInput,
  options: { personId?: number } = {},
): Promise<ErrorDetail[]> {
  requireCapability(actor, 'registry.write');
  const parsed = savePersonRequest.safeParse(input);
  if (!parsed.success) return zodDetails(parsed.error);
  let current: PersonState | null = null;
  if (options.personId !== undefined) {
    const row = await repo.findPerson(db, actor, options.personId);
    if (!row) return [{ path: 'id', message: '未找到该人员，可能已被删除或不在您的数据范围内' }];
    current = stateFromRow(ctx, row, await repo.listQualifications(db, [options.personId]));
  }
  const result = stateFromInput(parsed.data, await inputFacts(db, actor, parsed.data, current));
  return result.ok ? [] : result.errors;
}

/**
 * Dedup lookup by 身份证号 (any accepted spelling). `inScope: false` means the number is registered
 * elsewhere: the caller may say so, but not show that person.
 */
export async function findPersonIdByIdNumber(
  db: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  idNumber: string,
): Promise<{ id: number; inScope: boolean } | null> {
  requireCapability(actor, 'registry.read');
  const parsed = parseIdNumber(idNumber, new Date(nowIso()));
  if (!parsed.ok) return null;
  const id = await repo.personIdByIdHash(db, idNumberHash(ctx.cipher, parsed.value.id));
  if (id === null) return null;
  return { id, inScope: (await repo.findPerson(db, actor, id)) !== undefined };
}

/** The person as input (without the ID number, which an edit keeps): to merge a row into and save back. */
export async function getPersonInput(db: Kysely<DB>, ctx: AppContext, actor: Actor, id: number): Promise<PersonInput> {
  requireCapability(actor, 'registry.read');
  const { row, state } = await loadState(db, ctx, actor, id, false);
  return {
    name: state.name,
    phone: state.phone,
    phone2: state.phone2,
    hukouRegionId: state.hukouRegionId,
    hukouAddress: state.hukouAddress,
    residenceRegionId: state.residenceRegionId,
    address: state.address,
    householdId: state.householdId,
    householdRole: state.householdRole,
    notes: state.notes,
    qualifications: state.qualifications.map((q) => ({
      id: q.id,
      category: q.categoryCode,
      disabilityGrade: q.disabilityGrade,
      disabilityNature: q.disabilityNature,
      relation: q.relation,
      servicemanName: q.servicemanName,
      certificateNo: q.certificateNo,
      startDate: q.startDate,
      endDate: q.endDate,
      flags: q.flags,
    })),
    version: row.version,
  };
}

export async function createPerson(ctx: AppContext, actor: Actor, input: PersonInput) {
  requireCapability(actor, 'registry.write');
  const saved = await ctx.db.transaction().execute((trx) => savePersonInTransaction(trx, ctx, actor, input));
  return { id: saved.id!, version: saved.version, changed: saved.changed };
}

export async function updatePerson(ctx: AppContext, actor: Actor, id: number, input: PersonInput) {
  requireCapability(actor, 'registry.write');
  const saved = await ctx.db
    .transaction()
    .execute((trx) => savePersonInTransaction(trx, ctx, actor, input, { personId: id }));
  return { id, version: saved.version, changed: saved.changed };
}

/**
 * Marks a person deceased on a date (they leave active lists and stay in history), or with `deathDate: null`
 * revokes a mistaken mark. Inside the caller's transaction, for the comparison work (比对) as well.
 */
export async function markDeceasedInTransaction(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  personId: number,
  deathDate: string | null,
  options: { version?: number | undefined; source?: string | null | undefined } = {},
): Promise<SaveResult> {
  requireCapability(actor, 'registry.write');
  const { row, state } = await loadState(trx, ctx, actor, personId, true);
  if (options.version !== undefined && options.version !== row.version) throw staleVersion();
  const errors: ErrorDetail[] = [];
  if (deathDate !== null && deathDate > todayInChina())
    errors.push({ path: 'deathDate', message: '死亡日期不能晚于今天，请核对' });
  if (deathDate !== null && deathDate < state.birthDate)
    errors.push({ path: 'deathDate', message: '死亡日期早于出生日期，请核对' });
  if (errors.length) throw validationError(errors);
  const after: PersonState = { ...state, alive: deathDate === null, deathDate };
  return commit(trx, ctx, actor, {
    id: personId,
    currentVersion: row.version,
    before: state,
    after,
    action: deathDate === null ? 'alive' : 'deceased',
    source: options.source ?? null,
  });
}

export async function markDeceased(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { deathDate: string | null; version?: number | undefined },
) {
  requireCapability(actor, 'registry.write');
  const saved = await ctx.db
    .transaction()
    .execute((trx) => markDeceasedInTransaction(trx, ctx, actor, id, input.deathDate, { version: input.version }));
  return { id, version: saved.version, changed: saved.changed };
}

// ---------------------------------------------------------------------------------------------------------------
// Living-situation assessments

/**
 * Adds an assessment to the person's 生活状况档案 (also for visits: pass `source`, e.g. `走访：2026年春节`).
 * The newest assessment is the person's current living situation; that change is versioned.
 */
export async function addAssessmentInTransaction(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  personId: number,
  input: AddAssessmentInput,
  source = '人工评估',
): Promise<AssessmentItem> {
  requireCapability(actor, 'registry.write');
  const parsed = addAssessmentRequest.safeParse(input);
  if (!parsed.success) throw validationError(zodDetails(parsed.error));
  const a = parsed.data;
  const { row, state } = await loadState(trx, ctx, actor, personId, true);
  const errors: ErrorDetail[] = [];
  const situations: string[] = [];
  for (const s of a.situations) {
    const resolved = resolveLivingSituation(s);
    if (!resolved) errors.push({ path: 'situations', message: `生活状况“${s}”不在可选范围内，请从列表中选择` });
    else if (!situations.includes(resolved)) situations.push(resolved);
  }
  if (a.assessedOn > todayInChina()) errors.push({ path: 'assessedOn', message: '评估日期不能晚于今天，请核对' });
  if (a.assessedOn < state.birthDate) errors.push({ path: 'assessedOn', message: '评估日期早于出生日期，请核对' });
  if (errors.length) throw validationError(errors);

  const latest = await repo.latestAssessmentDate(trx, personId);
  const now = nowIso();
  const assessmentId = await repo.insertAssessment(trx, {
    personId,
    assessedOn: a.assessedOn,
    situations,
    notes: a.notes,
    needs: a.needs,
    source,
    actor,
    now,
  });
  // An older assessment entered late goes into the archive without overriding a newer one.
  const isNewest = latest === null || a.assessedOn >= latest;
  const after: PersonState = isNewest ? { ...state, livingSituations: situations } : state;
  await commit(trx, ctx, actor, {
    id: personId,
    currentVersion: row.version,
    before: state,
    after,
    action: 'assessment',
    source,
    extraChanges: [
      {
        field: `assessment.${assessmentId}`,
        label: `生活状况评估（${a.assessedOn}）`,
        before: null,
        after: [situations.length ? situations.join('、') : '无特殊情况', a.needs ? `诉求：${a.needs}` : null]
          .filter(Boolean)
          .join('；'),
      },
    ],
  });
  const stored = (await repo.listAssessments(trx, personId)).find((x) => x.id === assessmentId)!;
  return assessmentItem(stored);
}

export async function addAssessment(ctx: AppContext, actor: Actor, personId: number, input: AddAssessmentInput) {
  requireCapability(actor, 'registry.write');
  return ctx.db.transaction().execute((trx) => addAssessmentInTransaction(trx, ctx, actor, personId, input));
}

// ---------------------------------------------------------------------------------------------------------------
// Annual re-confirmation (年度确认)

const resultLabels: Record<string, string> = {
  confirmed: '已确认，继续发放',
  suspended: '暂停发放，待核实',
  stopped: '终止发放',
};

export async function saveConfirmation(
  ctx: AppContext,
  actor: Actor,
  personId: number,
  input: z.output<typeof saveConfirmationRequest>,
): Promise<ConfirmationItem> {
  requireCapability(actor, 'registry.write');
  return ctx.db.transaction().execute(async (trx) => {
    const { row, state } = await loadState(trx, ctx, actor, personId, true);
    const today = todayInChina();
    const thisYear = Number(today.slice(0, 4));
    const errors: ErrorDetail[] = [];
    if (input.year > thisYear) errors.push({ path: 'year', message: `不能确认 ${input.year} 年度：该年度尚未开始` });
    if (input.confirmedOn > today) errors.push({ path: 'confirmedOn', message: '确认日期不能晚于今天，请核对' });
    if (Number(input.confirmedOn.slice(0, 4)) < input.year) {
      errors.push({ path: 'confirmedOn', message: `确认日期应在 ${input.year} 年度内或之后，请核对` });
    }
    if (errors.length) throw validationError(errors);
    const periodic = await repo.periodicCategoryCodes(trx);
    const yearStart = `${input.year}-01-01`;
    if (
      !state.qualifications.some(
        (q) => periodic.includes(q.categoryCode) && (q.endDate === null || q.endDate >= yearStart),
      )
    ) {
      throw new AppError(
        'INVALID_STATE',
        '该对象没有享受定期抚恤补助的优抚身份，无需年度确认；如类别有误，请先修改其优抚身份',
      );
    }
    if (!state.alive && input.result === 'confirmed') {
      throw new AppError('INVALID_STATE', '该对象已故，不能确认继续发放；请选择“终止发放”', [
        { path: 'result', message: '已故人员不能确认继续发放' },
      ]);
    }
    const existing = (await repo.listConfirmations(trx, [personId], input.year))[0];
    const now = nowIso();
    await repo.upsertConfirmation(trx, {
      personId,
      year: input.year,
      result: input.result,
      method: input.method,
      confirmedOn: input.confirmedOn,
      notes: input.notes,
      actor,
      now,
    });
    const describe = (r: string, on: string, method: string | null) =>
      `${resultLabels[r] ?? r}（${on}${method ? `，${method}` : ''}）`;
    await commit(trx, ctx, actor, {
      id: personId,
      currentVersion: row.version,
      before: state,
      after: state,
      action: 'confirmation',
      source: null,
      extraChanges: [
        {
          field: `confirmation.${input.year}`,
          label: `${input.year} 年度确认`,
          before: existing ? describe(existing.result, existing.confirmed_on, existing.method) : '未确认',
          after: describe(input.result, input.confirmedOn, input.method),
        },
      ],
    });
    return confirmationItem((await repo.listConfirmations(trx, [personId], input.year))[0]!);
  });
}

export async function listConfirmations(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof confirmationListQuery>,
): Promise<z.infer<typeof confirmationList>> {
  requireCapability(actor, 'registry.read');
  const [regions, periodic] = await Promise.all([RegionIndex.load(ctx.db), repo.periodicCategoryCodes(ctx.db)]);
  const base = await personFilter(ctx, regions, {
    q: query.q,
    regionId: query.regionId,
    regionBasis: 'any',
    status: 'all',
  });
  const filter = (state: 'pending' | 'done' | 'all'): repo.PersonFilter => ({
    ...base,
    holdsAnyOf: { codes: periodic, validOn: `${query.year}-01-01` },
    confirmation: { year: query.year, state },
  });
  const offset = (query.page - 1) * query.pageSize;
  const [page, all, done] = await Promise.all([
    repo.searchPersons(ctx.db, actor, filter(query.status), { offset, limit: query.pageSize }),
    repo.countFiltered(ctx.db, actor, filter('all')),
    repo.countFiltered(ctx.db, actor, filter('done')),
  ]);
  const items = await listItems(ctx, page.rows, regions);
  const confirmations = await repo.listConfirmations(
    ctx.db,
    page.rows.map((r) => r.id),
    query.year,
  );
  const byPerson = new Map(confirmations.map((c) => [c.person_id, confirmationItem(c)]));
  return {
    items: items.map((person) => ({ person, confirmation: byPerson.get(person.id) ?? null })),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
    counts: { total: all, done },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Search and lists

/** What a search box entry means: ID (full, last 4, last 6), phone, pinyin, or a name in either script. */
function readSearchTerm(ctx: AppContext, q: string): repo.SearchTerm {
  const t = removeSpaces(toHalfWidth(q));
  if (/^\d{17}[\dXx]$|^\d{15}$/.test(t)) {
    const parsed = parseIdNumber(t, new Date(nowIso()));
    return parsed.ok ? { kind: 'idHash', hash: idNumberHash(ctx.cipher, parsed.value.id) } : { kind: 'nothing' };
  }
  if (/^\d{3}[\dXx]$/.test(t)) return { kind: 'idTail4', value: t.toUpperCase() };
  if (/^\d{5}[\dXx]$/.test(t)) return { kind: 'idTail6', hash: idTail6Hash(ctx.cipher, t.toUpperCase()) };
  if (/^[\d+\-()（）]+$/.test(t) && t.replace(/\D/g, '').length >= 7) {
    const phone = parsePhone(q);
    return phone.ok ? { kind: 'phoneHash', hash: phoneHash(ctx.cipher, phone.value.value) } : { kind: 'nothing' };
  }
  if (/^[a-zA-Zü]+$/.test(t)) return { kind: 'pinyin', prefix: t.toLowerCase().replace(/ü/g, 'v') };
  if (/^[\p{L}\p{M}·•・]+$/u.test(t)) return { kind: 'name', prefix: nameSearchKey(t) };
  throw new AppError(
    'VALIDATION_FAILED',
    '请输入姓名、拼音（如 zs）、身份证号后 4 位或后 6 位、完整身份证号或电话号码',
    [{ path: 'q', message: '无法识别的查询内容' }],
  );
}

async function personFilter(ctx: AppContext, regions: RegionIndex, f: PersonFilterInput): Promise<repo.PersonFilter> {
  let categoryCode: string | undefined;
  if (f.category) {
    const resolved = categoryResolver(await categoryEntries(ctx.db))(f.category);
    categoryCode = resolved?.code ?? `\u0000unknown:${f.category}`;
  }
  return {
    term: f.q ? readSearchTerm(ctx, f.q) : undefined,
    categoryCode,
    regionIds: f.regionId === undefined ? undefined : await repo.subtreeIds(ctx.db, f.regionId),
    regionBasis: f.regionBasis,
    livingSituation: f.livingSituation ? (resolveLivingSituation(f.livingSituation) ?? f.livingSituation) : undefined,
    status: f.status,
    hukouLocal: f.hukouLocal ? { local: f.hukouLocal === 'yes', regionIds: regions.localIds() } : undefined,
  };
}

async function listItems(ctx: AppContext, rows: readonly repo.PersonListRow[], regions: RegionIndex) {
  const [quals, categories] = await Promise.all([
    repo.listQualifications(
      ctx.db,
      rows.map((r) => r.id),
    ),
    categoryEntries(ctx.db),
  ]);
  const refs = categoryRefs(quals, nameLookup(categories));
  return rows.map((r) => toListItem(ctx, r, regions, refs.get(r.id) ?? []));
}

function toListItem(
  ctx: AppContext,
  r: repo.PersonListRow,
  regions: RegionIndex,
  categories: { code: string; name: string }[],
): PersonListItem {
  return {
    id: r.id,
    name: r.name,
    sex: r.sex === 'F' ? 'F' : 'M',
    birthDate: r.birth_date,
    // The masked forms are stored; only rows written before they existed are decrypted to mask them.
    idNumber: r.id_masked ?? maskIdNumber(ctx.cipher.decrypt(r.id_number_enc)),
    phone: r.phone_enc === null ? null : (r.phone_masked ?? maskPhone(ctx.cipher.decrypt(r.phone_enc))),
    categories,
    hukouRegionId: r.hukou_region_id,
    hukouRegionName: regions.label(r.hukou_region_id),
    hukouStreetName: regions.street(r.hukou_region_id),
    hukouLocal: regions.isLocal(r.hukou_region_id),
    residenceRegionId: r.residence_region_id,
    residenceRegionName: regions.label(r.residence_region_id),
    residenceStreetName: regions.street(r.residence_region_id),
    householdId: r.household_id,
    alive: r.alive === 1,
    deathDate: r.death_date,
    livingSituations: parseJsonArray(r.living_situations_json),
  };
}

/** The registry list and search: always within the actor's scope, masked, one page at a time. */
export async function listPersons(ctx: AppContext, actor: Actor, query: PersonListQuery) {
  requireCapability(actor, 'registry.read');
  const regions = await RegionIndex.load(ctx.db);
  const filter = await personFilter(ctx, regions, query);
  const { rows, total } = await repo.searchPersons(ctx.db, actor, filter, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: await listItems(ctx, rows, regions), total, page: query.page, pageSize: query.pageSize };
}

/**
 * The same list for export: every matching person in scope, masked as the viewer sees them, in batches
 * (keyset paging, constant memory), for a streaming xlsx writer. The caller checks `registry.export` and
 * writes the export's audit record.
 */
export async function* streamPersons(
  ctx: AppContext,
  actor: Actor,
  filter: PersonFilterInput,
  batchSize = 1000,
): AsyncGenerator<PersonListItem[]> {
  requireCapability(actor, 'registry.read');
  const regions = await RegionIndex.load(ctx.db);
  const f = await personFilter(ctx, regions, filter);
  let after = 0;
  for (;;) {
    const rows = await repo.personBatch(ctx.db, actor, f, after, batchSize);
    if (rows.length === 0) return;
    yield await listItems(ctx, rows, regions);
    after = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Households

async function householdItems(ctx: AppContext, actor: Actor, rows: readonly repo.HouseholdRow[]) {
  const [regions, counts] = await Promise.all([
    RegionIndex.load(ctx.db),
    repo.countMembers(
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
  const { rows, total } = await repo.listHouseholds(
    ctx.db,
    actor,
    {
      namePrefix: query.q ? removeSpaces(toHalfWidth(query.q)) : undefined,
      regionIds: query.regionId === undefined ? undefined : await repo.subtreeIds(ctx.db, query.regionId),
    },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { items: await householdItems(ctx, actor, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getHousehold(ctx: AppContext, actor: Actor, id: number): Promise<HouseholdDetail> {
  requireCapability(actor, 'registry.read');
  const h = await repo.findHousehold(ctx.db, actor, id);
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
    const id = await repo.insertHousehold(trx, input, nowIso());
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
    const before = await repo.findHousehold(trx, actor, id);
    if (!before) throw notFound();
    await checkHouseholdRegion(trx, actor, input.regionId);
    await repo.updateHousehold(trx, id, input, nowIso());
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
