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
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './registry.service.ts';

export function registerRegistryRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['优抚对象'];
  app.get(
    '/api/registry/summary',
    { schema: { tags, summary: '优抚对象统计（本人数据范围内）', response: { 200: registrySummary } } },
    async (request) => service.summary(ctx, actorOf(request)),
  );
  app.get(
    '/api/registry/dictionary',
    { schema: { tags, summary: '优抚类别、标识、生活状况等字典', response: { 200: registryDictionary } } },
    async (request) => service.dictionary(ctx, actorOf(request)),
  );

  app.get(
    '/api/persons',
    {
      schema: {
        tags,
        summary: '优抚对象名册与查询（姓名简繁、拼音、证号后 4/6 位、电话；本人数据范围内，脱敏）',
        querystring: personListQuery,
        response: { 200: personList },
      },
    },
    async (request) => service.listPersons(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/persons',
    { schema: { tags, summary: '登记优抚对象', body: savePersonRequest, response: { 200: savePersonResponse } } },
    async (request) => service.createPerson(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/persons/:id',
    { schema: { tags, summary: '优抚对象详情', params: idParam, response: { 200: personDetail } } },
    async (request) => service.getPerson(ctx, actorOf(request), request.params.id),
  );
  app.put(
    '/api/persons/:id',
    {
      schema: {
        tags,
        summary: '修改优抚对象信息（带 version 防止覆盖他人修改）',
        params: idParam,
        body: savePersonRequest,
        response: { 200: savePersonResponse },
      },
    },
    async (request) => service.updatePerson(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/persons/:id/deceased',
    {
      schema: {
        tags,
        summary: '标记已故（deathDate 为 null 时撤销误标）',
        params: idParam,
        body: markDeceasedRequest,
        response: { 200: savePersonResponse },
      },
    },
    async (request) => service.markDeceased(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/persons/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看完整身份证号（记入审计日志）',
        params: idParam,
        body: z.strictObject({}).optional(),
        response: { 200: revealResponse },
      },
    },
    async (request) => service.revealIdNumber(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/api/persons/:id/history',
    { schema: { tags, summary: '修改历史（逐版本）', params: idParam, response: { 200: personHistory } } },
    async (request) => service.personHistory(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/api/persons/:id/campaigns',
    {
      schema: {
        tags,
        summary: '历年走访慰问记录（名单条目与走访登记）',
        params: idParam,
        response: { 200: personCampaignHistory },
      },
    },
    async (request) => service.personCampaigns(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/persons/:id/assessments',
    {
      schema: {
        tags,
        summary: '登记生活状况评估',
        params: idParam,
        body: addAssessmentRequest,
        response: { 200: assessmentItem },
      },
    },
    async (request) => service.addAssessment(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/persons/:id/confirmations',
    {
      schema: {
        tags,
        summary: '登记年度确认（同一年度再次提交即为更正）',
        params: idParam,
        body: saveConfirmationRequest,
        response: { 200: confirmationItem },
      },
    },
    async (request) => service.saveConfirmation(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/registry/confirmations',
    {
      schema: {
        tags,
        summary: '年度确认清单（享受定期抚恤补助人员）',
        querystring: confirmationListQuery,
        response: { 200: confirmationList },
      },
    },
    async (request) => service.listConfirmations(ctx, actorOf(request), request.query),
  );

  app.get(
    '/api/households',
    { schema: { tags, summary: '家庭户列表', querystring: householdListQuery, response: { 200: householdList } } },
    async (request) => service.listHouseholds(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/households',
    { schema: { tags, summary: '新建家庭户', body: saveHouseholdRequest, response: { 200: householdDetail } } },
    async (request) => service.createHousehold(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/households/:id',
    { schema: { tags, summary: '家庭户详情与成员', params: idParam, response: { 200: householdDetail } } },
    async (request) => service.getHousehold(ctx, actorOf(request), request.params.id),
  );
  app.put(
    '/api/households/:id',
    {
      schema: {
        tags,
        summary: '修改家庭户',
        params: idParam,
        body: saveHouseholdRequest,
        response: { 200: householdDetail },
      },
    },
    async (request) => service.updateHousehold(ctx, actorOf(request), request.params.id, request.body),
  );
}
