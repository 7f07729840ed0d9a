import type { FastifyReply } from 'fastify';
import { idParam, okResponse } from '../../../shared/api/common.api.ts';
import {
  assignRequestBody,
  attachmentItem,
  attachmentParams,
  createLookupRequest,
  createRequestBody,
  linkMeetingRequestBody,
  linkSupporterBody,
  lookupItem,
  lookupListResponse,
  lookupQuery,
  meetingDetail,
  meetingList,
  meetingListQuery,
  meetingRequestParams,
  overdueSweepResult,
  programmeItem,
  programmeList,
  programmeSummary,
  rateRequestBody,
  requestDetail,
  requestList,
  requestListQuery,
  requestStats,
  saveMeetingBody,
  saveProgrammeRequest,
  stepCommentBody,
  stepResult,
  supporterLinkParams,
  updateLookupRequest,
  updateRequestBody,
  uploadQuery,
} from '../../../shared/api/troops.api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import { systemActor } from '../../platform/access.ts';
import { contentDisposition, maxFileBytes, withFileUploads } from '../../platform/files.ts';
import * as meetings from './meetings.service.ts';
import * as programmes from './programmes.service.ts';
import type { AttachmentContent } from './troops.attachments.ts';
import * as service from './troops.service.ts';

/** Sends a stored file: its sniffed type, never sniffed again by the browser, images and PDFs shown inline. */
export function sendAttachment(reply: FastifyReply, file: AttachmentContent) {
  return reply
    .header('content-type', file.mime)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-disposition', contentDisposition(file.name, true))
    .send(file.bytes);
}

/** How often the overdue sweep runs on each app node (claims make concurrent sweeps harmless). */
const overdueSweepMs = 15 * 60 * 1000;

