import { z } from 'zod';
import { personCampaignHistory } from '../../../shared/api/campaign-visits.api.ts';
import { idParam } from '../../../shared/api/common.api.ts';
import {
  addAssessmentRequest,
  assessmentItem,
  confirmationItem,
  confirmationList,
  confirmationListQuery,
  householdDetail,
  householdList,
  householdListQuery,
  markDeceasedRequest,
  personDetail,
  personHistory,
  personList,
  personListQuery,
  registryDictionary,
  registrySummary,
  revealResponse,
  saveConfirmationRequest,
  saveHouseholdRequest,
  savePersonRequest,
  savePersonResponse,
} from '../../../shared/api/registry.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './registry.service.ts';

export function registerRegistryRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['优抚对象']);
  r.get(
    '/api/registry/summary',
    { summary: '优抚对象统计（本人数据范围内）', response: registrySummary },
    async ({ actor }) => service.summary(ctx, actor),
  );
  r.get(
    '/api/registry/dictionary',
    { summary: '优抚类别、标识、生活状况等字典', response: registryDictionary },
    async ({ actor }) => service.dictionary(ctx, actor),
  );

  r.get(
    '/api/persons',
    {
      summary: '优抚对象名册与查询（姓名简繁、拼音、证号后 4/6 位、电话；本人数据范围内，脱敏）',
      query: personListQuery,
      response: personList,
    },
    async ({ actor, query }) => service.listPersons(ctx, actor, query),
  );
  r.post(
    '/api/persons',
    { summary: '登记优抚对象', body: savePersonRequest, response: savePersonResponse },
    async ({ actor, body }) => service.createPerson(ctx, actor, body),
  );
  r.get(
    '/api/persons/:id',
    { summary: '优抚对象详情', params: idParam, response: personDetail },
    async ({ actor, params }) => service.getPerson(ctx, actor, params.id),
  );
  r.put(
    '/api/persons/:id',
    {
      summary: '修改优抚对象信息（带 version 防止覆盖他人修改）',
      params: idParam,
      body: savePersonRequest,
      response: savePersonResponse,
    },
    async ({ actor, params, body }) => service.updatePerson(ctx, actor, params.id, body),
  );
  r.post(
    '/api/persons/:id/deceased',
    {
      summary: '标记已故（deathDate 为 null 时撤销误标）',
      params: idParam,
      body: markDeceasedRequest,
      response: savePersonResponse,
    },
    async ({ actor, params, body }) => service.markDeceased(ctx, actor, params.id, body),
  );
  r.post(
    '/api/persons/:id/reveal',
    {
      summary: '查看完整身份证号（记入审计日志）',
      params: idParam,
      body: z.strictObject({}).optional(),
      response: revealResponse,
    },
    async ({ actor, params }) => service.revealIdNumber(ctx, actor, params.id),
  );
  r.get(
    '/api/persons/:id/history',
    { summary: '修改历史（逐版本）', params: idParam, response: personHistory },
    async ({ actor, params }) => service.personHistory(ctx, actor, params.id),
  );
  r.get(
    '/api/persons/:id/campaigns',
    { summary: '历年走访慰问记录（名单条目与走访登记）', params: idParam, response: personCampaignHistory },
    async ({ actor, params }) => service.personCampaigns(ctx, actor, params.id),
  );
  r.post(
    '/api/persons/:id/assessments',
    { summary: '登记生活状况评估', params: idParam, body: addAssessmentRequest, response: assessmentItem },
    async ({ actor, params, body }) => service.addAssessment(ctx, actor, params.id, body),
  );
  r.post(
    '/api/persons/:id/confirmations',
    {
      summary: '登记年度确认（同一年度再次提交即为更正）',
      params: idParam,
      body: saveConfirmationRequest,
      response: confirmationItem,
    },
    async ({ actor, params, body }) => service.saveConfirmation(ctx, actor, params.id, body),
  );
  r.get(
    '/api/registry/confirmations',
    { summary: '年度确认清单（享受定期抚恤补助人员）', query: confirmationListQuery, response: confirmationList },
    async ({ actor, query }) => service.listConfirmations(ctx, actor, query),
  );

  r.get(
    '/api/households',
    { summary: '家庭户列表', query: householdListQuery, response: householdList },
    async ({ actor, query }) => service.listHouseholds(ctx, actor, query),
  );
  r.post(
    '/api/households',
    { summary: '新建家庭户', body: saveHouseholdRequest, response: householdDetail },
    async ({ actor, body }) => service.createHousehold(ctx, actor, body),
  );
  r.get(
    '/api/households/:id',
    { summary: '家庭户详情与成员', params: idParam, response: householdDetail },
    async ({ actor, params }) => service.getHousehold(ctx, actor, params.id),
  );
  r.put(
    '/api/households/:id',
    { summary: '修改家庭户', params: idParam, body: saveHouseholdRequest, response: householdDetail },
    async ({ actor, params, body }) => service.updateHousehold(ctx, actor, params.id, body),
  );
}
