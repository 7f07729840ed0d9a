import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  campaignParam,
  documentJobRequest,
  documentOverview,
  documentQuery,
  unprintableHeader,
} from '../../../shared/api/campaign-documents.api.ts';
import { jobStarted } from '../../../shared/api/jobs.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './campaign-documents.service.ts';
import * as jobs from './document-jobs.service.ts';

/** Sends a PDF as a download; the characters that could not be printed travel in a header. */
function sendPdf(reply: FastifyReply, doc: service.RenderedDocument) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
    .header('cache-control', 'no-store')
    .header(unprintableHeader, encodeURIComponent(JSON.stringify(doc.unprintable)))
    .header('x-document-pages', String(doc.pages))
    .send(doc.bytes);
}

export function registerCampaignDocumentRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['走访慰问文书']);
  const doc = (summary: string) => ({ summary, params: campaignParam, query: documentQuery });
  r.get(
    '/api/campaign-documents/:campaignId/overview',
    { ...doc('可打印的名单条目、街道与社区，以及字体无法打印的字'), response: documentOverview },
    async ({ actor, params, query }) => service.overview(ctx, actor, params.campaignId, query),
  );
  r.get(
    '/api/campaign-documents/:campaignId/letters.pdf',
    doc('慰问信 PDF（按名单条目或按户套打，A4 公文版式）'),
    async ({ actor, params, query, reply }) =>
      sendPdf(reply, await service.renderLetters(ctx, actor, params.campaignId, query)),
  );
  r.get(
    '/api/campaign-documents/:campaignId/sign-off-sheets.pdf',
    doc('签收表 PDF（每个社区一份）'),
    async ({ actor, params, query, reply }) =>
      sendPdf(reply, await service.renderSignOffSheets(ctx, actor, params.campaignId, query)),
  );
  r.get(
    '/api/campaign-documents/:campaignId/disbursement-summary.pdf',
    doc('发放汇总表 PDF（按街道、类别汇总，报销用）'),
    async ({ actor, params, query, reply }) =>
      sendPdf(reply, await service.renderDisbursementSummary(ctx, actor, params.campaignId, query)),
  );
  r.post(
    '/api/campaign-documents/:campaignId/jobs',
    {
      summary: '后台生成 PDF（进度见 /api/jobs/:id，完成后按 downloadUrl 下载）',
      params: campaignParam,
      body: documentJobRequest,
      response: jobStarted,
    },
    async ({ actor, params, body }) => jobs.startDocumentJob(ctx, actor, params.campaignId, body),
  );
  r.get(
    '/api/campaign-documents/:campaignId/files/:jobId',
    {
      summary: '下载后台生成的 PDF（仅生成人，过期前）',
      params: campaignParam.extend({ jobId: z.coerce.number().int().positive() }),
    },
    async ({ actor, params, reply }) =>
      sendPdf(reply, await jobs.downloadDocument(ctx, actor, params.campaignId, params.jobId)),
  );
}
