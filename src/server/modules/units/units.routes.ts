import { idParam } from '../../../shared/api/common.api.ts';
import { saveUnitRequest, unitItem, unitList, unitListQuery } from '../../../shared/api/units.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './units.service.ts';

export function registerUnitRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['区划与单位'];
  app.get(
    '/api/units',
    {
      schema: {
        tags,
        summary: '单位列表（驻区部队番号按权限显示）',
        querystring: unitListQuery,
        response: { 200: unitList },
      },
    },
    async (request) => ({ items: await service.listUnits(ctx, actorOf(request), request.query.kind) }),
  );
  app.get(
    '/api/units/:id',
    { schema: { tags, summary: '单位详情', params: idParam, response: { 200: unitItem } } },
    async (request) => service.getUnit(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/units',
    { schema: { tags, summary: '新增单位', body: saveUnitRequest, response: { 200: unitItem } } },
    async (request) => service.createUnit(ctx, actorOf(request), request.body),
  );
  app.put(
    '/api/units/:id',
    { schema: { tags, summary: '修改单位', params: idParam, body: saveUnitRequest, response: { 200: unitItem } } },
    async (request) => service.updateUnit(ctx, actorOf(request), request.params.id, request.body),
  );
}
