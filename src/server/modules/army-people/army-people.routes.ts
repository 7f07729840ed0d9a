import { z } from 'zod';
import {
  activityCalendar,
  activityCalendarQuery,
  activityDetail,
  activityExportQuery,
  activityList,
  activityListQuery,
  activitySummary,
  activitySummaryQuery,
  addContactBody,
  honoreeItem,
  honoreeList,
  honoreeListQuery,
  pairingDetail,
  pairingList,
  pairingListQuery,
  saveActivityBody,
  saveHonoreeBody,
  savePairingBody,
  saveSupporterBody,
  supporterDetail,
  supporterList,
  supporterListQuery,
} from '../../../shared/api/army-people.api.ts';
import { idParam, okResponse } from '../../../shared/api/common.api.ts';
import { regionList } from '../../../shared/api/regions.api.ts';
import { attachmentItem, attachmentParams, uploadQuery } from '../../../shared/api/troops.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import { contentDisposition, maxFileBytes, withFileUploads } from '../../platform/files.ts';
import { bodyBytes, sendAttachment } from '../troops/troops.routes.ts';
import * as activities from './activities.service.ts';
import * as armyPeople from './army-people.service.ts';
import * as pairings from './pairings.service.ts';
import * as supporters from './supporters.service.ts';

const contactParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  contactId: z.coerce.number().int().positive(),
});

