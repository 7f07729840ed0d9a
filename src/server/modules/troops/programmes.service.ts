import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  createLookupRequest,
  LookupItem,
  LookupList,
  ProgrammeItem,
  ProgrammeSummary,
  saveProgrammeRequest,
  updateLookupRequest,
} from '../../../shared/api/troops.api.ts';
import { requestStatuses } from '../../../shared/domain/troops/request-flow.ts';
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { programmeFigures } from '../army-people/army-people.service.ts';
import { programmeVisitFigures } from '../visits/visit-links.service.ts';
import * as programmesRepo from './programmes.repo.ts';
import * as requestsRepo from './requests.repo.ts';
import { requireOffice, requireTroopOrActivityRead } from './troops.access.ts';
import type { ProgrammeOwner, TroopLookupList } from './troops.schema.ts';

type LookupRow = Awaited<ReturnType<typeof programmesRepo.listLookups>>[number];
type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof programmesRepo.findProgramme>>>;

const toLookup = (r: LookupRow): LookupItem => ({
  id: r.id,
  list: r.list,
  code: r.code,
  name: r.name,
  subject: r.subject === 'unit' || r.subject === 'family' ? r.subject : null,
  sort: r.sort,
  active: r.active === 1,
});

const toProgramme = (r: ProgrammeRow): ProgrammeItem => ({
  id: r.id,
  name: r.name,
  description: r.description,
  active: r.active === 1,
  sort: r.sort,
});

export async function listLookups(ctx: AppContext, actor: Actor, list?: LookupList): Promise<LookupItem[]> {
  requireTroopOrActivityRead(actor);
  return (await programmesRepo.listLookups(ctx.db, list)).map(toLookup);
}

/** Code → name of one dictionary (inactive entries too: old records keep their names). */
export async function lookupNames(ctx: AppContext, list: TroopLookupList): Promise<Map<string, string>> {
  return new Map((await programmesRepo.listLookups(ctx.db, list)).map((r) => [r.code, r.name]));
}

/** Throws VALIDATION_FAILED unless `code` is an active entry of the dictionary. */
export async function requireLookup(ctx: AppContext, list: TroopLookupList, code: string, what: string) {
  const row = await programmesRepo.findLookupByCode(ctx.db, list, code);
  if (row?.active !== 1) {
    throw new AppError('VALIDATION_FAILED', `${what}“${code}”不存在或已停用，请从列表中重新选择。`);
  }
  return row;
}

