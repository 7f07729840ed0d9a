/**
 * Records of other modules read through their services (each applies its own capability check and scope), for
 * a date range: briefings never query other modules' tables. Lists are read page by page to the end.
 */
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../platform/access.ts';
import { honoursBetween } from '../honours/plaques.service.ts';

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

/** 光荣牌 hung in [from, to] and 立功喜报 delivered in it; null when the actor may not read the registers. */
export function honourCountsBetween(ctx: AppContext, actor: Actor, from: string, to: string) {
  if (!can(actor.role, 'registry.read')) return Promise.resolve(null);
  return honoursBetween(ctx, actor, { from, to });
}
