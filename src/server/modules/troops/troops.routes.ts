import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
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
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import { type Actor, systemActor } from '../../platform/access.ts';
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

type FileStep<T> = (ctx: AppContext, actor: Actor, id: number, fileId: number) => Promise<T>;

/** A record's file routes: download (`GET path/:fileId`, sent by `sendAttachment`) and delete. */
export function fileRoutes(
  r: ReturnType<typeof routes>,
  ctx: AppContext,
  path: string,
  summaries: { download: string; remove: string },
  download: FileStep<AttachmentContent>,
  remove: FileStep<void>,
) {
  r.get(
    `${path}/:fileId`,
    { summary: summaries.download, params: attachmentParams },
    async ({ actor, params, reply }) => sendAttachment(reply, await download(ctx, actor, params.id, params.fileId)),
  );
  r.delete(
    `${path}/:fileId`,
    { summary: summaries.remove, params: attachmentParams, response: okResponse },
    async ({ actor, params }) => {
      await remove(ctx, actor, params.id, params.fileId);
      return { ok: true as const };
    },
  );
}

/** How often the overdue sweep runs on each app node (claims make concurrent sweeps harmless). */
const overdueSweepMs = 15 * 60 * 1000;

export function registerTroopRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['拥军：部队诉求与会议']);

  // ——— dictionaries and programmes ———
  r.get(
    '/api/troops/lookups',
    { summary: '字典：诉求类别、活动类型、结对对象类别、帮扶方式', query: lookupQuery, response: lookupListResponse },
    async ({ actor, query }) => ({ items: await programmes.listLookups(ctx, actor, query.list) }),
  );
  r.post(
    '/api/troops/lookups',
    { summary: '新增字典条目（双拥办）', body: createLookupRequest, response: lookupItem },
    async ({ actor, body }) => programmes.createLookup(ctx, actor, body),
  );
  r.put(
    '/api/troops/lookups/:id',
    { summary: '修改或停用字典条目（双拥办）', params: idParam, body: updateLookupRequest, response: lookupItem },
    async ({ actor, params, body }) => programmes.updateLookup(ctx, actor, params.id, body),
  );
  r.get(
    '/api/troops/programmes',
    { summary: '专项活动（聚焦一线、聚力解难等）', response: programmeList },
    async ({ actor }) => ({ items: await programmes.listProgrammes(ctx, actor) }),
  );
  r.post(
    '/api/troops/programmes',
    { summary: '新增专项活动（双拥办）', body: saveProgrammeRequest, response: programmeItem },
    async ({ actor, body }) => programmes.createProgramme(ctx, actor, body),
  );
  r.put(
    '/api/troops/programmes/:id',
    { summary: '修改专项活动（双拥办）', params: idParam, body: saveProgrammeRequest, response: programmeItem },
    async ({ actor, params, body }) => programmes.updateProgramme(ctx, actor, params.id, body),
  );
  r.get(
    '/api/troops/programmes/:id/summary',
    { summary: '专项活动汇总（本人数据范围内）', params: idParam, response: programmeSummary },
    async ({ actor, params }) => programmes.programmeSummary(ctx, actor, params.id),
  );

  // ——— requests ———
  r.get(
    '/api/troops/requests',
    { summary: '部队诉求列表（本人数据范围内）', query: requestListQuery, response: requestList },
    async ({ actor, query }) => service.listRequests(ctx, actor, query),
  );
  r.get(
    '/api/troops/requests/stats',
    { summary: '诉求统计与各部门办理时效', response: requestStats },
    async ({ actor }) => service.requestStats(ctx, actor),
  );
  r.post(
    '/api/troops/requests/check-overdue',
    { summary: '立即检查逾期诉求并提醒（双拥办）', response: overdueSweepResult },
    async ({ actor }) => service.checkOverdueNow(ctx, actor),
  );
  r.post(
    '/api/troops/requests',
    { summary: '提出诉求（部队联络员）或登记诉求（双拥办）', body: createRequestBody, response: requestDetail },
    async ({ actor, body }) => service.createRequest(ctx, actor, body),
  );
  r.get(
    '/api/troops/requests/:id',
    { summary: '诉求详情与办理过程', params: idParam, response: requestDetail },
    async ({ actor, params }) => service.getRequest(ctx, actor, params.id),
  );
  r.put(
    '/api/troops/requests/:id',
    { summary: '修改待受理的诉求', params: idParam, body: updateRequestBody, response: requestDetail },
    async ({ actor, params, body }) => service.updateRequest(ctx, actor, params.id, body),
  );
  r.post(
    '/api/troops/requests/:id/assign',
    { summary: '交办或改派给责任部门（双拥办）', params: idParam, body: assignRequestBody, response: stepResult },
    async ({ actor, params, body }) => service.assignRequest(ctx, actor, params.id, body),
  );
  // The steps that carry only a comment.
  const commentSteps = [
    ['return', '退回双拥办（责任部门）', service.returnRequest],
    ['resolve', '办结并填写办理结果', service.resolveRequest],
    ['reopen', '问题未解决，重新办理', service.reopenRequest],
  ] as const;
  for (const [step, summary, act] of commentSteps) {
    r.post(
      `/api/troops/requests/:id/${step}`,
      { summary, params: idParam, body: stepCommentBody, response: stepResult },
      async ({ actor, params, body }) => act(ctx, actor, params.id, body.comment),
    );
  }
  r.post(
    '/api/troops/requests/:id/rate',
    { summary: '评价办理结果（提出单位）', params: idParam, body: rateRequestBody, response: stepResult },
    async ({ actor, params, body }) => service.rateRequest(ctx, actor, params.id, body),
  );
  r.post(
    '/api/troops/requests/:id/comments',
    { summary: '添加办理意见', params: idParam, body: stepCommentBody, response: requestDetail },
    async ({ actor, params, body }) => service.commentOnRequest(ctx, actor, params.id, body.comment),
  );
  fileRoutes(
    r,
    ctx,
    '/api/troops/requests/:id/attachments',
    { download: '下载诉求附件', remove: '删除诉求附件' },
    service.downloadRequestAttachment,
    service.deleteRequestAttachment,
  );
  r.post(
    '/api/troops/requests/:id/supporters',
    { summary: '关联参与解决的社会力量（双拥办）', params: idParam, body: linkSupporterBody, response: requestDetail },
    async ({ actor, params, body }) => service.linkSupporter(ctx, actor, params.id, body),
  );
  r.delete(
    '/api/troops/requests/:id/supporters/:supporterId',
    { summary: '取消关联社会力量（双拥办）', params: supporterLinkParams, response: requestDetail },
    async ({ actor, params }) => service.unlinkSupporter(ctx, actor, params.id, params.supporterId),
  );

  // ——— meetings ———
  r.get(
    '/api/troops/meetings',
    { summary: '联席会议、领导小组会议、军地座谈会、情况通报', query: meetingListQuery, response: meetingList },
    async ({ actor, query }) => meetings.listMeetings(ctx, actor, query),
  );
  r.post(
    '/api/troops/meetings',
    { summary: '登记会议（双拥办）', body: saveMeetingBody, response: meetingDetail },
    async ({ actor, body }) => meetings.createMeeting(ctx, actor, body),
  );
  r.get(
    '/api/troops/meetings/:id',
    { summary: '会议详情：参会人员、纪要、议定事项和诉求', params: idParam, response: meetingDetail },
    async ({ actor, params }) => meetings.getMeeting(ctx, actor, params.id),
  );
  r.put(
    '/api/troops/meetings/:id',
    { summary: '修改会议（双拥办）', params: idParam, body: saveMeetingBody, response: meetingDetail },
    async ({ actor, params, body }) => meetings.updateMeeting(ctx, actor, params.id, body),
  );
  r.post(
    '/api/troops/meetings/:id/requests',
    {
      summary: '关联会议研究或提出的诉求（双拥办）',
      params: idParam,
      body: linkMeetingRequestBody,
      response: meetingDetail,
    },
    async ({ actor, params, body }) => meetings.linkRequest(ctx, actor, params.id, body),
  );
  r.delete(
    '/api/troops/meetings/:id/requests/:requestId',
    { summary: '取消关联诉求（双拥办）', params: meetingRequestParams, response: meetingDetail },
    async ({ actor, params }) => meetings.unlinkRequest(ctx, actor, params.id, params.requestId),
  );
  fileRoutes(
    r,
    ctx,
    '/api/troops/meetings/:id/attachments',
    { download: '下载会议附件', remove: '删除会议附件（双拥办）' },
    meetings.downloadMeetingAttachment,
    meetings.deleteMeetingAttachment,
  );

  // ——— uploads: raw application/octet-stream, the file name in the query ———
  withFileUploads(app, (uploads) => {
    const u = routes(uploads, ['拥军：部队诉求与会议']);
    const upload = { params: idParam, query: uploadQuery, response: attachmentItem, bodyLimit: maxFileBytes };
    u.post(
      '/api/troops/requests/:id/attachments',
      { ...upload, summary: '上传诉求附件（JPG/PNG/PDF，application/octet-stream）' },
      async ({ actor, params, query, body }) =>
        service.uploadRequestAttachment(ctx, actor, params.id, bodyBytes(body), uploadMeta(query)),
    );
    u.post(
      '/api/troops/meetings/:id/attachments',
      { ...upload, summary: '上传会议纪要等附件（JPG/PNG/PDF）' },
      async ({ actor, params, query, body }) =>
        meetings.uploadMeetingAttachment(ctx, actor, params.id, bodyBytes(body), uploadMeta(query)),
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

/** An upload's file name and whether it is confidential, from its query. */
export function uploadMeta(query: z.output<typeof uploadQuery>) {
  return { name: query.name, confidential: query.confidential === '1' };
}

/** The raw body of an upload route: the octet-stream parser yields a Buffer; JSON or text is refused. */
export function bodyBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    '请以 application/octet-stream 方式上传文件本身（文件名放在 name 参数中）。',
  );
}
