import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import { AppError } from '../../shared/errors.ts';
import { type Capability, can, isRegionScoped, type Role } from '../../shared/permissions.ts';
import type { DB } from '../db/schema.ts';

/**
 * Who is acting, and what data they may reach. Built once per request from the session
 * (or by the CLI for its system actor) and passed first to every service method.
 */
export interface Actor {
  userId: number | null;
  username: string;
  displayName: string;
  role: Role;
  regionId: number | null;
  unitId: number | null;
  /** Region ids the actor may reach: its region's subtree; 'all' for admins and the system. */
  regionIds: readonly number[] | 'all';
  ip: string | null;
  requestId: string | null;
}

export function systemActor(name = '系统'): Actor {
  return {
    userId: null,
    username: 'system',
    displayName: name,
    role: 'admin',
    regionId: null,
    unitId: null,
    regionIds: 'all',
    ip: null,
    requestId: null,
  };
}

/** Throws FORBIDDEN unless the actor's role has the capability. Services call this first. */
export function requireCapability(actor: Actor, capability: Capability): void {
  if (!can(actor.role, capability)) throw new AppError('FORBIDDEN');
}

/** The one "not in your scope" answer: identical to a record that does not exist. */
export function notFound(): AppError {
  return new AppError('NOT_FOUND');
}

/** Region ids in the actor's scope, or 'all'. Roles without a region scope (liaisons, auditors) reach none. */
export function regionScope(actor: Actor): readonly number[] | 'all' {
  if (actor.role === 'admin') return 'all';
  if (!isRegionScoped(actor.role)) return [];
  return actor.regionIds;
}

// biome-ignore lint/suspicious/noExplicitAny: the filter is generic over any table with region columns
type AnyEB = ExpressionBuilder<any, any>;

/**
 * The shared scope filter: every repository query over region-owned records goes through it.
 * `columns` are the region columns that place a record (a person is reachable by 户籍 or by residence).
 */
export function inRegionScope(actor: Actor, columns: readonly string[]) {
  return inScope(regionScope(actor), columns);
}

/** `inRegionScope` over a scope already taken from the actor (a prepared statement binds its ids: db/prepared.ts). */
export function inScope(scope: readonly number[] | 'all', columns: readonly string[]) {
  return (eb: AnyEB) => {
    if (scope === 'all') return eb.lit(true);
    if (scope.length === 0) return eb.lit(false);
    return eb.or(columns.map((c) => eb(eb.ref(c), 'in', scope as number[])));
  };
}

/** Applies the region scope filter to a select query. */
export function scopeByRegion<O>(
  // biome-ignore lint/suspicious/noExplicitAny: see inRegionScope
  qb: SelectQueryBuilder<DB, any, O>,
  actor: Actor,
  columns: readonly string[],
  // biome-ignore lint/suspicious/noExplicitAny: see inRegionScope
): SelectQueryBuilder<DB, any, O> {
  return qb.where(inRegionScope(actor, columns));
}
