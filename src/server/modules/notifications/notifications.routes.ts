import { z } from 'zod';
import { notificationList, notificationListQuery, unreadCount } from '../../../shared/api/notifications.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './notifications.service.ts';

export function registerNotificationRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['站内消息']);
  r.get(
    '/api/notifications',
    { summary: '我的消息', query: notificationListQuery, response: notificationList },
    async ({ actor, query }) => {
      const { unreadOnly, page, pageSize } = query;
      return service.listMine(ctx, actor, unreadOnly === 'true', page, pageSize);
    },
  );
  r.get('/api/notifications/unread-count', { summary: '未读数', response: unreadCount }, async ({ actor }) => ({
    unread: await service.unreadCount(ctx, actor),
  }));
  r.post(
    '/api/notifications/read',
    {
      summary: '标记已读',
      body: z.strictObject({ ids: z.union([z.array(z.number().int().positive()).max(500), z.literal('all')]) }),
      response: z.object({ updated: z.number().int() }),
    },
    async ({ actor, body }) => ({ updated: await service.markRead(ctx, actor, body.ids) }),
  );
}
