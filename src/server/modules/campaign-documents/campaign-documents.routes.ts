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
import { actorOf } from '../../http/auth.ts';
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
  const tags = ['走访慰问文书'];
  const schema = (summary: string) => ({ tags, summary, params: campaignParam, querystring: documentQuery });
  app.get(
    '/api/campaign-documents/:campaignId/overview',
    {
      schema: {
        ...schema('可打印的名单条目、街道与社区，以及字体无法打印的字'),
        response: { 200: documentOverview },
      },
    },
    async (request) => service.overview(ctx, actorOf(request), request.params.campaignId, request.query),
  );
  app.get(
    '/api/campaign-documents/:campaignId/letters.pdf',
    { schema: schema('慰问信 PDF（按名单条目或按户套打，A4 公文版式）') },
    async (request, reply) =>
      sendPdf(reply, await service.renderLetters(ctx, actorOf(request), request.params.campaignId, request.query)),
  );
  app.get(
    '/api/campaign-documents/:campaignId/sign-off-sheets.pdf',
    { schema: schema('签收表 PDF（每个社区一份）') },
    async (request, reply) =>
      sendPdf(
        reply,
        await service.renderSignOffSheets(ctx, actorOf(request), request.params.campaignId, request.query),
      ),
  );
  app.get(
    '/api/campaign-documents/:campaignId/disbursement-summary.pdf',
    { schema: schema('发放汇总表 PDF（按街道、类别汇总，报销用）') },
    async (request, reply) =>
      sendPdf(
        reply,
        await service.renderDisbursementSummary(ctx, actorOf(request), request.params.campaignId, request.query),
      ),
  );
  app.post(
    '/api/campaign-documents/:campaignId/jobs',
    {
      schema: {
        tags,
        summary: '后台生成 PDF（进度见 /api/jobs/:id，完成后按 downloadUrl 下载）',
        params: campaignParam,
        body: documentJobRequest,
        response: { 200: jobStarted },
      },
    },
    async (request) => jobs.startDocumentJob(ctx, actorOf(request), request.params.campaignId, request.body),
  );
  app.get(
    '/api/campaign-documents/:campaignId/files/:jobId',
    {
      schema: {
        tags,
        summary: '下载后台生成的 PDF（仅生成人，过期前）',
        params: campaignParam.extend({ jobId: z.coerce.number().int().positive() }),
      },
    },
    async (request, reply) =>
      sendPdf(
        reply,
        await jobs.downloadDocument(ctx, actorOf(request), request.params.campaignId, request.params.jobId),
      ),
  );
}
