import { z } from 'zod';
import { notificationList, notificationListQuery, unreadCount } from '../../../shared/api/notifications.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './notifications.service.ts';

export function registerNotificationRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['站内消息'];
  app.get(
    '/api/notifications',
    { schema: { tags, summary: '我的消息', querystring: notificationListQuery, response: { 200: notificationList } } },
    async (request) => {
      const { unreadOnly, page, pageSize } = request.query;
      return service.listMine(ctx, actorOf(request), unreadOnly === 'true', page, pageSize);
    },
  );
  app.get(
    '/api/notifications/unread-count',
    { schema: { tags, summary: '未读数', response: { 200: unreadCount } } },
    async (request) => ({ unread: await service.unreadCount(ctx, actorOf(request)) }),
  );
  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags,
        summary: '标记已读',
        body: z.strictObject({ ids: z.union([z.array(z.number().int().positive()).max(500), z.literal('all')]) }),
        response: { 200: z.object({ updated: z.number().int() }) },
      },
    },
    async (request) => ({ updated: await service.markRead(ctx, actorOf(request), request.body.ids) }),
  );
}
