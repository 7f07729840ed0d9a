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
import { routes } from '../../http/route.ts';
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
  const r = routes(app, tags);

  withFileUploads(
    app,
    (uploads) => {
      const u = routes(uploads, tags);
      u.post(
        '/api/registry/imports',
        {
          bodyLimit: uploadBodyLimit,
          summary: '上传名册（xlsx/csv，application/octet-stream），开始校验',
          description: '返回导入编号和校验任务编号；轮询 GET /api/jobs/:id 查看进度，完成后查看校验报告。',
          query: uploadQuery,
          response: importStarted,
        },
        async ({ actor, query, body }) => imports.startImport(ctx, actor, query.fileName, fileBody(body)),
      );
      u.post(
        '/api/registry/comparisons',
        {
          bodyLimit: uploadBodyLimit,
          summary: '上传其他部门的比对名单（身份证号 + 状态：死亡、迁出、服刑 …）',
          query: comparisonUploadQuery,
          response: comparisonStarted,
        },
        async ({ actor, query, body }) =>
          comparison.startComparison(ctx, actor, { source: query.source, fileName: query.fileName }, fileBody(body)),
      );
    },
    uploadBodyLimit,
  );

  r.get('/api/registry/imports', { summary: '我最近的导入', response: importList }, async ({ actor }) => ({
    items: await imports.listImports(ctx, actor),
  }));
  r.get(
    '/api/registry/imports/:id',
    { summary: '导入的校验报告（汇总）', params: idParam, response: importItem },
    async ({ actor, params }) => imports.getImport(ctx, actor, params.id),
  );
  r.get(
    '/api/registry/imports/:id/rows',
    { summary: '校验报告：逐行逐列的问题与合并预览', params: idParam, query: importRowQuery, response: importRowList },
    async ({ actor, params, query }) => imports.listImportRows(ctx, actor, params.id, query),
  );
  r.get(
    '/api/registry/imports/:id/error-sheet',
    { summary: '下载错误说明（原表格加“错误说明”列）', params: idParam },
    async ({ actor, params, reply }) => {
      const file = await imports.errorSheet(ctx, actor, params.id);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', contentDisposition(file.fileName, false))
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );
  r.post(
    '/api/registry/imports/:id/commit',
    { summary: '确认导入：校验通过的行一次性写入（全部成功或全部不写）', params: idParam, response: jobStarted },
    async ({ actor, params }) => imports.commitImport(ctx, actor, params.id),
  );
  r.delete(
    '/api/registry/imports/:id',
    { summary: '放弃导入（删除上传的文件和校验结果）', params: idParam, response: okResponse },
    async ({ actor, params }) => {
      await imports.discardImport(ctx, actor, params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/registry/export',
    {
      summary: '导出优抚对象名单（xlsx，按查看者权限脱敏，带水印）',
      description: '筛选条件与名单列表相同；full=true 导出完整身份证号和电话（需相应权限，记入审计日志）。',
      query: exportQuery,
    },
    async ({ actor, query, reply }) => {
      // Written to a temporary file first: a slow download never holds the database transaction open.
      const file = path.join(tmpdir(), `sy-export-${randomBytes(8).toString('hex')}.xlsx`);
      try {
        await exportPeople(ctx, actor, query, createWriteStream(file, { mode: 0o600 }));
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

  r.get(
    '/api/registry/comparisons',
    { summary: '比对名单（本人上传的，及含本辖区人员的）', response: comparisonList },
    async ({ actor }) => ({ items: await comparison.listComparisons(ctx, actor) }),
  );
  r.get(
    '/api/registry/comparisons/:id',
    { summary: '比对名单详情', params: idParam, response: comparisonDetail },
    async ({ actor, params }) => comparison.getComparison(ctx, actor, params.id),
  );
  r.get(
    '/api/registry/comparison-matches',
    { summary: '比对结果（本辖区内匹配到的人员，待核实/已确认/已排除）', query: matchListQuery, response: matchList },
    async ({ actor, query }) => comparison.listMatches(ctx, actor, query),
  );
  r.post(
    '/api/registry/comparison-matches/:id/confirm',
    {
      summary: '确认比对结果：按名单更新人员信息（注明来源，记入审计）',
      params: idParam,
      body: confirmMatchRequest,
      response: matchItem,
    },
    async ({ actor, params, body }) => comparison.confirmMatch(ctx, actor, params.id, body),
  );
  r.post(
    '/api/registry/comparison-matches/:id/dismiss',
    { summary: '排除比对结果（经核实名单有误）', params: idParam, body: dismissMatchRequest, response: matchItem },
    async ({ actor, params, body }) => comparison.dismissMatch(ctx, actor, params.id, body.note),
  );
}
