import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import * as repo from './audit.repo.ts';

const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

export async function listAudit(
  ctx: AppContext,
  actor: Actor,
  filter: repo.AuditFilter,
  page: number,
  pageSize: number,
) {
  requireCapability(actor, 'audit.read');
  const { items, total } = await repo.listAudit(ctx.db, filter, (page - 1) * pageSize, pageSize);
  return {
    items: items.map((r) => ({
      id: r.id,
      at: r.at,
      actorName: r.actor_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      summary: r.summary,
      before: parse(r.before_json),
      after: parse(r.after_json),
      ip: r.ip,
      requestId: r.request_id,
    })),
    total,
    page,
    pageSize,
  };
}

export async function verify(ctx: AppContext, actor: Actor) {
  requireCapability(actor, 'audit.read');
  return verifyAuditChain(ctx.db);
}
