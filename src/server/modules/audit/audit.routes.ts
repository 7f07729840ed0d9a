import { auditList, auditListQuery, auditVerifyResponse } from '../../../shared/api/audit.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './audit.service.ts';

export function registerAuditRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['审计日志'];
  app.get(
    '/api/audit',
    { schema: { tags, summary: '审计日志（仅审计员）', querystring: auditListQuery, response: { 200: auditList } } },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return service.listAudit(ctx, actorOf(request), filter, page, pageSize);
    },
  );
  app.get(
    '/api/audit/verify',
    { schema: { tags, summary: '校验哈希链', response: { 200: auditVerifyResponse } } },
    async (request) => service.verify(ctx, actorOf(request)),
  );
}
