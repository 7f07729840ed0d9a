/**
 * Records of other modules read through their services (each applies its own capability check and scope), for
 * a date range: briefings never query other modules' tables. Lists are read page by page to the end.
 */
import type { MeritItem, PlaqueItem } from '../../../shared/api/honours.api.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../platform/access.ts';
import { listMerits } from '../honours/merits.service.ts';
import { listPlaques } from '../honours/plaques.service.ts';

const pageSize = 200;

/** Every item of a paged service list. */
export async function allPages<T>(
  fetch: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await fetch(page, pageSize);
    out.push(...items);
    if (items.length < pageSize || out.length >= total) return out;
  }
}

export const within = (date: string | null | undefined, from: string, to: string): date is string =>
  typeof date === 'string' && date.slice(0, 10) >= from && date.slice(0, 10) <= to;

/** 光荣牌 hung (or re-hung) in [from, to] and still hung; null when the actor may not read the register. */
export async function plaquesHungBetween(
  ctx: AppContext,
  actor: Actor,
  from: string,
  to: string,
): Promise<PlaqueItem[] | null> {
  if (!can(actor.role, 'registry.read')) return null;
  const hung = await allPages((page, size) => listPlaques(ctx, actor, { status: 'hung', page, pageSize: size }));
  return hung.filter((p) => within(p.hungOn, from, to));
}

/** 立功喜报 delivered to the family in [from, to]; null when the actor may not read the register. */
export async function meritsDeliveredBetween(
  ctx: AppContext,
  actor: Actor,
  from: string,
  to: string,
): Promise<MeritItem[] | null> {
  if (!can(actor.role, 'registry.read')) return null;
  const delivered = await allPages((page, size) =>
    listMerits(ctx, actor, { state: 'delivered', page, pageSize: size }),
  );
  return delivered.filter((m) => within(m.deliveredOn, from, to));
}
