import type { FastifyReply } from 'fastify';
import {
  dashboardResponse,
  noticeTaskList,
  noticeTaskListQuery,
  reportCatalogue,
  reportParam,
  reportResponse,
  statsQuery,
} from '../../../shared/api/reports.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import { dashboard } from './dashboards.service.ts';
import { catalogue, exportReport, type ReportFile, report } from './reports.service.ts';
import { taskList } from './work.figures.ts';

const tags = ['统计报表'];

const contentTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

function send(reply: FastifyReply, file: ReportFile, format: 'xlsx' | 'pdf') {
  return reply
    .header('content-type', contentTypes[format])
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'no-store')
    .send(file.bytes);
}

export function registerReportRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags,
        summary: '统计分析：按角色和数据范围的图表面板（每个数字可下钻到对应列表）',
        querystring: statsQuery,
        response: { 200: dashboardResponse },
      },
    },
    async (request) => dashboard(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/reports',
    { schema: { tags, summary: '可查看的报表及其参数', response: { 200: reportCatalogue } } },
    async (request) => catalogue(ctx, actorOf(request)),
  );
  app.get(
    '/api/reports/notice-tasks/tasks',
    {
      schema: {
        tags,
        summary: '通知任务落实情况背后的任务清单（按单位、状态，与报表同一区域和期间）',
        querystring: noticeTaskListQuery,
        response: { 200: noticeTaskList },
      },
    },
    async (request) => taskList(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/reports/:key',
    {
      schema: {
        tags,
        summary: '报表（JSON），可与去年同期对比',
        params: reportParam,
        querystring: statsQuery,
        response: { 200: reportResponse },
      },
    },
    async (request) => report(ctx, actorOf(request), request.params.key, request.query),
  );
  app.get(
    '/api/reports/:key/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出报表 xlsx（带水印，记入审计日志）',
        params: reportParam,
        querystring: statsQuery,
      },
    },
    async (request, reply) =>
      send(reply, await exportReport(ctx, actorOf(request), request.params.key, request.query, 'xlsx'), 'xlsx'),
  );
  app.get(
    '/api/reports/:key/print.pdf',
    {
      schema: {
        tags,
        summary: '打印报表 PDF（A4 横向，带水印，记入审计日志）',
        params: reportParam,
        querystring: statsQuery,
      },
    },
    async (request, reply) =>
      send(reply, await exportReport(ctx, actorOf(request), request.params.key, request.query, 'pdf'), 'pdf'),
  );
}
