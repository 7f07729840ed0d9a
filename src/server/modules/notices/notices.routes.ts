import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { idParam, okResponse } from '../../../shared/api/common.api.ts';
import {
  assignmentItem,
  createNoticeRequest,
  fileItem,
  myTaskList,
  myTaskQuery,
  noticeDetail,
  noticeList,
  noticeListQuery,
  noticeMatrix,
  parseFileQuery,
  parseResponse,
  parseTextRequest,
  remindResponse,
  reportRequest,
  setAssignmentsRequest,
  taskParams,
  updateNoticeRequest,
} from '../../../shared/api/notices.api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import { maxNoticeFileBytes } from './notice-text.ts';
import * as service from './notices.service.ts';

const contentTypes: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.txt': 'text/plain; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.zip': 'application/zip',
  '.ofd': 'application/ofd',
};

const contentTypeOf = (name: string) => contentTypes[path.extname(name).toLowerCase()] ?? 'application/octet-stream';

/** The raw bytes of an `application/octet-stream` upload. */
function uploadedBytes(request: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(request.body)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      '请以 application/octet-stream 上传文件内容，文件名放在地址参数 name 中。',
    );
  }
  return request.body;
}

/** `Content-Disposition` for a download with a Chinese file name (RFC 6266 / 5987). */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerNoticeRoutes(app: ZodApp, ctx: AppContext): void {
  // Encapsulated, so that the octet-stream parser is this module's alone.
  app.register(async (scoped) => {
    const api = scoped as unknown as ZodApp;
    api.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });
    routes(api, ctx);
  });
}

function routes(app: ZodApp, ctx: AppContext): void {
  const tags = ['通知与任务'];

  app.get(
    '/api/notices',
    {
      schema: {
        tags,
        summary: '通知列表（本人数据范围内）',
        querystring: noticeListQuery,
        response: { 200: noticeList },
      },
    },
    async (request) => service.listNotices(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/notices/parse',
    {
      bodyLimit: maxNoticeFileBytes,
      schema: {
        tags,
        summary: '解析粘贴的通知文字（不保存）',
        body: parseTextRequest,
        response: { 200: parseResponse },
      },
    },
    async (request) => service.parseText(ctx, actorOf(request), request.body),
  );
  app.post(
    '/api/notices/parse-file',
    {
      bodyLimit: maxNoticeFileBytes,
      schema: {
        tags,
        summary: '解析上传的通知文件 .txt / .docx（application/octet-stream，不保存）',
        querystring: parseFileQuery,
        response: { 200: parseResponse },
      },
    },
    async (request) => service.parseFile(ctx, actorOf(request), request.query.name, uploadedBytes(request)),
  );
  app.post(
    '/api/notices',
    { schema: { tags, summary: '登记通知（草稿）', body: createNoticeRequest, response: { 200: noticeDetail } } },
    async (request) => service.createNotice(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/notices/tasks',
    {
      schema: {
        tags,
        summary: '我的任务（本单位承办的任务）',
        querystring: myTaskQuery,
        response: { 200: myTaskList },
      },
    },
    async (request) => service.myTasks(ctx, actorOf(request), request.query.open === 'true'),
  );
  app.get(
    '/api/notices/:id',
    { schema: { tags, summary: '通知详情', params: idParam, response: { 200: noticeDetail } } },
    async (request) => service.getNotice(ctx, actorOf(request), request.params.id),
  );
  app.put(
    '/api/notices/:id',
    {
      schema: {
        tags,
        summary: '修改通知和任务',
        params: idParam,
        body: updateNoticeRequest,
        response: { 200: noticeDetail },
      },
    },
    async (request) => service.updateNotice(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/notices/:id',
    { schema: { tags, summary: '删除草稿', params: idParam, response: { 200: okResponse } } },
    async (request) => {
      await service.deleteNotice(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/notices/:id/publish',
    { schema: { tags, summary: '下发（通知承办单位）', params: idParam, response: { 200: noticeDetail } } },
    async (request) => service.publishNotice(ctx, actorOf(request), request.params.id),
  );
  app.put(
    '/api/notices/:id/tasks/:taskId/assignments',
    {
      schema: {
        tags,
        summary: '分派任务：承办单位和截止日期',
        params: taskParams,
        body: setAssignmentsRequest,
        response: { 200: noticeDetail },
      },
    },
    async (request) =>
      service.setAssignments(ctx, actorOf(request), request.params.id, request.params.taskId, request.body),
  );
  app.post(
    '/api/notices/:id/reminders',
    { schema: { tags, summary: '催办逾期未报的单位', params: idParam, response: { 200: remindResponse } } },
    async (request) => service.remindOverdue(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/api/notices/:id/matrix',
    { schema: { tags, summary: '单位 × 任务落实矩阵', params: idParam, response: { 200: noticeMatrix } } },
    async (request) => service.getMatrix(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/api/notices/:id/matrix.xlsx',
    { schema: { tags, summary: '导出落实矩阵（xlsx，带水印，记入审计日志）', params: idParam } },
    async (request, reply) => {
      const { fileName, content } = await service.exportMatrix(ctx, actorOf(request), request.params.id);
      return reply
        .header('content-type', contentTypes['.xlsx'])
        .header('content-disposition', attachment(fileName))
        .header('cache-control', 'no-store')
        .send(content);
    },
  );
  app.post(
    '/api/notices/:id/files',
    {
      bodyLimit: service.maxAttachmentBytes,
      schema: {
        tags,
        summary: '上传通知附件（application/octet-stream）',
        params: idParam,
        querystring: parseFileQuery,
        response: { 200: fileItem },
      },
    },
    async (request) =>
      service.uploadNoticeFile(ctx, actorOf(request), request.params.id, {
        name: request.query.name,
        contentType: contentTypeOf(request.query.name),
        bytes: uploadedBytes(request),
      }),
  );
  app.get(
    '/api/notices/files/:id',
    { schema: { tags, summary: '下载附件', params: idParam } },
    async (request, reply) => {
      const file = await service.getFile(ctx, actorOf(request), request.params.id);
      return reply
        .header('content-type', contentTypeOf(file.name))
        .header('content-disposition', attachment(file.name))
        .header('cache-control', 'no-store')
        .send(file.content);
    },
  );
  app.post(
    '/api/notices/assignments/:id/acknowledge',
    { schema: { tags, summary: '签收任务', params: idParam, response: { 200: assignmentItem } } },
    async (request) => service.acknowledge(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/notices/assignments/:id/files',
    {
      bodyLimit: service.maxAttachmentBytes,
      schema: {
        tags,
        summary: '上传落实情况附件（application/octet-stream），随后在上报时引用',
        params: idParam,
        querystring: parseFileQuery,
        response: { 200: fileItem },
      },
    },
    async (request) =>
      service.uploadReportFile(ctx, actorOf(request), request.params.id, {
        name: request.query.name,
        contentType: contentTypeOf(request.query.name),
        bytes: uploadedBytes(request),
      }),
  );
  app.post(
    '/api/notices/assignments/:id/reports',
    {
      schema: {
        tags,
        summary: '上报落实情况',
        params: idParam,
        body: reportRequest,
        response: { 200: assignmentItem },
      },
    },
    async (request) => service.report(ctx, actorOf(request), request.params.id, request.body),
  );
}
