import { idParam } from '../../../shared/api/common.api.ts';
import {
  createMeritRequest,
  deliverMeritRequest,
  householdParam,
  meritItem,
  meritList,
  meritListQuery,
  plaqueActionRequest,
  plaqueDetail,
  plaqueList,
  plaqueListQuery,
} from '../../../shared/api/honours.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import * as merits from './merits.service.ts';
import * as plaques from './plaques.service.ts';

export function registerHonourRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['光荣牌与立功喜报']);
  r.get(
    '/api/honours/plaques',
    {
      summary: '光荣牌登记簿：应挂（按优抚身份计算，每户一块）、已挂、已收回',
      query: plaqueListQuery,
      response: plaqueList,
    },
    async ({ actor, query }) => plaques.listPlaques(ctx, actor, query),
  );
  r.get(
    '/api/honours/plaques/:householdId',
    { summary: '一户的光荣牌与历次记录', params: householdParam, response: plaqueDetail },
    async ({ actor, params }) => plaques.getPlaque(ctx, actor, params.householdId),
  );
  r.post(
    '/api/honours/plaques/:householdId/actions',
    {
      summary: '光荣牌悬挂、更换、收回、恢复（当前状态不允许时返回 409）',
      params: householdParam,
      body: plaqueActionRequest,
      response: plaqueDetail,
    },
    async ({ actor, params, body }) => plaques.actOnPlaque(ctx, actor, params.householdId, body),
  );

  r.get(
    '/api/honours/merits',
    { summary: '立功喜报登记簿（军人及所在部队按权限脱敏）', query: meritListQuery, response: meritList },
    async ({ actor, query }) => merits.listMerits(ctx, actor, query),
  );
  r.get(
    '/api/honours/merits/:id',
    { summary: '立功喜报详情', params: idParam, response: meritItem },
    async ({ actor, params }) => merits.getMerit(ctx, actor, params.id),
  );
  r.post(
    '/api/honours/merits',
    { summary: '登记收到的立功喜报（送达期限为收到后 2 个工作日）', body: createMeritRequest, response: meritItem },
    async ({ actor, body }) => merits.createMerit(ctx, actor, body),
  );
  r.post(
    '/api/honours/merits/:id/deliver',
    {
      summary: '登记喜报送达（日期、参加人员、仪式、奖励金）',
      params: idParam,
      body: deliverMeritRequest,
      response: meritItem,
    },
    async ({ actor, params, body }) => merits.deliverMerit(ctx, actor, params.id, body),
  );
}
