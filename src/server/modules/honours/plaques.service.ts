import type { Kysely, Transaction } from 'kysely';
import type { PlaqueActionRequest, PlaqueDetail, PlaqueItem } from '../../../shared/api/honours.api.ts';
import {
  availablePlaqueActions,
  householdPlaqueReasons,
  type MemberFacts,
  type PlaqueAction,
  type PlaqueReason,
  type PlaqueStatus,
  plaqueActionLabels,
  plaqueTransition,
} from '../../../shared/domain/honours/honours.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso, todayInChina } from '../../platform/clock.ts';
import { regionSubtreeIds } from '../regions/regions.repo.ts';
import * as periodRepo from './honours-period.repo.ts';
import * as repo from './plaques.repo.ts';

/**
 * 光荣牌 register: one plaque per household, eligibility computed from the registry (three kinds of 遗属,
 * 现役军人家属, 退役军人), lifecycle 应挂 → 已挂 → 更换 / 收回 / 恢复. Reading needs `registry.read`, changes
 * `registry.write`; a household outside the actor's scope answers as missing. Every change is audited in its
 * transaction.
 */

type MemberRows = Awaited<ReturnType<typeof repo.householdMembers>>;

interface Member {
  name: string;
  alive: boolean;
  categories: { code: string; endDate: string | null }[];
}

/** household id → person id → member with qualifications, in person order. */
function membersByHousehold(rows: MemberRows) {
  const map = new Map<number, Map<number, Member>>();
  for (const r of rows) {
    const householdId = r.household_id!;
    const members = map.get(householdId) ?? new Map<number, Member>();
    map.set(householdId, members);
    const m = members.get(r.person_id) ?? { name: r.name, alive: r.alive === 1, categories: [] };
    members.set(r.person_id, m);
    if (r.category_code) m.categories.push({ code: r.category_code, endDate: r.end_date });
  }
  return map;
}

function reasonsOf(members: ReturnType<typeof membersByHousehold>, householdId: number, today: string) {
  const facts: MemberFacts[] = [...(members.get(householdId)?.values() ?? [])].map((m) => ({
    alive: m.alive,
    qualifications: m.categories,
  }));
  return householdPlaqueReasons(facts, today);
}

function toItem(row: repo.PlaqueRow, reasons: PlaqueReason[]): PlaqueItem {
  const status: PlaqueStatus = row.plaque_id === null ? 'due' : (row.status as PlaqueStatus);
  const eligible = reasons.length > 0;
  return {
    householdId: row.household_id,
    householdName: row.household_name,
    regionId: row.region_id,
    regionName: row.region_name,
    address: row.address,
    status,
    eligible,
    reasons,
    hungOn: row.hung_on,
    hungBy: row.hung_by,
    familySigner: row.family_signer,
    lastAction: (row.last_action as PlaqueAction | null) ?? null,
    lastActionOn: row.last_action_on,
    actions: availablePlaqueActions(status, eligible),
  };
}

