import { z } from 'zod';
import { paged, pageQuery } from './common.api.ts';

export const notificationItem = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export const notificationList = paged(notificationItem).extend({ unread: z.number().int() });
export const notificationListQuery = z.strictObject({
  ...pageQuery,
  unreadOnly: z.enum(['true', 'false']).optional(),
});
export const unreadCount = z.object({ unread: z.number().int() });
