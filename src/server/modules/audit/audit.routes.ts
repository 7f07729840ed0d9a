import { auditList, auditListQuery, auditVerifyResponse } from '../../../shared/api/audit.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './audit.service.ts';

export function registerAuditRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['审计日志']);
  r.get(
    '/api/audit',
    { summary: '审计日志（仅审计员）', query: auditListQuery, response: auditList },
    async ({ actor, query }) => {
      const { page, pageSize, ...filter } = query;
      return service.listAudit(ctx, actor, filter, page, pageSize);
    },
  );
  r.get('/api/audit/verify', { summary: '校验哈希链', response: auditVerifyResponse }, async ({ actor }) =>
    service.verify(ctx, actor),
  );
}
