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
import { routes } from '../../http/route.ts';
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
  const r = routes(app, ['工作总结与创建台账']);
  r.get(
    '/api/briefings/campaigns/:id/summary',
    {
      summary: '慰问活动工作总结：按当前数据生成的草稿、数据，以及已保存的修改稿',
      params: campaignIdParam,
      response: summaryResponse,
    },
    async ({ actor, params }) => summary.getSummary(ctx, actor, params.id),
  );
  r.put(
    '/api/briefings/campaigns/:id/summary',
    {
      summary: '保存工作总结（version 与最新保存不一致时 409，不会覆盖他人的修改）',
      params: campaignIdParam,
      body: saveSummaryRequest,
      response: savedSummary,
    },
    async ({ actor, params, body }) => summary.saveSummary(ctx, actor, params.id, body),
  );
  for (const format of ['docx', 'pdf'] as const) {
    r.get(
      `/api/briefings/campaigns/:id/summary.${format}`,
      {
        summary: `下载工作总结 ${format === 'docx' ? 'Word' : 'PDF'}（默认已保存稿，source=draft 为自动生成稿）`,
        params: campaignIdParam,
        query: summaryExportQuery,
      },
      async ({ actor, params, query, reply }) =>
        sendFile(reply, await summary.exportSummary(ctx, actor, params.id, format, query.source)),
    );
  }
  r.get(
    '/api/briefings/ledger',
    { summary: '创建台账：某年度各考评项目的数据与来源记录', query: ledgerQuery, response: ledgerResponse },
    async ({ actor, query }) => ledger.ledger(ctx, actor, query.year),
  );
  r.get(
    '/api/briefings/ledger.xlsx',
    { summary: '导出创建台账 xlsx（总表加每个项目一张工作表）', query: ledgerQuery },
    async ({ actor, query, reply }) => {
      const file = await ledger.exportLedger(ctx, actor, query.year);
      return sendFile(reply, {
        ...file,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
    },
  );
}
