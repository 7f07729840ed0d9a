import {
  addEntryRequest,
  amendmentList,
  assignRequest,
  campaignDetail,
  campaignJobStarted,
  campaignList,
  changeResult,
  confirmStreetRequest,
  countResponse,
  createCampaignRequest,
  decideAmendmentRequest,
  entryListQuery,
  evaluateRequest,
  evaluationResponse,
  exclusionList,
  exclusionListQuery,
  presetList,
  removeEntryRequest,
  rosterEntryList,
  saveStandardRequest,
  standardItem,
  streetReviewList,
  transitionRequest,
  trialRunResponse,
  updateCampaignRequest,
  visitorList,
} from '../../../shared/api/campaigns.api.ts';
import { idParam, idParams, okResponse } from '../../../shared/api/common.api.ts';
import { jobItem } from '../../../shared/api/jobs.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import * as campaigns from './campaigns.service.ts';
import * as entries from './entries.service.ts';
import * as review from './review.service.ts';
import * as roster from './roster.service.ts';
import * as standards from './standards.service.ts';
import * as trial from './trial.service.ts';

const standardParams = idParams('standardId');

export function registerCampaignRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['走访慰问']);
  r.get(
    '/api/campaign-presets',
    { summary: '活动预设（按普陀区、克拉玛依市通知）', response: presetList },
    async ({ actor }) => ({ items: campaigns.listPresets(actor) }),
  );
  r.get('/api/campaigns', { summary: '慰问活动列表（本人数据范围内）', response: campaignList }, async ({ actor }) => ({
    items: await campaigns.listCampaigns(ctx, actor),
  }));
  r.post(
    '/api/campaigns',
    { summary: '新建慰问活动（可按预设或复制上年）', body: createCampaignRequest, response: campaignDetail },
    async ({ actor, body }) => campaigns.createCampaign(ctx, actor, body),
  );
  r.get(
    '/api/campaigns/:id',
    { summary: '慰问活动详情与标准', params: idParam, response: campaignDetail },
    async ({ actor, params }) => campaigns.getCampaign(ctx, actor, params.id),
  );
  r.patch(
    '/api/campaigns/:id',
    {
      summary: '修改活动（时间窗口、预算、发放方式…）',
      params: idParam,
      body: updateCampaignRequest,
      response: campaignDetail,
    },
    async ({ actor, params, body }) => campaigns.updateCampaign(ctx, actor, params.id, body),
  );
  r.post(
    '/api/campaigns/:id/status',
    {
      summary: '变更活动状态（下发审核、审批锁定、开始执行、结束；退回）',
      params: idParam,
      body: transitionRequest,
      response: campaignDetail,
    },
    async ({ actor, params, body }) => campaigns.transition(ctx, actor, params.id, body.to),
  );

  // Standards
  r.post(
    '/api/campaigns/:id/standards',
    { summary: '新增慰问标准', params: idParam, body: saveStandardRequest, response: standardItem },
    async ({ actor, params, body }) => standards.saveStandard(ctx, actor, params.id, null, body),
  );
  r.put(
    '/api/campaigns/:id/standards/:standardId',
    { summary: '修改慰问标准', params: standardParams, body: saveStandardRequest, response: standardItem },
    async ({ actor, params, body }) => standards.saveStandard(ctx, actor, params.id, params.standardId, body),
  );
  r.delete(
    '/api/campaigns/:id/standards/:standardId',
    { summary: '删除慰问标准', params: standardParams, response: okResponse },
    async ({ actor, params }) => standards.deleteStandard(ctx, actor, params.id, params.standardId),
  );

  // Rules at work
  r.post(
    '/api/campaigns/:id/evaluate',
    { summary: '按本活动标准判定一人（含理由）', params: idParam, body: evaluateRequest, response: evaluationResponse },
    async ({ actor, params, body }) => roster.evaluate(ctx, actor, params.id, body.personId),
  );
  r.post(
    '/api/campaigns/:id/trial',
    {
      summary: '试算：按街道、社区、类别、标准统计人数与金额，并与上年对比',
      params: idParam,
      response: trialRunResponse,
    },
    async ({ actor, params }) => trial.trialRun(ctx, actor, params.id),
  );
  r.post(
    '/api/campaigns/:id/roster',
    { summary: '生成慰问名单（后台任务）', params: idParam, response: campaignJobStarted },
    async ({ actor, params }) => roster.startRosterGeneration(ctx, actor, params.id),
  );
  r.get(
    '/api/campaigns/:id/roster-job',
    { summary: '名单生成任务的进度', params: idParam, response: jobItem },
    async ({ actor, params }) => roster.rosterJob(ctx, actor, params.id),
  );

  // The roster
  r.get(
    '/api/campaigns/:id/entries',
    { summary: '慰问名单（含入选理由）', params: idParam, query: entryListQuery, response: rosterEntryList },
    async ({ actor, params, query }) => entries.listEntries(ctx, actor, params.id, query),
  );
  r.get(
    '/api/campaigns/:id/exclusions',
    { summary: '未入选人员及原因', params: idParam, query: exclusionListQuery, response: exclusionList },
    async ({ actor, params, query }) => entries.listExclusions(ctx, actor, params.id, query),
  );
  r.post(
    '/api/campaigns/:id/entries',
    {
      summary: '添加名单（审核中直接生效，锁定后为待审批修订）',
      params: idParam,
      body: addEntryRequest,
      response: changeResult,
    },
    async ({ actor, params, body }) => review.addEntry(ctx, actor, params.id, body),
  );
  r.post(
    '/api/campaigns/:id/entries/:entryId/remove',
    { summary: '移出名单（须填原因）', params: idParams('entryId'), body: removeEntryRequest, response: changeResult },
    async ({ actor, params, body }) => review.removeEntry(ctx, actor, params.id, params.entryId, body.reason),
  );
  r.get(
    '/api/campaigns/:id/reviews',
    { summary: '各街道（镇）确认情况', params: idParam, response: streetReviewList },
    async ({ actor, params }) => entries.listReviews(ctx, actor, params.id),
  );
  r.post(
    '/api/campaigns/:id/reviews/:streetId/confirm',
    { summary: '街道（镇）确认名单', params: idParams('streetId'), body: confirmStreetRequest, response: okResponse },
    async ({ actor, params, body }) => review.confirmStreet(ctx, actor, params.id, params.streetId, body.note),
  );
  r.get(
    '/api/campaigns/:id/amendments',
    { summary: '名单修改与修订记录', params: idParam, response: amendmentList },
    async ({ actor, params }) => review.listAmendments(ctx, actor, params.id),
  );
  r.post(
    '/api/campaigns/:id/amendments/:amendmentId/decide',
    {
      summary: '审批名单修订',
      params: idParams('amendmentId'),
      body: decideAmendmentRequest,
      response: okResponse,
    },
    async ({ actor, params, body }) => review.decideAmendment(ctx, actor, params.id, params.amendmentId, body),
  );
  r.get(
    '/api/campaigns/:id/visitors',
    { summary: '可分派的走访人员', params: idParam, response: visitorList },
    async ({ actor, params }) => entries.listVisitors(ctx, actor, params.id),
  );
  r.post(
    '/api/campaigns/:id/assignments',
    { summary: '分派走访任务', params: idParam, body: assignRequest, response: countResponse },
    async ({ actor, params, body }) => entries.assignEntries(ctx, actor, params.id, body),
  );
}
