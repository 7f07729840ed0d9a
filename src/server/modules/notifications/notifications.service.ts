import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { nowIso } from '../../platform/clock.ts';
import * as repo from './notifications.repo.ts';

export interface NotificationTarget {
  /** Only users of these roles. */
  roles?: string[];
  /** Users whose region contains this region (its own staff and those above). */
  regionId?: number;
  /** Users of this unit (department or troop liaisons). */
  unitId?: number;
  userIds?: number[];
}

export interface NotificationMessage {
  kind: 'assignment' | 'reminder' | 'overdue' | 'system';
  title: string;
  body?: string;
  /** In-app path to open, e.g. `/troops/requests/12`. */
  link?: string;
}

/**
 * The one way every module notifies people (站内消息). Pass the module's transaction so the
 * notification exists exactly when the change that caused it does. Returns how many users got it.
 */
export async function notify(
  db: Kysely<DB>,
  target: NotificationTarget,
  message: NotificationMessage,
): Promise<number> {
  const userIds = await repo.findRecipients(db, target);
  const at = nowIso();
  await repo.insertMany(
    db,
    userIds.map((user_id) => ({
      user_id,
      kind: message.kind,
      title: message.title,
      body: message.body ?? null,
      link: message.link ?? null,
      created_at: at,
    })),
  );
  return userIds.length;
}

export async function listMine(ctx: AppContext, actor: Actor, unreadOnly: boolean, page: number, pageSize: number) {
  requireCapability(actor, 'notifications.read');
  const { items, total, unread } = await repo.listForUser(
    ctx.db,
    actor.userId ?? -1,
    unreadOnly,
    (page - 1) * pageSize,
    pageSize,
  );
  return {
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: n.created_at,
      read: n.read_at !== null,
    })),
    total,
    unread,
    page,
    pageSize,
  };
}

export async function unreadCount(ctx: AppContext, actor: Actor): Promise<number> {
  requireCapability(actor, 'notifications.read');
  return repo.countUnread(ctx.db, actor.userId ?? -1);
}

export async function markRead(ctx: AppContext, actor: Actor, ids: number[] | 'all'): Promise<number> {
  requireCapability(actor, 'notifications.read');
  return repo.markRead(ctx.db, actor.userId ?? -1, ids, nowIso());
}
