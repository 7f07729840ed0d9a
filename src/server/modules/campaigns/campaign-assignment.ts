/**
 * Who may give campaign work (roster entries, tasks) to whom: a street for its area or the office; the visitor is
 * an active street, community or office user whose region lies in the assigner's scope, and the work must lie in
 * the visitor's area. Shared by entry and task assignment so both follow one rule.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { regionInScope } from './campaign-access.ts';
import type { RegionIndex } from './campaign-regions.ts';

export function requireAssigner(actor: Actor): void {
  requireCapability(actor, 'campaign.visit');
  if (!(actor.role === 'street' || can(actor.role, 'campaign.manage'))) {
    throw new AppError('FORBIDDEN', '分派走访任务由街道（镇）或双拥办办理。');
  }
}

/** The communities the visitor may be given work in; null when the work is being taken back (no visitor). */
export async function visitorArea(
  db: Kysely<DB>,
  actor: Actor,
  regions: RegionIndex,
  userId: number | null,
): Promise<Set<number> | null> {
  if (userId === null) return null;
  const user = await db
    .selectFrom('users')
    .select(['id', 'role', 'region_id', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user?.active !== 1 || user.region_id === null || !regionInScope(actor, user.region_id)) throw notFound();
  if (!['street', 'community', 'office'].includes(user.role)) {
    throw new AppError('VALIDATION_FAILED', '只能分派给街道（镇）、社区（村）或双拥办的工作人员。');
  }
  return new Set(regions.subtree(user.region_id));
}

/** Refuses work placed outside the visitor's area; `what` names it (名单, 任务). */
export function requireInArea(area: Set<number> | null, rows: readonly { community_id: number }[], what: string) {
  if (area === null) return;
  const outside = rows.filter((r) => !area.has(r.community_id)).length;
  if (outside) {
    throw new AppError(
      'VALIDATION_FAILED',
      `有 ${outside} 条${what}不在该走访人员的辖区内，请分派给对应社区（村）或街道（镇）的人员。`,
    );
  }
}