export interface PlaqueQuery {
  status?: PlaqueStatus | undefined;
  ineligible?: '1' | '0' | undefined;
  regionId?: number | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listPlaques(ctx: AppContext, actor: Actor, query: PlaqueQuery) {
  requireCapability(actor, 'registry.read');
  const today = todayInChina();
  const regionIds = query.regionId ? await regionSubtreeIds(ctx.db, query.regionId) : undefined;
  const filter: repo.PlaqueFilter = {
    status: query.status,
    ineligible: query.ineligible === '1',
    regionIds,
    q: query.q || undefined,
  };
  const page = { offset: (query.page - 1) * query.pageSize, limit: query.pageSize };
  const [{ rows, total }, counts] = await Promise.all([
    repo.listPlaques(ctx.db, actor, today, filter, page),
    repo.countPlaques(ctx.db, actor, today, regionIds),
  ]);
  const members = membersByHousehold(
    await repo.householdMembers(
      ctx.db,
      rows.map((r) => r.household_id),
    ),
  );
  const items = rows.map((r) => toItem(r, reasonsOf(members, r.household_id, today)));
  return { items, total, page: query.page, pageSize: query.pageSize, counts };
}

async function detail(ctx: AppContext, actor: Actor, householdId: number, db = ctx.db): Promise<PlaqueDetail> {
  const row = await repo.findHouseholdPlaque(db, actor, householdId);
  if (!row) throw notFound();
  const today = todayInChina();
  const members = membersByHousehold(await repo.householdMembers(db, [householdId]));
  const reasons = reasonsOf(members, householdId, today);
  if (row.plaque_id === null && reasons.length === 0) throw notFound();
  const events = row.plaque_id === null ? [] : await repo.plaqueEvents(db, row.plaque_id);
  return {
    ...toItem(row, reasons),
    members: [...(members.get(householdId)?.entries() ?? [])].map(([personId, m]) => ({
      personId,
      name: m.name,
      alive: m.alive,
      categories: m.categories.map((c) => c.code),
    })),
    events: events.map((e) => ({
      id: e.id,
      action: e.action as PlaqueAction,
      fromStatus: e.from_status as PlaqueStatus,
      toStatus: e.to_status as PlaqueStatus,
      date: e.date,
      performedBy: e.performed_by,
      familySigner: e.family_signer,
      hasSignature: e.signature !== null,
      reason: e.reason,
      recordedByName: e.recorded_by_name,
      createdAt: e.created_at,
    })),
  };
}

export async function getPlaque(ctx: AppContext, actor: Actor, householdId: number): Promise<PlaqueDetail> {
  requireCapability(actor, 'registry.read');
  return detail(ctx, actor, householdId);
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | undefined;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

const busy = () => new AppError('CONFLICT', '该户的光荣牌刚被他人更新，请刷新后重试。');

/** One lifecycle step: 悬挂, 更换, 收回 or 恢复. An action the plaque's state does not allow answers INVALID_STATE. */
export async function actOnPlaque(
  ctx: AppContext,
  actor: Actor,
  householdId: number,
  input: PlaqueActionRequest,
): Promise<PlaqueDetail> {
  requireCapability(actor, 'registry.write');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await actOnPlaqueInTransaction(trx, actor, householdId, input);
      return detail(ctx, actor, householdId, trx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw busy();
    throw error;
  }
}

/**
 * The step inside the caller's transaction (a campaign task done on a visit commits with the visit). The caller
 * checks the capability; the household must be in the actor's scope. Returns the plaque's states.
 */
export async function actOnPlaqueInTransaction(
  trx: Transaction<DB>,
  actor: Actor,
  householdId: number,
  input: PlaqueActionRequest,
): Promise<{ from: PlaqueStatus; to: PlaqueStatus }> {
  const today = todayInChina();
  if (input.date > today)
    throw new AppError('VALIDATION_FAILED', '日期不能晚于今天。', [{ path: 'body.date', message: '日期不能晚于今天' }]);
  const row = await repo.findHouseholdPlaque(trx, actor, householdId, true);
  if (!row) throw notFound();
  const members = membersByHousehold(await repo.householdMembers(trx, [householdId]));
  const reasons = reasonsOf(members, householdId, today);
  if (row.plaque_id === null && reasons.length === 0) throw notFound();
  const from: PlaqueStatus = row.plaque_id === null ? 'due' : (row.status as PlaqueStatus);
  const step = plaqueTransition(from, input.action, reasons.length > 0);
  if (!step.ok) throw new AppError('INVALID_STATE', step.message);
  const now = nowIso();
  const familySigner = 'familySigner' in input ? input.familySigner : null;
  const hanging = input.action === 'hang' || input.action === 'restore' || input.action === 'replace';
  const record: repo.PlaqueRecord = {
    status: step.to,
    reasons_json: JSON.stringify(reasons),
    hung_on: hanging ? input.date : row.hung_on,
    hung_by: hanging ? input.performedBy : row.hung_by,
    family_signer: hanging ? (familySigner ?? row.family_signer) : row.family_signer,
    last_action: input.action,
    last_action_on: input.date,
  };
  let plaqueId = row.plaque_id;
  if (plaqueId === null) plaqueId = await repo.insertPlaque(trx, householdId, record, now);
  else if (!(await repo.updatePlaque(trx, plaqueId, row.version ?? 1, record, now))) throw busy();
  await repo.insertPlaqueEvent(trx, {
    plaque_id: plaqueId,
    action: input.action,
    from_status: from,
    to_status: step.to,
    date: input.date,
    performed_by: input.performedBy,
    family_signer: familySigner,
    signature: 'signature' in input ? input.signature : null,
    reason: input.reason,
    recorded_by: actor.userId,
    recorded_by_name: actor.displayName,
    created_at: now,
  });
  await appendAudit(trx, actor, {
    action: from === 'due' ? 'create' : 'update',
    entityType: 'honorPlaque',
    entityId: householdId,
    summary: `光荣牌${plaqueActionLabels[input.action]}`,
    before: { status: from },
    after: { status: step.to, date: input.date, performedBy: input.performedBy, reason: input.reason, reasons },
  });
  return { from, to: step.to };
}

/** A household's plaque state as a campaign plans it: 应挂 / 已挂 / 已收回, and whether it is eligible now. */
export interface PlaqueState {
  householdId: number;
  householdName: string;
  regionId: number | null;
  status: PlaqueStatus;
  eligible: boolean;
}

/** Plaque states of households in the actor's scope within `regionIds`, for planning campaign tasks. */
export async function plaqueStates(
  db: Kysely<DB>,
  actor: Actor,
  regionIds: readonly number[],
  statuses: readonly PlaqueStatus[],
): Promise<PlaqueState[]> {
  const today = todayInChina();
  const out: PlaqueState[] = [];
  for (const status of statuses) {
    const pageSize = 1000;
    for (let offset = 0; ; offset += pageSize) {
      const { rows } = await repo.listPlaques(db, actor, today, { status, regionIds }, { offset, limit: pageSize });
      const members = membersByHousehold(
        await repo.householdMembers(
          db,
          rows.map((r) => r.household_id),
        ),
      );
      for (const r of rows) {
        out.push({
          householdId: r.household_id,
          householdName: r.household_name,
          regionId: r.region_id,
          status,
          eligible: reasonsOf(members, r.household_id, today).length > 0,
        });
      }
      if (rows.length < pageSize) break;
    }
  }
  return out;
}

/** The current state of one household's plaque (null: neither eligible nor ever hung, or out of scope). */
export async function plaqueStateOf(db: Kysely<DB>, actor: Actor, householdId: number): Promise<PlaqueStatus | null> {
  const row = await repo.findHouseholdPlaque(db, actor, householdId);
  if (!row) return null;
  return row.plaque_id === null ? 'due' : (row.status as PlaqueStatus);
}

/** 光荣牌 figures per household region (应挂 from the registry, as the register computes it). */
export async function plaqueFigures(ctx: AppContext, actor: Actor, period: { from: string; to: string }) {
  requireCapability(actor, 'registry.read');
  return repo.plaqueGroups(ctx.db, actor, todayInChina(), period);
}

/** 光荣牌 hung within [from, to] (and still hung) and 立功喜报 delivered within it, counted in one query. */
export async function honoursBetween(ctx: AppContext, actor: Actor, period: { from: string; to: string }) {
  requireCapability(actor, 'registry.read');
  return periodRepo.honourCountsBetween(ctx.db, actor, todayInChina(), period.from, period.to);
}

/** The plaques and merit notices behind those figures (for the 创建台账), filtered by date in the database. */
export async function honourRecordsBetween(ctx: AppContext, actor: Actor, period: { from: string; to: string }) {
  requireCapability(actor, 'registry.read');
  return periodRepo.honourRecordsBetween(ctx.db, actor, todayInChina(), period.from, period.to);
}
