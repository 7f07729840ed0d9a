import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { closeWith, listen } from '../../platform/notifications.ts';
import type { findSession } from './auth.repo.ts';

/**
 * Sessions read on PostgreSQL, kept in this node so that a request does not read its session again (one statement
 * of every API request). Several nodes share the database: every change that alters what a session resolves to
 * (a session deleted — logout, expiry, password change —, a user's role, region, unit, name, flags, any region)
 * notifies `session_actor` in its own transaction (database triggers, 2026-12-08-0350), and every node drops all
 * it kept when it hears it. While the node's LISTEN connection is down, nothing is kept or used. A session read
 * that began before a notification (or before the listener came back) is not kept: it may be older than it.
 * SQLite runs in one process and reads its session in-process: no cache.
 */
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export const sessionChannel = 'session_actor';
/** Sessions kept at most; past it the cache starts over (a node serves a few thousand users). */
const maxKept = 20_000;

export class SessionCache {
  private readonly rows = new Map<string, SessionRow>();
  private live = false;
  /** Bumped by every notification and every change of the listener's state. */
  private epoch = 0;

  /** Whether the node hears the changes now (what it keeps is used only then). */
  get listening(): boolean {
    return this.live;
  }

  /** The moment a read begins: `keep` refuses its row if anything was heard since. */
  mark(): number {
    return this.epoch;
  }

  get(id: string): SessionRow | undefined {
    return this.live ? this.rows.get(id) : undefined;
  }

  keep(id: string, row: SessionRow, mark: number): void {
    if (!this.live || mark !== this.epoch) return;
    if (this.rows.size >= maxKept) this.rows.clear();
    this.rows.set(id, row);
  }

  /** Everything kept is dropped: a change was heard (or this node made one). */
  drop(): void {
    this.epoch++;
    this.rows.clear();
  }

  setLive(listening: boolean): void {
    this.drop();
    this.live = listening;
  }
}

const caches = new WeakMap<Kysely<DB>, SessionCache | null>();

/** This node's session cache for the context's database, listening from its first use; null on SQLite. */
export function sessionCache(ctx: AppContext): SessionCache | null {
  let cache = caches.get(ctx.db);
  if (cache !== undefined) return cache;
  const url = ctx.engine === 'postgres' ? ctx.config.databaseUrl : undefined;
  cache = url ? new SessionCache() : null;
  caches.set(ctx.db, cache);
  if (cache && url) {
    const kept = cache;
    const listening = listen(url, sessionChannel, { message: () => kept.drop(), live: (up) => kept.setLive(up) });
    closeWith(ctx.db, () => listening.close());
  }
  return cache;
}