export function registerArmyPeopleRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['拥政爱民：结对、活动、社会力量'];

  app.get(
    '/api/army-people/places',
    { schema: { tags, summary: '可选的区域（结对对象所在地、活动举办地）', response: { 200: regionList } } },
    async (request) => ({ items: await armyPeople.listPlaces(ctx, actorOf(request)) }),
  );

  // ——— pairings ———
  app.get(
    '/api/army-people/pairings',
    {
      schema: {
        tags,
        summary: '结对帮扶列表（含逾期未联系）',
        querystring: pairingListQuery,
        response: { 200: pairingList },
      },
    },
    async (request) => pairings.listPairings(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/army-people/pairings',
    { schema: { tags, summary: '登记结对', body: savePairingBody, response: { 200: pairingDetail } } },
    async (request) => pairings.createPairing(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/army-people/pairings/:id',
    { schema: { tags, summary: '结对详情与帮扶记录', params: idParam, response: { 200: pairingDetail } } },
    async (request) => pairings.getPairing(ctx, actorOf(request), request.params.id),
  );
  app.put(
    '/api/army-people/pairings/:id',
    { schema: { tags, summary: '修改结对', params: idParam, body: savePairingBody, response: { 200: pairingDetail } } },
    async (request) => pairings.updatePairing(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/army-people/pairings/:id/contacts',
    {
      schema: {
        tags,
        summary: '记录一次帮扶（走访、捐赠、义诊、助学）',
        params: idParam,
        body: addContactBody,
        response: { 200: pairingDetail },
      },
    },
    async (request) => pairings.addContact(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/army-people/pairings/:id/contacts/:contactId',
    { schema: { tags, summary: '删除误录的帮扶记录', params: contactParams, response: { 200: pairingDetail } } },
    async (request) => pairings.deleteContact(ctx, actorOf(request), request.params.id, request.params.contactId),
  );

  // ——— activities ———
  app.get(
    '/api/army-people/activities',
    { schema: { tags, summary: '双拥活动列表', querystring: activityListQuery, response: { 200: activityList } } },
    async (request) => activities.listActivities(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/army-people/activities/calendar',
    {
      schema: {
        tags,
        summary: '活动日历（按月）',
        querystring: activityCalendarQuery,
        response: { 200: activityCalendar },
      },
    },
    async (request) => activities.activityCalendar(ctx, actorOf(request), request.query.month),
  );
  app.get(
    '/api/army-people/activities/summary',
    {
      schema: {
        tags,
        summary: '活动汇总：次数、人数、经费',
        querystring: activitySummaryQuery,
        response: { 200: activitySummary },
      },
    },
    async (request) => activities.activitySummary(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/army-people/activities/export',
    { schema: { tags, summary: '导出活动一览表（xlsx）', querystring: activityExportQuery } },
    async (request, reply) => {
      const file = await activities.exportActivities(ctx, actorOf(request), request.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(file.filename, false))
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );
  app.post(
    '/api/army-people/activities',
    { schema: { tags, summary: '登记活动', body: saveActivityBody, response: { 200: activityDetail } } },
    async (request) => activities.createActivity(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/army-people/activities/:id',
    { schema: { tags, summary: '活动详情', params: idParam, response: { 200: activityDetail } } },
    async (request) => activities.getActivity(ctx, actorOf(request), request.params.id),
  );
  app.put(
    '/api/army-people/activities/:id',
    {
      schema: { tags, summary: '修改活动', params: idParam, body: saveActivityBody, response: { 200: activityDetail } },
    },
    async (request) => activities.updateActivity(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/army-people/activities/:id',
    { schema: { tags, summary: '删除活动', params: idParam, response: { 200: okResponse } } },
    async (request) => {
      await activities.deleteActivity(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/army-people/activities/:id/photos/:fileId',
    { schema: { tags, summary: '活动照片', params: attachmentParams } },
    async (request, reply) =>
      sendAttachment(
        reply,
        await activities.downloadActivityPhoto(ctx, actorOf(request), request.params.id, request.params.fileId),
      ),
  );
  app.delete(
    '/api/army-people/activities/:id/photos/:fileId',
    { schema: { tags, summary: '删除活动照片', params: attachmentParams, response: { 200: okResponse } } },
    async (request) => {
      await activities.deleteActivityPhoto(ctx, actorOf(request), request.params.id, request.params.fileId);
      return { ok: true as const };
    },
  );
  withFileUploads(app, (uploads) => {
    uploads.post(
      '/api/army-people/activities/:id/photos',
      {
        bodyLimit: maxFileBytes,
        schema: {
          tags,
          summary: '上传活动照片（JPG/PNG，application/octet-stream）',
          params: idParam,
          querystring: uploadQuery,
          response: { 200: attachmentItem },
        },
      },
      async (request) =>
        activities.uploadActivityPhoto(ctx, actorOf(request), request.params.id, bodyBytes(request.body), {
          name: request.query.name,
          confidential: request.query.confidential === '1',
        }),
    );
  });

  // ——— social forces and models ———
  app.get(
    '/api/army-people/supporters',
    {
      schema: {
        tags,
        summary: '社会力量（拥军优待商户、社会组织、志愿服务队、社会工作者）',
        querystring: supporterListQuery,
        response: { 200: supporterList },
      },
    },
    async (request) => supporters.listSupporters(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/army-people/supporters',
    {
      schema: { tags, summary: '登记社会力量（双拥办）', body: saveSupporterBody, response: { 200: supporterDetail } },
    },
    async (request) => supporters.createSupporter(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/army-people/supporters/:id',
    { schema: { tags, summary: '社会力量详情及参与解决的诉求', params: idParam, response: { 200: supporterDetail } } },
    async (request) => supporters.getSupporter(ctx, actorOf(request), request.params.id),
  );
  app.put(
    '/api/army-people/supporters/:id',
    {
      schema: {
        tags,
        summary: '修改社会力量（双拥办）',
        params: idParam,
        body: saveSupporterBody,
        response: { 200: supporterDetail },
      },
    },
    async (request) => supporters.updateSupporter(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/army-people/honorees',
    { schema: { tags, summary: '双拥模范和先进典型', querystring: honoreeListQuery, response: { 200: honoreeList } } },
    async (request) => supporters.listHonorees(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/army-people/honorees',
    {
      schema: {
        tags,
        summary: '登记双拥模范或先进典型（双拥办）',
        body: saveHonoreeBody,
        response: { 200: honoreeItem },
      },
    },
    async (request) => supporters.createHonoree(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/army-people/honorees/:id',
    { schema: { tags, summary: '模范事迹', params: idParam, response: { 200: honoreeItem } } },
    async (request) => supporters.getHonoree(ctx, actorOf(request), request.params.id),
  );
  app.put(
    '/api/army-people/honorees/:id',
    {
      schema: {
        tags,
        summary: '修改模范记录（双拥办）',
        params: idParam,
        body: saveHonoreeBody,
        response: { 200: honoreeItem },
      },
    },
    async (request) => supporters.updateHonoree(ctx, actorOf(request), request.params.id, request.body),
  );
}
