import { idParam } from '../../../shared/api/common.api.ts';
import { saveUnitRequest, unitItem, unitList, unitListQuery } from '../../../shared/api/units.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './units.service.ts';

export function registerUnitRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['区划与单位']);
  r.get(
    '/api/units',
    { summary: '单位列表（驻区部队番号按权限显示）', query: unitListQuery, response: unitList },
    async ({ actor, query }) => ({ items: await service.listUnits(ctx, actor, query.kind) }),
  );
  r.get('/api/units/:id', { summary: '单位详情', params: idParam, response: unitItem }, async ({ actor, params }) =>
    service.getUnit(ctx, actor, params.id),
  );
  r.post('/api/units', { summary: '新增单位', body: saveUnitRequest, response: unitItem }, async ({ actor, body }) =>
    service.createUnit(ctx, actor, body),
  );
  r.put(
    '/api/units/:id',
    { summary: '修改单位', params: idParam, body: saveUnitRequest, response: unitItem },
    async ({ actor, params, body }) => service.updateUnit(ctx, actor, params.id, body),
  );
}
