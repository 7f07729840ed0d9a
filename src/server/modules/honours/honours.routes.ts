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
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as merits from './merits.service.ts';
import * as plaques from './plaques.service.ts';

export function registerHonourRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['光荣牌与立功喜报'];
  app.get(
    '/api/honours/plaques',
    {
      schema: {
        tags,
        summary: '光荣牌登记簿：应挂（按优抚身份计算，每户一块）、已挂、已收回',
        querystring: plaqueListQuery,
        response: { 200: plaqueList },
      },
    },
    async (request) => plaques.listPlaques(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/honours/plaques/:householdId',
    { schema: { tags, summary: '一户的光荣牌与历次记录', params: householdParam, response: { 200: plaqueDetail } } },
    async (request) => plaques.getPlaque(ctx, actorOf(request), request.params.householdId),
  );
  app.post(
    '/api/honours/plaques/:householdId/actions',
    {
      schema: {
        tags,
        summary: '光荣牌悬挂、更换、收回、恢复（当前状态不允许时返回 409）',
        params: householdParam,
        body: plaqueActionRequest,
        response: { 200: plaqueDetail },
      },
    },
    async (request) => plaques.actOnPlaque(ctx, actorOf(request), request.params.householdId, request.body),
  );

  app.get(
    '/api/honours/merits',
    {
      schema: {
        tags,
        summary: '立功喜报登记簿（军人及所在部队按权限脱敏）',
        querystring: meritListQuery,
        response: { 200: meritList },
      },
    },
    async (request) => merits.listMerits(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/honours/merits/:id',
    { schema: { tags, summary: '立功喜报详情', params: idParam, response: { 200: meritItem } } },
    async (request) => merits.getMerit(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/honours/merits',
    {
      schema: {
        tags,
        summary: '登记收到的立功喜报（送达期限为收到后 2 个工作日）',
        body: createMeritRequest,
        response: { 200: meritItem },
      },
    },
    async (request) => merits.createMerit(ctx, actorOf(request), request.body),
  );
  app.post(
    '/api/honours/merits/:id/deliver',
    {
      schema: {
        tags,
        summary: '登记喜报送达（日期、参加人员、仪式、奖励金）',
        params: idParam,
        body: deliverMeritRequest,
        response: { 200: meritItem },
      },
    },
    async (request) => merits.deliverMerit(ctx, actorOf(request), request.params.id, request.body),
  );
}
