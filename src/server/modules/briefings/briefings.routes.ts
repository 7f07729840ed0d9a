import type { FastifyReply } from 'fastify';
import {
  campaignIdParam,
  ledgerQuery,
  ledgerResponse,
  savedSummary,
  saveSummaryRequest,
  summaryExportQuery,
  summaryResponse,
} from '../../../shared/api/briefings.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as ledger from './ledger.service.ts';
import * as summary from './summary.service.ts';

function sendFile(reply: FastifyReply, file: { bytes: Buffer; filename: string; contentType: string }) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'no-store')
    .send(file.bytes);
}

export function registerBriefingRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['工作总结与创建台账'];
  app.get(
    '/api/briefings/campaigns/:id/summary',
    {
      schema: {
        tags,
        summary: '慰问活动工作总结：按当前数据生成的草稿、数据，以及已保存的修改稿',
        params: campaignIdParam,
        response: { 200: summaryResponse },
      },
    },
    async (request) => summary.getSummary(ctx, actorOf(request), request.params.id),
  );
  app.put(
    '/api/briefings/campaigns/:id/summary',
    {
      schema: {
        tags,
        summary: '保存工作总结（version 与最新保存不一致时 409，不会覆盖他人的修改）',
        params: campaignIdParam,
        body: saveSummaryRequest,
        response: { 200: savedSummary },
      },
    },
    async (request) => summary.saveSummary(ctx, actorOf(request), request.params.id, request.body),
  );
  for (const format of ['docx', 'pdf'] as const) {
    app.get(
      `/api/briefings/campaigns/:id/summary.${format}`,
      {
        schema: {
          tags,
          summary: `下载工作总结 ${format === 'docx' ? 'Word' : 'PDF'}（默认已保存稿，source=draft 为自动生成稿）`,
          params: campaignIdParam,
          querystring: summaryExportQuery,
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await summary.exportSummary(ctx, actorOf(request), request.params.id, format, request.query.source),
        ),
    );
  }
  app.get(
    '/api/briefings/ledger',
    {
      schema: {
        tags,
        summary: '创建台账：某年度各考评项目的数据与来源记录',
        querystring: ledgerQuery,
        response: { 200: ledgerResponse },
      },
    },
    async (request) => ledger.ledger(ctx, actorOf(request), request.query.year),
  );
  app.get(
    '/api/briefings/ledger.xlsx',
    { schema: { tags, summary: '导出创建台账 xlsx（总表加每个项目一张工作表）', querystring: ledgerQuery } },
    async (request, reply) => {
      const file = await ledger.exportLedger(ctx, actorOf(request), request.query.year);
      return sendFile(reply, {
        ...file,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
    },
  );
}
