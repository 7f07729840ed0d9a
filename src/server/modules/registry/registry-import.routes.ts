import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { idParam, okResponse } from '../../../shared/api/common.api.ts';
import { jobStarted } from '../../../shared/api/jobs.api.ts';
import {
  comparisonDetail,
  comparisonList,
  comparisonStarted,
  comparisonUploadQuery,
  confirmMatchRequest,
  dismissMatchRequest,
  exportQuery,
  importItem,
  importList,
  importRowList,
  importRowQuery,
  importStarted,
  matchItem,
  matchList,
  matchListQuery,
  uploadQuery,
} from '../../../shared/api/registry-import.api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import { maxUploadBytes } from '../../platform/excel.ts';
import { contentDisposition, withFileUploads } from '../../platform/files.ts';
import * as comparison from './registry-comparison.service.ts';
import { exportFileName, exportPeople } from './registry-export.service.ts';
import * as imports from './registry-import.service.ts';

/** Beyond the import limit, so that a file a little too large gets the import's own message. */
const uploadBodyLimit = maxUploadBytes * 2;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fileBody(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    '请以文件本身作为请求内容上传（Content-Type: application/octet-stream），文件名放在 fileName 参数中。',
  );
}

/** Import (upload → report → commit), export and comparison (比对) of the registry. */
export function registerRegistryImportRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['优抚对象导入导出'];

  withFileUploads(
    app,
    (uploads) => {
      uploads.post(
        '/api/registry/imports',
        {
          bodyLimit: uploadBodyLimit,
          schema: {
            tags,
            summary: '上传名册（xlsx/csv，application/octet-stream），开始校验',
            description: '返回导入编号和校验任务编号；轮询 GET /api/jobs/:id 查看进度，完成后查看校验报告。',
            querystring: uploadQuery,
            response: { 200: importStarted },
          },
        },
        async (request) => imports.startImport(ctx, actorOf(request), request.query.fileName, fileBody(request.body)),
      );
      uploads.post(
        '/api/registry/comparisons',
        {
          bodyLimit: uploadBodyLimit,
          schema: {
            tags,
            summary: '上传其他部门的比对名单（身份证号 + 状态：死亡、迁出、服刑 …）',
            querystring: comparisonUploadQuery,
            response: { 200: comparisonStarted },
          },
        },
        async (request) =>
          comparison.startComparison(
            ctx,
            actorOf(request),
            { source: request.query.source, fileName: request.query.fileName },
            fileBody(request.body),
          ),
      );
    },
    uploadBodyLimit,
  );

  app.get(
    '/api/registry/imports',
    { schema: { tags, summary: '我最近的导入', response: { 200: importList } } },
    async (request) => ({ items: await imports.listImports(ctx, actorOf(request)) }),
  );
  app.get(
    '/api/registry/imports/:id',
    { schema: { tags, summary: '导入的校验报告（汇总）', params: idParam, response: { 200: importItem } } },
    async (request) => imports.getImport(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/api/registry/imports/:id/rows',
    {
      schema: {
        tags,
        summary: '校验报告：逐行逐列的问题与合并预览',
        params: idParam,
        querystring: importRowQuery,
        response: { 200: importRowList },
      },
    },
    async (request) => imports.listImportRows(ctx, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/registry/imports/:id/error-sheet',
    { schema: { tags, summary: '下载错误说明（原表格加“错误说明”列）', params: idParam } },
    async (request, reply) => {
      const file = await imports.errorSheet(ctx, actorOf(request), request.params.id);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', contentDisposition(file.fileName, false))
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );
  app.post(
    '/api/registry/imports/:id/commit',
    {
      schema: {
        tags,
        summary: '确认导入：校验通过的行一次性写入（全部成功或全部不写）',
        params: idParam,
        response: { 200: jobStarted },
      },
    },
    async (request) => imports.commitImport(ctx, actorOf(request), request.params.id),
  );
  app.delete(
    '/api/registry/imports/:id',
    {
      schema: { tags, summary: '放弃导入（删除上传的文件和校验结果）', params: idParam, response: { 200: okResponse } },
    },
    async (request) => {
      await imports.discardImport(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/registry/export',
    {
      schema: {
        tags,
        summary: '导出优抚对象名单（xlsx，按查看者权限脱敏，带水印）',
        description: '筛选条件与名单列表相同；full=true 导出完整身份证号和电话（需相应权限，记入审计日志）。',
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Written to a temporary file first: a slow download never holds the database transaction open.
      const file = path.join(tmpdir(), `sy-export-${randomBytes(8).toString('hex')}.xlsx`);
      try {
        await exportPeople(ctx, actor, request.query, createWriteStream(file, { mode: 0o600 }));
      } catch (error) {
        await unlink(file).catch(() => {});
        throw error;
      }
      const stream = createReadStream(file);
      stream.on('close', () => {
        unlink(file).catch(() => {});
      });
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', contentDisposition(exportFileName(), false))
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  app.get(
    '/api/registry/comparisons',
    { schema: { tags, summary: '比对名单（本人上传的，及含本辖区人员的）', response: { 200: comparisonList } } },
    async (request) => ({ items: await comparison.listComparisons(ctx, actorOf(request)) }),
  );
  app.get(
    '/api/registry/comparisons/:id',
    { schema: { tags, summary: '比对名单详情', params: idParam, response: { 200: comparisonDetail } } },
    async (request) => comparison.getComparison(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/api/registry/comparison-matches',
    {
      schema: {
        tags,
        summary: '比对结果（本辖区内匹配到的人员，待核实/已确认/已排除）',
        querystring: matchListQuery,
        response: { 200: matchList },
      },
    },
    async (request) => comparison.listMatches(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/registry/comparison-matches/:id/confirm',
    {
      schema: {
        tags,
        summary: '确认比对结果：按名单更新人员信息（注明来源，记入审计）',
        params: idParam,
        body: confirmMatchRequest,
        response: { 200: matchItem },
      },
    },
    async (request) => comparison.confirmMatch(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/registry/comparison-matches/:id/dismiss',
    {
      schema: {
        tags,
        summary: '排除比对结果（经核实名单有误）',
        params: idParam,
        body: dismissMatchRequest,
        response: { 200: matchItem },
      },
    },
    async (request) => comparison.dismissMatch(ctx, actorOf(request), request.params.id, request.body.note),
  );
}
