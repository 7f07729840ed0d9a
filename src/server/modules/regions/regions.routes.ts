import { createRegionRequest, regionItem, regionList } from '../../../shared/api/regions.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './regions.service.ts';

export function registerRegionRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['区划与单位']);
  r.get('/api/regions', { summary: '区划树（本人范围及其上级）', response: regionList }, async ({ actor }) => ({
    items: await service.listRegions(ctx, actor),
  }));
  r.post(
    '/api/regions',
    { summary: '新增区划', body: createRegionRequest, response: regionItem },
    async ({ actor, body }) => service.createRegion(ctx, actor, body),
  );
}
