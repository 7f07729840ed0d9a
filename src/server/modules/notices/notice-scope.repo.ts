/**
 * The notice scope: what an actor reaches of notices (see `NoticeScope`), as SQL conditions for the other
 * notice repositories, and the same rule read the other way round — who acts for a unit.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';

/**
 * What an actor reaches of notices:
 * - `whole`: notices owned by these regions, with every task and assignment (admin: all; office and leaders:
 *   their region's subtree; everyone else: none);
 * - `units`: the units the actor acts for; published notices' tasks assigned to them, and only those tasks
 *   (a department or troop liaison: its own unit; street staff: their own unit and their street's office;
 *   community staff: their street's office).
 */
export interface NoticeScope {
  whole: readonly number[] | 'all';
  units: readonly number[];
}

const wholeNoticeRoles = new Set(['admin', 'office', 'leader']);

/** Units the actor acts for (or, for community staff, reads with): resolved once per request. */
export async function scopeOf(db: Kysely<DB>, actor: Actor): Promise<NoticeScope> {
  const whole: readonly number[] | 'all' =
    actor.role === 'admin' ? 'all' : wholeNoticeRoles.has(actor.role) ? actor.regionIds : [];
  const units = new Set<number>();
  if (actor.unitId !== null && actor.role !== 'auditor' && actor.role !== 'leader') units.add(actor.unitId);
  if ((actor.role === 'street' || actor.role === 'community') && actor.regionId !== null) {
    let streetRegion: number | null = actor.regionId;
    if (actor.role === 'community') {
      const region = await db
        .selectFrom('regions')
        .select('parent_id')
        .where('id', '=', actor.regionId)
        .executeTakeFirst();
      streetRegion = region?.parent_id ?? null;
    }
    if (streetRegion !== null) {
      const rows = await db
        .selectFrom('units')
        .select('id')
        .where('kind', '=', 'street_office')
        .where('region_id', '=', streetRegion)
        .execute();
      for (const r of rows) units.add(r.id);
    }
  }
  return { whole, units: [...units] };
}

type NoticeEB = ExpressionBuilder<DB, 'notices'>;

export function wholeCondition(eb: NoticeEB, scope: NoticeScope) {
  if (scope.whole === 'all') return eb.lit(true);
  if (scope.whole.length === 0) return eb.lit(false);
  return eb('notices.region_id', 'in', scope.whole as number[]);
}

/** A notice is visible as a whole (owner region) or through a published assignment to one of the actor's units. */
export function noticeVisible(scope: NoticeScope) {
  return (eb: NoticeEB) => {
    const byUnit =
      scope.units.length === 0
        ? eb.lit(false)
        : eb.and([
            eb('notices.status', '=', 'published'),
            eb.exists(
              eb
                .selectFrom('notice_assignments as sa')
                .select('sa.id')
                .whereRef('sa.notice_id', '=', 'notices.id')
                .where('sa.unit_id', 'in', scope.units as number[]),
            ),
          ]);
    return eb.or([wholeCondition(eb, scope), byUnit]);
  };
}

/** Whether the notice (already known to be visible) is visible as a whole. */
export function seesWhole(scope: NoticeScope, notice: { region_id: number | null }): boolean {
  if (scope.whole === 'all') return true;
  return notice.region_id !== null && scope.whole.includes(notice.region_id);
}

/** Active users who act for each unit: its liaisons and staff, and for a street office its street's staff. */
export async function unitActorUserIds(db: Kysely<DB>, unitIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(unitIds.map((u) => [u, []]));
  if (unitIds.length === 0) return out;
  const direct = await db
    .selectFrom('users')
    .select(['id', 'unit_id'])
    .where('active', '=', 1)
    .where('role', 'in', ['department', 'troop', 'street', 'office', 'admin'])
    .where('unit_id', 'in', unitIds)
    .execute();
  for (const u of direct) if (u.unit_id !== null) out.get(u.unit_id)?.push(u.id);
  const streetUnits = await db
    .selectFrom('units')
    .select(['id', 'region_id'])
    .where('kind', '=', 'street_office')
    .where('id', 'in', unitIds)
    .where('region_id', 'is not', null)
    .execute();
  if (streetUnits.length > 0) {
    const staff = await db
      .selectFrom('users')
      .select(['id', 'region_id'])
      .where('active', '=', 1)
      .where('role', '=', 'street')
      .where(
        'region_id',
        'in',
        streetUnits.map((s) => s.region_id as number),
      )
      .execute();
    for (const s of streetUnits) {
      const list = out.get(s.id) ?? [];
      for (const u of staff) if (u.region_id === s.region_id && !list.includes(u.id)) list.push(u.id);
      out.set(s.id, list);
    }
  }
  return out;
}
