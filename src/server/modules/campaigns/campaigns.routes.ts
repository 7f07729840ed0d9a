import { z } from 'zod';
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
import { idParam, okResponse } from '../../../shared/api/common.api.ts';
import { jobItem } from '../../../shared/api/jobs.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as campaigns from './campaigns.service.ts';
import * as entries from './entries.service.ts';
import * as review from './review.service.ts';
import * as roster from './roster.service.ts';
import * as standards from './standards.service.ts';
import * as trial from './trial.service.ts';

const id = z.coerce.number().int().positive();
const standardParams = z.strictObject({ id, standardId: id });
const entryParams = z.strictObject({ id, entryId: id });
const streetParams = z.strictObject({ id, streetId: id });
const amendmentParams = z.strictObject({ id, amendmentId: id });

export function registerCampaignRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['走访慰问'];
  app.get(
    '/api/campaign-presets',
    { schema: { tags, summary: '活动预设（按普陀区、克拉玛依市通知）', response: { 200: presetList } } },
    async (request) => ({ items: campaigns.listPresets(actorOf(request)) }),
  );
  app.get(
    '/api/campaigns',
    { schema: { tags, summary: '慰问活动列表（本人数据范围内）', response: { 200: campaignList } } },
    async (request) => ({ items: await campaigns.listCampaigns(ctx, actorOf(request)) }),
  );
  app.post(
    '/api/campaigns',
    {
      schema: {
        tags,
        summary: '新建慰问活动（可按预设或复制上年）',
        body: createCampaignRequest,
        response: { 200: campaignDetail },
      },
    },
    async (request) => campaigns.createCampaign(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/campaigns/:id',
    { schema: { tags, summary: '慰问活动详情与标准', params: idParam, response: { 200: campaignDetail } } },
    async (request) => campaigns.getCampaign(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: '修改活动（时间窗口、预算、发放方式…）',
        params: idParam,
        body: updateCampaignRequest,
        response: { 200: campaignDetail },
      },
    },
    async (request) => campaigns.updateCampaign(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/campaigns/:id/status',
    {
      schema: {
        tags,
        summary: '变更活动状态（下发审核、审批锁定、开始执行、结束；退回）',
        params: idParam,
        body: transitionRequest,
        response: { 200: campaignDetail },
      },
    },
    async (request) => campaigns.transition(ctx, actorOf(request), request.params.id, request.body.to),
  );

  // Standards
  app.post(
    '/api/campaigns/:id/standards',
    {
      schema: {
        tags,
        summary: '新增慰问标准',
        params: idParam,
        body: saveStandardRequest,
        response: { 200: standardItem },
      },
    },
    async (request) => standards.saveStandard(ctx, actorOf(request), request.params.id, null, request.body),
  );
  app.put(
    '/api/campaigns/:id/standards/:standardId',
    {
      schema: {
        tags,
        summary: '修改慰问标准',
        params: standardParams,
        body: saveStandardRequest,
        response: { 200: standardItem },
      },
    },
    async (request) =>
      standards.saveStandard(ctx, actorOf(request), request.params.id, request.params.standardId, request.body),
  );
  app.delete(
    '/api/campaigns/:id/standards/:standardId',
    { schema: { tags, summary: '删除慰问标准', params: standardParams, response: { 200: okResponse } } },
    async (request) => standards.deleteStandard(ctx, actorOf(request), request.params.id, request.params.standardId),
  );

  // Rules at work
  app.post(
    '/api/campaigns/:id/evaluate',
    {
      schema: {
        tags,
        summary: '按本活动标准判定一人（含理由）',
        params: idParam,
        body: evaluateRequest,
        response: { 200: evaluationResponse },
      },
    },
    async (request) => roster.evaluate(ctx, actorOf(request), request.params.id, request.body.personId),
  );
  app.post(
    '/api/campaigns/:id/trial',
    {
      schema: {
        tags,
        summary: '试算：按街道、社区、类别、标准统计人数与金额，并与上年对比',
        params: idParam,
        response: { 200: trialRunResponse },
      },
    },
    async (request) => trial.trialRun(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/campaigns/:id/roster',
    { schema: { tags, summary: '生成慰问名单（后台任务）', params: idParam, response: { 200: campaignJobStarted } } },
    async (request) => roster.startRosterGeneration(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/api/campaigns/:id/roster-job',
    { schema: { tags, summary: '名单生成任务的进度', params: idParam, response: { 200: jobItem } } },
    async (request) => roster.rosterJob(ctx, actorOf(request), request.params.id),
  );

  // The roster
  app.get(
    '/api/campaigns/:id/entries',
    {
      schema: {
        tags,
        summary: '慰问名单（含入选理由）',
        params: idParam,
        querystring: entryListQuery,
        response: { 200: rosterEntryList },
      },
    },
    async (request) => entries.listEntries(ctx, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/campaigns/:id/exclusions',
    {
      schema: {
        tags,
        summary: '未入选人员及原因',
        params: idParam,
        querystring: exclusionListQuery,
        response: { 200: exclusionList },
      },
    },
    async (request) => entries.listExclusions(ctx, actorOf(request), request.params.id, request.query),
  );
  app.post(
    '/api/campaigns/:id/entries',
    {
      schema: {
        tags,
        summary: '添加名单（审核中直接生效，锁定后为待审批修订）',
        params: idParam,
        body: addEntryRequest,
        response: { 200: changeResult },
      },
    },
    async (request) => review.addEntry(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/campaigns/:id/entries/:entryId/remove',
    {
      schema: {
        tags,
        summary: '移出名单（须填原因）',
        params: entryParams,
        body: removeEntryRequest,
        response: { 200: changeResult },
      },
    },
    async (request) =>
      review.removeEntry(ctx, actorOf(request), request.params.id, request.params.entryId, request.body.reason),
  );
  app.get(
    '/api/campaigns/:id/reviews',
    { schema: { tags, summary: '各街道（镇）确认情况', params: idParam, response: { 200: streetReviewList } } },
    async (request) => entries.listReviews(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/campaigns/:id/reviews/:streetId/confirm',
    {
      schema: {
        tags,
        summary: '街道（镇）确认名单',
        params: streetParams,
        body: confirmStreetRequest,
        response: { 200: okResponse },
      },
    },
    async (request) =>
      review.confirmStreet(ctx, actorOf(request), request.params.id, request.params.streetId, request.body.note),
  );
  app.get(
    '/api/campaigns/:id/amendments',
    { schema: { tags, summary: '名单修改与修订记录', params: idParam, response: { 200: amendmentList } } },
    async (request) => review.listAmendments(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/campaigns/:id/amendments/:amendmentId/decide',
    {
      schema: {
        tags,
        summary: '审批名单修订',
        params: amendmentParams,
        body: decideAmendmentRequest,
        response: { 200: okResponse },
      },
    },
    async (request) =>
      review.decideAmendment(ctx, actorOf(request), request.params.id, request.params.amendmentId, request.body),
  );
  app.get(
    '/api/campaigns/:id/visitors',
    { schema: { tags, summary: '可分派的走访人员', params: idParam, response: { 200: visitorList } } },
    async (request) => entries.listVisitors(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/campaigns/:id/assignments',
    {
      schema: { tags, summary: '分派走访任务', params: idParam, body: assignRequest, response: { 200: countResponse } },
    },
    async (request) => entries.assignEntries(ctx, actorOf(request), request.params.id, request.body),
  );
}
