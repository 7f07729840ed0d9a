import { z } from 'zod';
import {
  campaignProgrammes,
  campaignProgrammesBody,
  caseItem,
  caseList,
  caseListQuery,
  myVisitList,
  myVisitQuery,
  progressList,
  progressListQuery,
  progressQuery,
  progressResponse,
  recordOutcomeRequest,
  recordVisitRequest,
  resolveCaseRequest,
  sampleRequest,
  verificationItem,
  verificationList,
  visitFormOptions,
  visitItem,
} from '../../../shared/api/campaign-visits.api.ts';
import { idParam } from '../../../shared/api/common.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as progress from './progress.service.ts';
import * as verification from './verification.service.ts';
import * as programmes from './visit-programmes.service.ts';
import * as visits from './visits.service.ts';

const id = z.coerce.number().int().positive();
const entryParams = z.strictObject({ id, entryId: id });
const visitParams = z.strictObject({ id, visitId: id });
const verificationParams = z.strictObject({ id, verificationId: id });
const caseParams = z.strictObject({ id, caseId: id });

export function registerVisitRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['走访登记'];
  app.get(
    '/api/visits/mine',
    { schema: { tags, summary: '我的走访清单（手机端）', querystring: myVisitQuery, response: { 200: myVisitList } } },
    async (request) => visits.myVisits(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/visits/form-options',
    {
      schema: {
        tags,
        summary: '走访表单的选项：可转交的诉求类别、专项活动、各活动默认专项活动（手机离线时沿用）',
        response: { 200: visitFormOptions },
      },
    },
    async (request) => programmes.visitFormOptions(ctx, actorOf(request)),
  );
  app.get(
    '/api/campaigns/:id/visit-programmes',
    {
      schema: {
        tags,
        summary: '活动走访的默认专项活动',
        params: idParam,
        response: { 200: campaignProgrammes },
      },
    },
    async (request) => programmes.getCampaignProgrammes(ctx, actorOf(request), request.params.id),
  );
  app.put(
    '/api/campaigns/:id/visit-programmes',
    {
      schema: {
        tags,
        summary: '设置活动走访的默认专项活动（如 聚焦一线、情系边海防官兵）',
        params: idParam,
        body: campaignProgrammesBody,
        response: { 200: campaignProgrammes },
      },
    },
    async (request) =>
      programmes.setCampaignProgrammes(ctx, actorOf(request), request.params.id, request.body.programmeIds),
  );
  app.post(
    '/api/campaigns/:id/entries/:entryId/visit',
    {
      schema: {
        tags,
        summary: '登记走访发放（clientKey 幂等：同一离线记录重复同步只记一次；同一对象只能发放一次，重复时 409）',
        params: entryParams,
        body: recordVisitRequest,
        response: { 200: visitItem },
      },
    },
    async (request) =>
      visits.recordVisit(ctx, actorOf(request), request.params.id, request.params.entryId, request.body),
  );
  app.get(
    '/api/campaigns/:id/entries/:entryId/visit',
    { schema: { tags, summary: '某条名单的走访记录', params: entryParams, response: { 200: visitItem } } },
    async (request) => visits.getEntryVisit(ctx, actorOf(request), request.params.id, request.params.entryId),
  );
  for (const which of ['signature', 'photo'] as const) {
    app.get(
      `/api/campaigns/:id/visits/:visitId/${which}`,
      { schema: { tags, summary: which === 'signature' ? '签收签名（PNG）' : '签收照片', params: visitParams } },
      async (request, reply) => {
        const image = await visits.visitImage(ctx, actorOf(request), request.params.id, request.params.visitId, which);
        return reply.type(image.mime).header('cache-control', 'private, no-store').send(image.bytes);
      },
    );
  }

  // 回访抽查 and cases
  app.post(
    '/api/campaigns/:id/verifications/sample',
    {
      schema: {
        tags,
        summary: '随机抽取已发放对象进行回访抽查',
        params: idParam,
        body: sampleRequest,
        response: { 200: verificationList },
      },
    },
    async (request) => verification.drawSample(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/campaigns/:id/verifications',
    { schema: { tags, summary: '回访抽查记录', params: idParam, response: { 200: verificationList } } },
    async (request) => verification.listVerifications(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/campaigns/:id/verifications/:verificationId',
    {
      schema: {
        tags,
        summary: '登记回访结果（未收到、金额不符时生成跟进事项）',
        params: verificationParams,
        body: recordOutcomeRequest,
        response: { 200: verificationItem },
      },
    },
    async (request) =>
      verification.recordOutcome(ctx, actorOf(request), request.params.id, request.params.verificationId, request.body),
  );
  app.get(
    '/api/campaigns/:id/cases',
    {
      schema: {
        tags,
        summary: '跟进事项（走访诉求、抽查问题）',
        params: idParam,
        querystring: caseListQuery,
        response: { 200: caseList },
      },
    },
    async (request) => verification.listCases(ctx, actorOf(request), request.params.id, request.query.status),
  );
  app.post(
    '/api/campaigns/:id/cases/:caseId/resolve',
    {
      schema: {
        tags,
        summary: '办结跟进事项',
        params: caseParams,
        body: resolveCaseRequest,
        response: { 200: caseItem },
      },
    },
    async (request) =>
      verification.resolveCase(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.caseId,
        request.body.resolution,
      ),
  );

  // Progress
  app.get(
    '/api/campaigns/:id/progress',
    {
      schema: {
        tags,
        summary: '走访进度（按街道、社区、类别、标准）',
        params: idParam,
        querystring: progressQuery,
        response: { 200: progressResponse },
      },
    },
    async (request) => progress.progress(ctx, actorOf(request), request.params.id, request.query.asOf),
  );
  app.get(
    '/api/campaigns/:id/progress/list',
    {
      schema: {
        tags,
        summary: '待访、逾期、漏访、名单内已故人员清单',
        params: idParam,
        querystring: progressListQuery,
        response: { 200: progressList },
      },
    },
    async (request) => progress.progressList(ctx, actorOf(request), request.params.id, request.query),
  );
}
