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
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import { contentDisposition } from '../../platform/files.ts';
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

/** An uploaded file: its name from the query string, its type from the name, its bytes from the body. */
const uploadOf = (name: string, request: FastifyRequest) => ({
  name,
  contentType: contentTypeOf(name),
  bytes: uploadedBytes(request),
});

export function registerNoticeRoutes(app: ZodApp, ctx: AppContext): void {
  // Encapsulated, so that the octet-stream parser is this module's alone.
  app.register(async (scoped) => {
    const api = scoped as unknown as ZodApp;
    api.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });
    noticeRoutes(api, ctx);
  });
}

function noticeRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['通知与任务']);

  r.get(
    '/api/notices',
    { summary: '通知列表（本人数据范围内）', query: noticeListQuery, response: noticeList },
    async ({ actor, query }) => service.listNotices(ctx, actor, query),
  );
  r.post(
    '/api/notices/parse',
    {
      summary: '解析粘贴的通知文字（不保存）',
      body: parseTextRequest,
      response: parseResponse,
      bodyLimit: maxNoticeFileBytes,
    },
    async ({ actor, body }) => service.parseText(ctx, actor, body),
  );
  r.post(
    '/api/notices/parse-file',
    {
      summary: '解析上传的通知文件 .txt / .docx（application/octet-stream，不保存）',
      query: parseFileQuery,
      response: parseResponse,
      bodyLimit: maxNoticeFileBytes,
    },
    async ({ actor, query, request }) => service.parseFile(ctx, actor, query.name, uploadedBytes(request)),
  );
  r.post(
    '/api/notices',
    { summary: '登记通知（草稿）', body: createNoticeRequest, response: noticeDetail },
    async ({ actor, body }) => service.createNotice(ctx, actor, body),
  );
  r.get(
    '/api/notices/tasks',
    { summary: '我的任务（本单位承办的任务）', query: myTaskQuery, response: myTaskList },
    async ({ actor, query }) => service.myTasks(ctx, actor, query.open === 'true'),
  );
  r.get(
    '/api/notices/:id',
    { summary: '通知详情', params: idParam, response: noticeDetail },
    async ({ actor, params }) => service.getNotice(ctx, actor, params.id),
  );
  r.put(
    '/api/notices/:id',
    { summary: '修改通知和任务', params: idParam, body: updateNoticeRequest, response: noticeDetail },
    async ({ actor, params, body }) => service.updateNotice(ctx, actor, params.id, body),
  );
  r.delete(
    '/api/notices/:id',
    { summary: '删除草稿', params: idParam, response: okResponse },
    async ({ actor, params }) => {
      await service.deleteNotice(ctx, actor, params.id);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/notices/:id/publish',
    { summary: '下发（通知承办单位）', params: idParam, response: noticeDetail },
    async ({ actor, params }) => service.publishNotice(ctx, actor, params.id),
  );
  r.put(
    '/api/notices/:id/tasks/:taskId/assignments',
    {
      summary: '分派任务：承办单位和截止日期',
      params: taskParams,
      body: setAssignmentsRequest,
      response: noticeDetail,
    },
    async ({ actor, params, body }) => service.setAssignments(ctx, actor, params.id, params.taskId, body),
  );
  r.post(
    '/api/notices/:id/reminders',
    { summary: '催办逾期未报的单位', params: idParam, response: remindResponse },
    async ({ actor, params }) => service.remindOverdue(ctx, actor, params.id),
  );
  r.get(
    '/api/notices/:id/matrix',
    { summary: '单位 × 任务落实矩阵', params: idParam, response: noticeMatrix },
    async ({ actor, params }) => service.getMatrix(ctx, actor, params.id),
  );
  r.get(
    '/api/notices/:id/matrix.xlsx',
    { summary: '导出落实矩阵（xlsx，带水印，记入审计日志）', params: idParam },
    async ({ actor, params, reply }) => {
      const { fileName, content } = await service.exportMatrix(ctx, actor, params.id);
      return reply
        .header('content-type', contentTypes['.xlsx'])
        .header('content-disposition', contentDisposition(fileName, false))
        .header('cache-control', 'no-store')
        .send(content);
    },
  );
  r.post(
    '/api/notices/:id/files',
    {
      summary: '上传通知附件（application/octet-stream）',
      params: idParam,
      query: parseFileQuery,
      response: fileItem,
      bodyLimit: service.maxAttachmentBytes,
    },
    async ({ actor, params, query, request }) =>
      service.uploadNoticeFile(ctx, actor, params.id, uploadOf(query.name, request)),
  );
  r.get('/api/notices/files/:id', { summary: '下载附件', params: idParam }, async ({ actor, params, reply }) => {
    const file = await service.getFile(ctx, actor, params.id);
    return reply
      .header('content-type', contentTypeOf(file.name))
      .header('content-disposition', contentDisposition(file.name, false))
      .header('cache-control', 'no-store')
      .send(file.content);
  });
  r.post(
    '/api/notices/assignments/:id/acknowledge',
    { summary: '签收任务', params: idParam, response: assignmentItem },
    async ({ actor, params }) => service.acknowledge(ctx, actor, params.id),
  );
  r.post(
    '/api/notices/assignments/:id/files',
    {
      summary: '上传落实情况附件（application/octet-stream），随后在上报时引用',
      params: idParam,
      query: parseFileQuery,
      response: fileItem,
      bodyLimit: service.maxAttachmentBytes,
    },
    async ({ actor, params, query, request }) =>
      service.uploadReportFile(ctx, actor, params.id, uploadOf(query.name, request)),
  );
  r.post(
    '/api/notices/assignments/:id/reports',
    { summary: '上报落实情况', params: idParam, body: reportRequest, response: assignmentItem },
    async ({ actor, params, body }) => service.report(ctx, actor, params.id, body),
  );
}
