import { z } from 'zod';
import { paged, pageQuery } from './common.api.ts';

export const auditItem = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  summary: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export const auditList = paged(auditItem);
export const auditListQuery = z.strictObject({
  ...pageQuery,
  action: z.string().max(40).optional(),
  actor: z.string().max(64).optional(),
  entityType: z.string().max(40).optional(),
  from: z.string().date('日期格式应为 YYYY-MM-DD').optional(),
  to: z.string().date('日期格式应为 YYYY-MM-DD').optional(),
});
export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
