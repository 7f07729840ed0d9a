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
import { idParam, idParams, okResponse } from '../../../shared/api/common.api.ts';
import { regionList } from '../../../shared/api/regions.api.ts';
import { attachmentItem, uploadQuery } from '../../../shared/api/troops.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import { contentDisposition, maxFileBytes, withFileUploads } from '../../platform/files.ts';
import { bodyBytes, fileRoutes, uploadMeta } from '../troops/troops.routes.ts';
import * as activityChanges from './activity-changes.service.ts';
import * as activityExport from './activity-export.service.ts';
import * as activityPhotos from './activity-photos.service.ts';
import * as activityStats from './activity-stats.service.ts';
import * as activityViews from './activity-views.service.ts';
import * as armyPeople from './army-people.service.ts';
import * as pairings from './pairings.service.ts';
import * as supporters from './supporters.service.ts';

export function registerArmyPeopleRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['拥政爱民：结对、活动、社会力量'];
  const r = routes(app, tags);

  r.get(
    '/api/army-people/places',
    { summary: '可选的区域（结对对象所在地、活动举办地）', response: regionList },
    async ({ actor }) => ({ items: await armyPeople.listPlaces(ctx, actor) }),
  );

  // ——— pairings ———
  r.get(
    '/api/army-people/pairings',
    { summary: '结对帮扶列表（含逾期未联系）', query: pairingListQuery, response: pairingList },
    async ({ actor, query }) => pairings.listPairings(ctx, actor, query),
  );
  r.post(
    '/api/army-people/pairings',
    { summary: '登记结对', body: savePairingBody, response: pairingDetail },
    async ({ actor, body }) => pairings.createPairing(ctx, actor, body),
  );
  r.get(
    '/api/army-people/pairings/:id',
    { summary: '结对详情与帮扶记录', params: idParam, response: pairingDetail },
    async ({ actor, params }) => pairings.getPairing(ctx, actor, params.id),
  );
  r.put(
    '/api/army-people/pairings/:id',
    { summary: '修改结对', params: idParam, body: savePairingBody, response: pairingDetail },
    async ({ actor, params, body }) => pairings.updatePairing(ctx, actor, params.id, body),
  );
  r.post(
    '/api/army-people/pairings/:id/contacts',
    {
      summary: '记录一次帮扶（走访、捐赠、义诊、助学）',
      params: idParam,
      body: addContactBody,
      response: pairingDetail,
    },
    async ({ actor, params, body }) => pairings.addContact(ctx, actor, params.id, body),
  );
  r.delete(
    '/api/army-people/pairings/:id/contacts/:contactId',
    { summary: '删除误录的帮扶记录', params: idParams('contactId'), response: pairingDetail },
    async ({ actor, params }) => pairings.deleteContact(ctx, actor, params.id, params.contactId),
  );

  // ——— activities ———
  r.get(
    '/api/army-people/activities',
    { summary: '双拥活动列表', query: activityListQuery, response: activityList },
    async ({ actor, query }) => activityViews.listActivities(ctx, actor, query),
  );
  r.get(
    '/api/army-people/activities/calendar',
    { summary: '活动日历（按月）', query: activityCalendarQuery, response: activityCalendar },
    async ({ actor, query }) => activityViews.activityCalendar(ctx, actor, query.month),
  );
  r.get(
    '/api/army-people/activities/summary',
    { summary: '活动汇总：次数、人数、经费', query: activitySummaryQuery, response: activitySummary },
    async ({ actor, query }) => activityStats.activitySummary(ctx, actor, query),
  );
  r.get(
    '/api/army-people/activities/export',
    { summary: '导出活动一览表（xlsx）', query: activityExportQuery },
    async ({ actor, query, reply }) => {
      const file = await activityExport.exportActivities(ctx, actor, query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(file.filename, false))
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );
  r.post(
    '/api/army-people/activities',
    { summary: '登记活动', body: saveActivityBody, response: activityDetail },
    async ({ actor, body }) => activityChanges.createActivity(ctx, actor, body),
  );
  r.get(
    '/api/army-people/activities/:id',
    { summary: '活动详情', params: idParam, response: activityDetail },
    async ({ actor, params }) => activityViews.getActivity(ctx, actor, params.id),
  );
  r.put(
    '/api/army-people/activities/:id',
    { summary: '修改活动', params: idParam, body: saveActivityBody, response: activityDetail },
    async ({ actor, params, body }) => activityChanges.updateActivity(ctx, actor, params.id, body),
  );
  r.delete(
    '/api/army-people/activities/:id',
    { summary: '删除活动', params: idParam, response: okResponse },
    async ({ actor, params }) => {
      await activityChanges.deleteActivity(ctx, actor, params.id);
      return { ok: true as const };
    },
  );
  fileRoutes(
    r,
    ctx,
    '/api/army-people/activities/:id/photos',
    { download: '活动照片', remove: '删除活动照片' },
    activityPhotos.downloadActivityPhoto,
    activityPhotos.deleteActivityPhoto,
  );
  withFileUploads(app, (uploads) => {
    routes(uploads, tags).post(
      '/api/army-people/activities/:id/photos',
      {
        summary: '上传活动照片（JPG/PNG，application/octet-stream）',
        params: idParam,
        query: uploadQuery,
        response: attachmentItem,
        bodyLimit: maxFileBytes,
      },
      async ({ actor, params, query, body }) =>
        activityPhotos.uploadActivityPhoto(ctx, actor, params.id, bodyBytes(body), uploadMeta(query)),
    );
  });

  // ——— social forces and models ———
  r.get(
    '/api/army-people/supporters',
    {
      summary: '社会力量（拥军优待商户、社会组织、志愿服务队、社会工作者）',
      query: supporterListQuery,
      response: supporterList,
    },
    async ({ actor, query }) => supporters.listSupporters(ctx, actor, query),
  );
  r.post(
    '/api/army-people/supporters',
    { summary: '登记社会力量（双拥办）', body: saveSupporterBody, response: supporterDetail },
    async ({ actor, body }) => supporters.createSupporter(ctx, actor, body),
  );
  r.get(
    '/api/army-people/supporters/:id',
    { summary: '社会力量详情及参与解决的诉求', params: idParam, response: supporterDetail },
    async ({ actor, params }) => supporters.getSupporter(ctx, actor, params.id),
  );
  r.put(
    '/api/army-people/supporters/:id',
    { summary: '修改社会力量（双拥办）', params: idParam, body: saveSupporterBody, response: supporterDetail },
    async ({ actor, params, body }) => supporters.updateSupporter(ctx, actor, params.id, body),
  );
  r.get(
    '/api/army-people/honorees',
    { summary: '双拥模范和先进典型', query: honoreeListQuery, response: honoreeList },
    async ({ actor, query }) => supporters.listHonorees(ctx, actor, query),
  );
  r.post(
    '/api/army-people/honorees',
    { summary: '登记双拥模范或先进典型（双拥办）', body: saveHonoreeBody, response: honoreeItem },
    async ({ actor, body }) => supporters.createHonoree(ctx, actor, body),
  );
  r.get(
    '/api/army-people/honorees/:id',
    { summary: '模范事迹', params: idParam, response: honoreeItem },
    async ({ actor, params }) => supporters.getHonoree(ctx, actor, params.id),
  );
  r.put(
    '/api/army-people/honorees/:id',
    { summary: '修改模范记录（双拥办）', params: idParam, body: saveHonoreeBody, response: honoreeItem },
    async ({ actor, params, body }) => supporters.updateHonoree(ctx, actor, params.id, body),
  );
}
