import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import {
  type FieldChange,
  type PersonInput,
  savePersonRequest,
  type VersionAction,
} from '../../../shared/api/registry.api.ts';
import { parseIdNumber } from '../../../shared/domain/id-number.ts';
import { AppError, type ErrorDetail } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso, todayInChina } from '../../platform/clock.ts';
import * as assessmentsRepo from './assessments.repo.ts';
import * as householdsRepo from './households.repo.ts';
import * as personRepo from './person.repo.ts';
import { stateFromRow } from './person-items.ts';
import { idNumberHash } from './person-row.ts';
import { categoryResolver, diffStates, type PersonState, stateFromInput } from './person-state.ts';
import * as qualificationsRepo from './qualifications.repo.ts';
import * as repo from './registry.repo.ts';
import {
  auditSummary,
  categoryEntries,
  changeSidesJson,
  displayLookups,
  isUniqueViolation,
  qualificationWrite,
  rowFromState,
  staleVersion,
  validationError,
  zodDetails,
} from './registry-common.ts';

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
export async function commit(
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
    const holder = await personRepo.personIdByIdHash(trx, idNumberHash(ctx.cipher, c.after.idNumber));
    if (holder !== null && holder !== c.id) {
      const visible = await personRepo.findPerson(trx, actor, holder);
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
      id = await personRepo.insertPerson(trx, row, now);
      version = 1;
    } else {
      const personChanged = changes.some((ch) => !ch.field.startsWith('qualification.'));
      const written = await personRepo.updatePerson(trx, id, c.currentVersion, personChanged ? row : {}, now);
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
    await qualificationsRepo.replaceQualifications(trx, id, c.after.qualifications.map(qualificationWrite), now);
  await personRepo.insertVersion(trx, {
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
    json: changeSidesJson(changes),
  });
  return { id, version, created: c.id === null, changed: true, changes };
}

export async function loadState(trx: Kysely<DB>, ctx: AppContext, actor: Actor, id: number, lock: boolean) {
  const row = lock ? await personRepo.findPersonForUpdate(trx, actor, id) : await personRepo.findPerson(trx, actor, id);
  if (!row) throw notFound();
  const quals = await qualificationsRepo.listQualifications(trx, [id]);
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
    input.householdId === null
      ? Promise.resolve(undefined)
      : householdsRepo.findHousehold(db, actor, input.householdId),
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
      const holder = await personRepo.personIdByIdHash(trx, idNumberHash(ctx.cipher, id.value.id));
      if (holder !== null && (await personRepo.findPerson(trx, actor, holder))) personId = holder;
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
    await assessmentsRepo.insertAssessment(trx, {
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
    const row = await personRepo.findPerson(db, actor, options.personId);
    if (!row) return [{ path: 'id', message: '未找到该人员，可能已被删除或不在您的数据范围内' }];
    current = stateFromRow(ctx, row, await qualificationsRepo.listQualifications(db, [options.personId]));
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
  const id = await personRepo.personIdByIdHash(db, idNumberHash(ctx.cipher, parsed.value.id));
  if (id === null) return null;
  return { id, inScope: (await personRepo.findPerson(db, actor, id)) !== undefined };
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