export function registerTroopRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['拥军：部队诉求与会议'];

  // ——— dictionaries and programmes ———
  app.get(
    '/api/troops/lookups',
    {
      schema: {
        tags,
        summary: '字典：诉求类别、活动类型、结对对象类别、帮扶方式',
        querystring: lookupQuery,
        response: { 200: lookupListResponse },
      },
    },
    async (request) => ({ items: await programmes.listLookups(ctx, actorOf(request), request.query.list) }),
  );
  app.post(
    '/api/troops/lookups',
    { schema: { tags, summary: '新增字典条目（双拥办）', body: createLookupRequest, response: { 200: lookupItem } } },
    async (request) => programmes.createLookup(ctx, actorOf(request), request.body),
  );
  app.put(
    '/api/troops/lookups/:id',
    {
      schema: {
        tags,
        summary: '修改或停用字典条目（双拥办）',
        params: idParam,
        body: updateLookupRequest,
        response: { 200: lookupItem },
      },
    },
    async (request) => programmes.updateLookup(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/troops/programmes',
    { schema: { tags, summary: '专项活动（聚焦一线、聚力解难等）', response: { 200: programmeList } } },
    async (request) => ({ items: await programmes.listProgrammes(ctx, actorOf(request)) }),
  );
  app.post(
    '/api/troops/programmes',
    {
      schema: { tags, summary: '新增专项活动（双拥办）', body: saveProgrammeRequest, response: { 200: programmeItem } },
    },
    async (request) => programmes.createProgramme(ctx, actorOf(request), request.body),
  );
  app.put(
    '/api/troops/programmes/:id',
    {
      schema: {
        tags,
        summary: '修改专项活动（双拥办）',
        params: idParam,
        body: saveProgrammeRequest,
        response: { 200: programmeItem },
      },
    },
    async (request) => programmes.updateProgramme(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/troops/programmes/:id/summary',
    {
      schema: { tags, summary: '专项活动汇总（本人数据范围内）', params: idParam, response: { 200: programmeSummary } },
    },
    async (request) => programmes.programmeSummary(ctx, actorOf(request), request.params.id),
  );

  // ——— requests ———
  app.get(
    '/api/troops/requests',
    {
      schema: {
        tags,
        summary: '部队诉求列表（本人数据范围内）',
        querystring: requestListQuery,
        response: { 200: requestList },
      },
    },
    async (request) => service.listRequests(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/troops/requests/stats',
    { schema: { tags, summary: '诉求统计与各部门办理时效', response: { 200: requestStats } } },
    async (request) => service.requestStats(ctx, actorOf(request)),
  );
  app.post(
    '/api/troops/requests/check-overdue',
    { schema: { tags, summary: '立即检查逾期诉求并提醒（双拥办）', response: { 200: overdueSweepResult } } },
    async (request) => service.checkOverdueNow(ctx, actorOf(request)),
  );
  app.post(
    '/api/troops/requests',
    {
      schema: {
        tags,
        summary: '提出诉求（部队联络员）或登记诉求（双拥办）',
        body: createRequestBody,
        response: { 200: requestDetail },
      },
    },
    async (request) => service.createRequest(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/troops/requests/:id',
    { schema: { tags, summary: '诉求详情与办理过程', params: idParam, response: { 200: requestDetail } } },
    async (request) => service.getRequest(ctx, actorOf(request), request.params.id),
  );
  app.put(
    '/api/troops/requests/:id',
    {
      schema: {
        tags,
        summary: '修改待受理的诉求',
        params: idParam,
        body: updateRequestBody,
        response: { 200: requestDetail },
      },
    },
    async (request) => service.updateRequest(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/troops/requests/:id/assign',
    {
      schema: {
        tags,
        summary: '交办或改派给责任部门（双拥办）',
        params: idParam,
        body: assignRequestBody,
        response: { 200: stepResult },
      },
    },
    async (request) => service.assignRequest(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/troops/requests/:id/return',
    {
      schema: {
        tags,
        summary: '退回双拥办（责任部门）',
        params: idParam,
        body: stepCommentBody,
        response: { 200: stepResult },
      },
    },
    async (request) => service.returnRequest(ctx, actorOf(request), request.params.id, request.body.comment),
  );
  app.post(
    '/api/troops/requests/:id/resolve',
    {
      schema: {
        tags,
        summary: '办结并填写办理结果',
        params: idParam,
        body: stepCommentBody,
        response: { 200: stepResult },
      },
    },
    async (request) => service.resolveRequest(ctx, actorOf(request), request.params.id, request.body.comment),
  );
  app.post(
    '/api/troops/requests/:id/reopen',
    {
      schema: {
        tags,
        summary: '问题未解决，重新办理',
        params: idParam,
        body: stepCommentBody,
        response: { 200: stepResult },
      },
    },
    async (request) => service.reopenRequest(ctx, actorOf(request), request.params.id, request.body.comment),
  );
  app.post(
    '/api/troops/requests/:id/rate',
    {
      schema: {
        tags,
        summary: '评价办理结果（提出单位）',
        params: idParam,
        body: rateRequestBody,
        response: { 200: stepResult },
      },
    },
    async (request) => service.rateRequest(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/troops/requests/:id/comments',
    {
      schema: {
        tags,
        summary: '添加办理意见',
        params: idParam,
        body: stepCommentBody,
        response: { 200: requestDetail },
      },
    },
    async (request) => service.commentOnRequest(ctx, actorOf(request), request.params.id, request.body.comment),
  );
  app.get(
    '/api/troops/requests/:id/attachments/:fileId',
    { schema: { tags, summary: '下载诉求附件', params: attachmentParams } },
    async (request, reply) =>
      sendAttachment(
        reply,
        await service.downloadRequestAttachment(ctx, actorOf(request), request.params.id, request.params.fileId),
      ),
  );
  app.delete(
    '/api/troops/requests/:id/attachments/:fileId',
    { schema: { tags, summary: '删除诉求附件', params: attachmentParams, response: { 200: okResponse } } },
    async (request) => {
      await service.deleteRequestAttachment(ctx, actorOf(request), request.params.id, request.params.fileId);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/troops/requests/:id/supporters',
    {
      schema: {
        tags,
        summary: '关联参与解决的社会力量（双拥办）',
        params: idParam,
        body: linkSupporterBody,
        response: { 200: requestDetail },
      },
    },
    async (request) => service.linkSupporter(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/troops/requests/:id/supporters/:supporterId',
    {
      schema: {
        tags,
        summary: '取消关联社会力量（双拥办）',
        params: supporterLinkParams,
        response: { 200: requestDetail },
      },
    },
    async (request) => service.unlinkSupporter(ctx, actorOf(request), request.params.id, request.params.supporterId),
  );

  // ——— meetings ———
  app.get(
    '/api/troops/meetings',
    {
      schema: {
        tags,
        summary: '联席会议、领导小组会议、军地座谈会、情况通报',
        querystring: meetingListQuery,
        response: { 200: meetingList },
      },
    },
    async (request) => meetings.listMeetings(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/troops/meetings',
    { schema: { tags, summary: '登记会议（双拥办）', body: saveMeetingBody, response: { 200: meetingDetail } } },
    async (request) => meetings.createMeeting(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/troops/meetings/:id',
    {
      schema: {
        tags,
        summary: '会议详情：参会人员、纪要、议定事项和诉求',
        params: idParam,
        response: { 200: meetingDetail },
      },
    },
    async (request) => meetings.getMeeting(ctx, actorOf(request), request.params.id),
  );
  app.put(
    '/api/troops/meetings/:id',
    {
      schema: {
        tags,
        summary: '修改会议（双拥办）',
        params: idParam,
        body: saveMeetingBody,
        response: { 200: meetingDetail },
      },
    },
    async (request) => meetings.updateMeeting(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/troops/meetings/:id/requests',
    {
      schema: {
        tags,
        summary: '关联会议研究或提出的诉求（双拥办）',
        params: idParam,
        body: linkMeetingRequestBody,
        response: { 200: meetingDetail },
      },
    },
    async (request) => meetings.linkRequest(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/troops/meetings/:id/requests/:requestId',
    {
      schema: {
        tags,
        summary: '取消关联诉求（双拥办）',
        params: meetingRequestParams,
        response: { 200: meetingDetail },
      },
    },
    async (request) => meetings.unlinkRequest(ctx, actorOf(request), request.params.id, request.params.requestId),
  );
  app.get(
    '/api/troops/meetings/:id/attachments/:fileId',
    { schema: { tags, summary: '下载会议附件', params: attachmentParams } },
    async (request, reply) =>
      sendAttachment(
        reply,
        await meetings.downloadMeetingAttachment(ctx, actorOf(request), request.params.id, request.params.fileId),
      ),
  );
  app.delete(
    '/api/troops/meetings/:id/attachments/:fileId',
    { schema: { tags, summary: '删除会议附件（双拥办）', params: attachmentParams, response: { 200: okResponse } } },
    async (request) => {
      await meetings.deleteMeetingAttachment(ctx, actorOf(request), request.params.id, request.params.fileId);
      return { ok: true as const };
    },
  );

  // ——— uploads: raw application/octet-stream, the file name in the query ———
  withFileUploads(app, (uploads) => {
    const upload = { tags, querystring: uploadQuery, params: idParam, response: { 200: attachmentItem } };
    uploads.post(
      '/api/troops/requests/:id/attachments',
      {
        bodyLimit: maxFileBytes,
        schema: { ...upload, summary: '上传诉求附件（JPG/PNG/PDF，application/octet-stream）' },
      },
      async (request) =>
        service.uploadRequestAttachment(ctx, actorOf(request), request.params.id, bodyBytes(request.body), {
          name: request.query.name,
          confidential: request.query.confidential === '1',
        }),
    );
    uploads.post(
      '/api/troops/meetings/:id/attachments',
      { bodyLimit: maxFileBytes, schema: { ...upload, summary: '上传会议纪要等附件（JPG/PNG/PDF）' } },
      async (request) =>
        meetings.uploadMeetingAttachment(ctx, actorOf(request), request.params.id, bodyBytes(request.body), {
          name: request.query.name,
          confidential: request.query.confidential === '1',
        }),
    );
  });

  // ——— the overdue sweep on every node; the first run a minute after start ———
  let timer: NodeJS.Timeout | undefined;
  const sweep = () =>
    service.flagOverdueRequests(ctx, undefined, systemActor('逾期提醒')).catch((error: unknown) => {
      app.log.error({ err: error }, 'overdue sweep failed');
    });
  app.addHook('onReady', async () => {
    timer = setTimeout(function run() {
      void sweep().finally(() => {
        if (timer) timer = setTimeout(run, overdueSweepMs).unref();
      });
    }, 60_000).unref();
  });
  app.addHook('onClose', async () => {
    clearTimeout(timer);
    timer = undefined;
  });
}

/** The raw body of an upload route: the octet-stream parser yields a Buffer; JSON or text is refused. */
export function bodyBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    '请以 application/octet-stream 方式上传文件本身（文件名放在 name 参数中）。',
  );
}
