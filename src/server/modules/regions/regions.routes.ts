import { createRegionRequest, regionItem, regionList } from '../../../shared/api/regions.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './regions.service.ts';

export function registerRegionRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/regions',
    { schema: { tags: ['区划与单位'], summary: '区划树（本人范围及其上级）', response: { 200: regionList } } },
    async (request) => ({ items: await service.listRegions(ctx, actorOf(request)) }),
  );
  app.post(
    '/api/regions',
    { schema: { tags: ['区划与单位'], summary: '新增区划', body: createRegionRequest, response: { 200: regionItem } } },
    async (request) => service.createRegion(ctx, actorOf(request), request.body),
  );
}
