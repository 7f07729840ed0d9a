import type { z } from 'zod';
import type { saveUnitRequest, UnitItem } from '../../../shared/api/units.api.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { UnitKind } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import * as repo from './units.repo.ts';

export type SaveUnit = z.infer<typeof saveUnitRequest>;

/**
 * 安全保密: a military unit's 番号 and contacts are shown only to cleared roles; a troop liaison is cleared
 * for its own unit only. Everyone else sees the alias (the unit's `name`, e.g. 某部).
 */
export function mayReadConfidential(actor: Actor, unitId: number): boolean {
  if (actor.role === 'troop') return actor.unitId === unitId;
  return can(actor.role, 'militaryUnits.seeDesignation');
}

function toItem(ctx: AppContext, actor: Actor, r: repo.UnitRow): UnitItem {
  const confidential = r.kind === 'military' && !mayReadConfidential(actor, r.id);
  const decrypt = (v: string | null) => (v === null || confidential ? null : ctx.cipher.decrypt(v));
  return {
    id: r.id,
    kind: r.kind as UnitKind,
    name: r.name,
    regionId: r.region_id,
    regionName: r.region_name,
    designation: decrypt(r.designation_enc),
    contactName: confidential ? null : r.contact_name,
    contactPhone: decrypt(r.contact_phone_enc),
    address: confidential ? null : r.address,
    active: r.active === 1,
  };
}

export async function listUnits(ctx: AppContext, actor: Actor, kind?: UnitKind): Promise<UnitItem[]> {
  requireCapability(actor, 'units.read');
  const rows = await repo.listUnits(ctx.db, { kind });
  return rows.map((r) => toItem(ctx, actor, r));
}

export async function getUnit(ctx: AppContext, actor: Actor, id: number): Promise<UnitItem> {
  requireCapability(actor, 'units.read');
  const row = await repo.findUnit(ctx.db, id);
  if (!row) throw notFound();
  return toItem(ctx, actor, row);
}

function toRecord(ctx: AppContext, input: SaveUnit): repo.UnitRecord {
  const enc = (v: string | null) => (v ? ctx.cipher.encrypt(v) : null);
  return {
    kind: input.kind,
    name: input.name,
    region_id: input.regionId,
    designation_enc: input.kind === 'military' ? enc(input.designation) : null,
    contact_name: input.contactName,
    contact_phone_enc: enc(input.contactPhone),
    address: input.address,
    active: input.active ? 1 : 0,
  };
}

/** What the audit log keeps of a unit: never the 番号 itself, only whether it changed. */
const auditView = (u: SaveUnit) => ({ ...u, designation: u.designation ? '（保密）' : null, contactPhone: undefined });

function requireManage(actor: Actor, kind: UnitKind): void {
  requireCapability(actor, kind === 'military' ? 'militaryUnits.manage' : 'units.manage');
}

export async function createUnit(ctx: AppContext, actor: Actor, input: SaveUnit): Promise<UnitItem> {
  requireManage(actor, input.kind);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertUnit(trx, toRecord(ctx, input), nowIso());
    await appendAudit(trx, actor, { action: 'create', entityType: 'unit', entityId: id, after: auditView(input) });
    return toItem(ctx, actor, (await repo.findUnit(trx, id))!);
  });
}

export async function updateUnit(ctx: AppContext, actor: Actor, id: number, input: SaveUnit): Promise<UnitItem> {
  requireManage(actor, input.kind);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findUnit(trx, id);
    if (!before) throw notFound();
    requireManage(actor, before.kind as UnitKind);
    const record = toRecord(ctx, input);
    // Someone who cannot read the confidential fields cannot have meant to clear them: keep what is stored.
    if (before.kind === 'military' && !mayReadConfidential(actor, id)) {
      record.designation_enc = before.designation_enc;
      record.contact_phone_enc = before.contact_phone_enc;
      record.contact_name = before.contact_name;
      record.address = before.address;
    }
    await repo.updateUnit(trx, id, record, nowIso());
    const beforeItem = toItem(ctx, actor, before);
    await appendAudit(trx, actor, {
      action: 'update',
      entityType: 'unit',
      entityId: id,
      before: { ...beforeItem, designation: beforeItem.designation ? '（保密）' : null, contactPhone: undefined },
      after: auditView(input),
    });
    return toItem(ctx, actor, (await repo.findUnit(trx, id))!);
  });
}