export async function createLookup(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof createLookupRequest>,
): Promise<LookupItem> {
  requireOffice(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const code = input.code ?? `c${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
    if (await programmesRepo.findLookupByCode(trx, input.list, code)) {
      throw new AppError('CONFLICT', '该代码已存在，请换一个代码或修改已有条目。');
    }
    const sort = input.sort ?? (await programmesRepo.maxLookupSort(trx, input.list)) + 1;
    const id = await programmesRepo.insertLookup(trx, {
      list: input.list,
      code,
      name: input.name,
      subject: input.subject,
      sort,
    });
    await appendAudit(trx, actor, { action: 'create', entityType: 'troop_lookup', entityId: id, after: input });
    return toLookup((await programmesRepo.findLookup(trx, id))!);
  });
}

export async function updateLookup(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof updateLookupRequest>,
): Promise<LookupItem> {
  requireOffice(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await programmesRepo.findLookup(trx, id);
    if (!before) throw notFound();
    await programmesRepo.updateLookup(trx, id, {
      name: input.name,
      subject: input.subject,
      sort: input.sort,
      active: input.active ? 1 : 0,
    });
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'troop_lookup',
      entityId: id,
      before: toLookup(before),
      after: input,
    });
    return toLookup((await programmesRepo.findLookup(trx, id))!);
  });
}

export async function listProgrammes(ctx: AppContext, actor: Actor): Promise<ProgrammeItem[]> {
  requireTroopOrActivityRead(actor);
  return (await programmesRepo.listProgrammes(ctx.db)).map(toProgramme);
}

/** Throws VALIDATION_FAILED unless every id is a programme. */
export async function requireProgrammes(ctx: AppContext, ids: readonly number[]): Promise<void> {
  const unique = [...new Set(ids)];
  if ((await programmesRepo.countProgrammeIds(ctx.db, unique)) !== unique.length) {
    throw new AppError('VALIDATION_FAILED', '所选专项活动不存在，请刷新页面后重新选择。');
  }
}

/** Active programmes by name, for pickers outside the troop pages (the visit form). */
export async function activeProgrammes(ctx: AppContext): Promise<{ id: number; name: string }[]> {
  return (await programmesRepo.listProgrammes(ctx.db))
    .filter((p) => p.active === 1)
    .map((p) => ({ id: p.id, name: p.name }));
}

/** The tags of some records of one kind (visits, campaigns): id → programmes, in the programmes' order. */
export async function programmeTagsOf(
  ctx: AppContext,
  owner: ProgrammeOwner,
  ids: readonly number[],
): Promise<Map<number, { id: number; name: string }[]>> {
  const [links, all] = await Promise.all([
    programmesRepo.programmeIdsFor(ctx.db, owner, ids),
    programmesRepo.listProgrammes(ctx.db),
  ]);
  const out = new Map<number, { id: number; name: string }[]>();
  for (const [ownerId, programmeIds] of links) {
    out.set(
      ownerId,
      all.filter((p) => programmeIds.includes(p.id)).map((p) => ({ id: p.id, name: p.name })),
    );
  }
  return out;
}

/** Replaces a record's tags in the caller's transaction (the caller checked access and the ids). */
export async function setProgrammeTagsInTransaction(
  trx: Transaction<DB>,
  owner: ProgrammeOwner,
  ownerId: number,
  ids: readonly number[],
): Promise<void> {
  await programmesRepo.setProgrammeLinks(trx, owner, ownerId, ids);
}

type SaveProgramme = z.infer<typeof saveProgrammeRequest>;

export async function createProgramme(ctx: AppContext, actor: Actor, input: SaveProgramme): Promise<ProgrammeItem> {
  requireOffice(actor);
  return ctx.db.transaction().execute(async (trx) => {
    if (await programmesRepo.findProgrammeByName(trx, input.name)) {
      throw new AppError('CONFLICT', '已有同名的专项活动，请修改名称或直接使用已有的。');
    }
    const id = await programmesRepo.insertProgramme(
      trx,
      { name: input.name, description: input.description, active: input.active ? 1 : 0, sort: input.sort },
      nowIso(),
    );
    await appendAudit(trx, actor, { action: 'create', entityType: 'troop_programme', entityId: id, after: input });
    return toProgramme((await programmesRepo.findProgramme(trx, id))!);
  });
}

export async function updateProgramme(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: SaveProgramme,
): Promise<ProgrammeItem> {
  requireOffice(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await programmesRepo.findProgramme(trx, id);
    if (!before) throw notFound();
    const clash = await programmesRepo.findProgrammeByName(trx, input.name);
    if (clash && clash.id !== id) throw new AppError('CONFLICT', '已有同名的专项活动，请换一个名称。');
    await programmesRepo.updateProgramme(
      trx,
      id,
      { name: input.name, description: input.description, active: input.active ? 1 : 0, sort: input.sort },
      nowIso(),
    );
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'troop_programme',
      entityId: id,
      before: toProgramme(before),
      after: input,
    });
    return toProgramme((await programmesRepo.findProgramme(trx, id))!);
  });
}

/** A programme's requests, pairings, activities and campaign visits, counted within the viewer's scope. */
export async function programmeSummary(ctx: AppContext, actor: Actor, id: number): Promise<ProgrammeSummary> {
  requireTroopOrActivityRead(actor);
  const row = await programmesRepo.findProgramme(ctx.db, id);
  if (!row) throw notFound();
  const byStatus = Object.fromEntries(requestStatuses.map((s) => [s, 0])) as ProgrammeSummary['requests']['byStatus'];
  let ratingSum = 0;
  let rated = 0;
  let total = 0;
  if (can(actor.role, 'troops.read')) {
    const requests = await requestsRepo.listRequestsForStats(ctx.db, actor, { programmeId: id });
    total = requests.length;
    for (const r of requests) {
      byStatus[r.status as keyof typeof byStatus] = (byStatus[r.status as keyof typeof byStatus] ?? 0) + 1;
      if (r.rating !== null) {
        ratingSum += r.rating;
        rated++;
      }
    }
  }
  const figures = can(actor.role, 'activities.read')
    ? await programmeFigures(ctx, actor, id)
    : {
        pairings: { total: 0, active: 0, contacts: 0, spendCents: 0 },
        activities: { count: 0, participants: 0, spendCents: 0 },
      };
  const visits = can(actor.role, 'campaign.read')
    ? await programmeVisitFigures(ctx, actor, id)
    : { count: 0, cashCents: 0, goodsCents: 0 };
  return {
    programme: toProgramme(row),
    visits,
    requests: { total, byStatus, averageRating: rated ? Math.round((ratingSum / rated) * 100) / 100 : null },
    pairings: { total: figures.pairings.total, active: figures.pairings.active, contacts: figures.pairings.contacts },
    activities: figures.activities,
    spendCents: figures.activities.spendCents + figures.pairings.spendCents,
  };
}
