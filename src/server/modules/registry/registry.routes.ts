import { registrySummary } from '../../../shared/api/registry.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './registry.service.ts';

export function registerRegistryRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/registry/summary',
    { schema: { tags: ['优抚对象'], summary: '优抚对象统计（本人数据范围内）', response: { 200: registrySummary } } },
    async (request) => service.summary(ctx, actorOf(request)),
  );
}
