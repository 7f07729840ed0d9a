/**
 * Large campaign documents as jobs: the PDF is laid out in the background with progress per letter or entry,
 * then kept in the database's one store of bytes (platform/files.ts; several stateless app nodes share one
 * PostgreSQL: any of them serves the download) until it expires; the job's result names the file. Making it is
 * audited as an export, as the direct download is; each download is audited too.
 * A character no font has fails the job with a Chinese message unless the user chose to print it as 〓.
 */
import {
  type DocumentJobRequest,
  type DocumentJobResult,
  type DocumentKind,
  documentJobRequest,
  documentKindLabels,
  documentTtlHours,
} from '../../../shared/api/campaign-documents.api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { purgeExpiredFiles, readStoredFile, storeFile } from '../../platform/files.ts';
import { startJob } from '../../platform/jobs.ts';
import type { UnprintableChar } from '../../platform/pdf.ts';
import { loadCampaign } from '../campaigns/campaign-access.ts';
import * as repo from './campaign-documents.repo.ts';
import {
  checkPlace,
  type RenderedDocument,
  renderDisbursementSummary,
  renderLetters,
  renderSignOffSheets,
} from './campaign-documents.service.ts';

type Request = ReturnType<typeof documentJobRequest.parse>;

const renderers: Record<DocumentKind, typeof renderSignOffSheets> = {
  letters: renderLetters,
  'sign-off-sheets': renderSignOffSheets,
  'disbursement-summary': renderDisbursementSummary,
};
const units: Record<DocumentKind, string> = { letters: '封', 'sign-off-sheets': '人', 'disbursement-summary': '人' };

export function unprintableMessage(chars: readonly UnprintableChar[]): string {
  const list = chars
    .slice(0, 5)
    .map((c) => `“${c.char}”（${c.codePoint}，如“${c.samples[0] ?? ''}”）`)
    .join('、');
  return `有 ${chars.length} 个字没有任何字体能够打印：${list}${chars.length > 5 ? ' 等' : ''}。请在优抚对象名册中核对姓名用字后重新生成；确需先打印的，可选择“缺字以〓标出”后重新生成，再手工补写。`;
}

/** Checks access now (an outsider gets 404 at once), then starts the job; answers its id. */
export async function startDocumentJob(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: DocumentJobRequest | Request,
): Promise<{ jobId: number }> {
  const request = documentJobRequest.parse(input);
  const { regions } = await loadCampaign(ctx.db, actor, campaignId);
  checkPlace(actor, regions, request);
  await purgeExpiredFiles(ctx.db, nowIso());
  const { kind, allowUnprintable, ...query } = request;
  const label = documentKindLabels[kind];
  const jobId = await startJob(
    ctx.db,
    actor,
    { kind: `campaign-document:${kind}`, params: { campaignId, ...request }, message: `正在准备${label}` },
    async (reporter): Promise<DocumentJobResult> => {
      const doc: RenderedDocument = await renderers[kind](ctx, actor, campaignId, query, (done, total) =>
        reporter.progress(done, total, `正在生成${label}：${done} / ${total} ${units[kind]}`),
      );
      if (doc.unprintable.length > 0 && !allowUnprintable) {
        throw new AppError('VALIDATION_FAILED', unprintableMessage(doc.unprintable));
      }
      reporter.message('正在保存文件');
      const expiresAt = new Date(Date.parse(nowIso()) + documentTtlHours * 3600_000).toISOString();
      const { sha256 } = await storeFile(ctx, doc.bytes, {
        allowed: ['application/pdf'],
        maxBytes: Number.POSITIVE_INFINITY,
        expiresAt,
      });
      reporter.message(`${label}已生成（${doc.count} ${units[kind]}，${doc.pages} 页）`);
      return {
        jobId: reporter.jobId,
        kind,
        filename: doc.filename,
        pages: doc.pages,
        count: doc.count,
        sizeBytes: doc.bytes.length,
        unprintable: doc.unprintable,
        expiresAt,
        downloadUrl: `/api/campaign-documents/${campaignId}/files/${reporter.jobId}`,
        sha256,
      };
    },
  );
  return { jobId };
}

/** The stored PDF of a finished job, for the user who made it; audited as a download. */
export async function downloadDocument(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  jobId: number,
): Promise<RenderedDocument> {
  return ctx.db.transaction().execute(async (trx) => {
    await loadCampaign(trx, actor, campaignId);
    const job = await repo.findDocumentJob(trx, campaignId, jobId);
    const result = job?.result;
    if (!job || !result?.sha256 || job.createdBy === null || job.createdBy !== actor.userId) throw notFound();
    const expired = () =>
      new AppError('NOT_FOUND', `该文件已过期（生成后保留 ${documentTtlHours} 小时），请重新生成。`);
    if (!result.expiresAt || result.expiresAt < nowIso()) throw expired();
    // purged with its expiry (the clocks of two nodes may differ by a moment)
    const bytes = await readStoredFile({ db: trx, config: ctx.config }, result.sha256).catch(() => {
      throw expired();
    });
    const kind = result.kind as DocumentKind;
    const pages = result.pages ?? 0;
    await appendAudit(trx, actor, {
      action: 'export',
      entityType: 'campaign',
      entityId: campaignId,
      summary: `下载${documentKindLabels[kind] ?? result.kind} PDF（${pages} 页，后台任务 ${jobId}）`,
      after: { kind, jobId },
    });
    return {
      bytes,
      filename: result.filename ?? `${jobId}.pdf`,
      pages,
      count: 0,
      unprintable: (result.unprintable ?? []) as UnprintableChar[],
    };
  });
}
