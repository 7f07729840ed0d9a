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
import { idParam, idParams } from '../../../shared/api/common.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import * as progress from './progress.service.ts';
import * as verification from './verification.service.ts';
import * as programmes from './visit-programmes.service.ts';
import * as visits from './visits.service.ts';

const entryParams = idParams('entryId');

export function registerVisitRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['走访登记']);
  r.get(
    '/api/visits/mine',
    { summary: '我的走访清单（手机端）', query: myVisitQuery, response: myVisitList },
    async ({ actor, query }) => visits.myVisits(ctx, actor, query),
  );
  r.get(
    '/api/visits/form-options',
    {
      summary: '走访表单的选项：可转交的诉求类别、专项活动、各活动默认专项活动（手机离线时沿用）',
      response: visitFormOptions,
    },
    async ({ actor }) => programmes.visitFormOptions(ctx, actor),
  );
  r.get(
    '/api/campaigns/:id/visit-programmes',
    { summary: '活动走访的默认专项活动', params: idParam, response: campaignProgrammes },
    async ({ actor, params }) => programmes.getCampaignProgrammes(ctx, actor, params.id),
  );
  r.put(
    '/api/campaigns/:id/visit-programmes',
    {
      summary: '设置活动走访的默认专项活动（如 聚焦一线、情系边海防官兵）',
      params: idParam,
      body: campaignProgrammesBody,
      response: campaignProgrammes,
    },
    async ({ actor, params, body }) => programmes.setCampaignProgrammes(ctx, actor, params.id, body.programmeIds),
  );
  r.post(
    '/api/campaigns/:id/entries/:entryId/visit',
    {
      summary: '登记走访发放（clientKey 幂等：同一离线记录重复同步只记一次；同一对象只能发放一次，重复时 409）',
      params: entryParams,
      body: recordVisitRequest,
      response: visitItem,
    },
    async ({ actor, params, body }) => visits.recordVisit(ctx, actor, params.id, params.entryId, body),
  );
  r.get(
    '/api/campaigns/:id/entries/:entryId/visit',
    { summary: '某条名单的走访记录', params: entryParams, response: visitItem },
    async ({ actor, params }) => visits.getEntryVisit(ctx, actor, params.id, params.entryId),
  );
  for (const which of ['signature', 'photo'] as const) {
    r.get(
      `/api/campaigns/:id/visits/:visitId/${which}`,
      { summary: which === 'signature' ? '签收签名（PNG）' : '签收照片', params: idParams('visitId') },
      async ({ actor, params, reply }) => {
        const image = await visits.visitImage(ctx, actor, params.id, params.visitId, which);
        return reply.type(image.mime).header('cache-control', 'private, no-store').send(image.bytes);
      },
    );
  }

  // 回访抽查 and cases
  r.post(
    '/api/campaigns/:id/verifications/sample',
    { summary: '随机抽取已发放对象进行回访抽查', params: idParam, body: sampleRequest, response: verificationList },
    async ({ actor, params, body }) => verification.drawSample(ctx, actor, params.id, body),
  );
  r.get(
    '/api/campaigns/:id/verifications',
    { summary: '回访抽查记录', params: idParam, response: verificationList },
    async ({ actor, params }) => verification.listVerifications(ctx, actor, params.id),
  );
  r.post(
    '/api/campaigns/:id/verifications/:verificationId',
    {
      summary: '登记回访结果（未收到、金额不符时生成跟进事项）',
      params: idParams('verificationId'),
      body: recordOutcomeRequest,
      response: verificationItem,
    },
    async ({ actor, params, body }) => verification.recordOutcome(ctx, actor, params.id, params.verificationId, body),
  );
  r.get(
    '/api/campaigns/:id/cases',
    { summary: '跟进事项（走访诉求、抽查问题）', params: idParam, query: caseListQuery, response: caseList },
    async ({ actor, params, query }) => verification.listCases(ctx, actor, params.id, query.status),
  );
  r.post(
    '/api/campaigns/:id/cases/:caseId/resolve',
    { summary: '办结跟进事项', params: idParams('caseId'), body: resolveCaseRequest, response: caseItem },
    async ({ actor, params, body }) => verification.resolveCase(ctx, actor, params.id, params.caseId, body.resolution),
  );

  // Progress
  r.get(
    '/api/campaigns/:id/progress',
    {
      summary: '走访进度（按街道、社区、类别、标准）',
      params: idParam,
      query: progressQuery,
      response: progressResponse,
    },
    async ({ actor, params, query }) => progress.progress(ctx, actor, params.id, query.asOf),
  );
  r.get(
    '/api/campaigns/:id/progress/list',
    {
      summary: '待访、逾期、漏访、名单内已故人员清单',
      params: idParam,
      query: progressListQuery,
      response: progressList,
    },
    async ({ actor, params, query }) => progress.progressList(ctx, actor, params.id, query),
  );
}
