/**
 * Attachments of notices and of reports: bytes in the one store (platform/files.ts), name and owner in
 * notice_files; downloads scope-checked as the notice or assignment they belong to.
 */
import type { NoticeFileItem } from '../../../shared/api/notices.api.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { readStoredFile, storeAnyFile } from '../../platform/files.ts';
import { actingAssignment, managedNotice, scopeFor, type Trx } from './notice-common.ts';
import * as repo from './notices.repo.ts';

function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  return clean === '' ? '附件' : clean.slice(0, 200);
}

/** Report and notice attachments: office documents, scans, photos (any type, as the routes' body limit). */
export const maxAttachmentBytes = 20 * 1024 * 1024;

async function storeAttachment(
  ctx: AppContext,
  db: Trx,
  actor: Actor,
  target: { noticeId: number; assignmentId: number | null },
  name: string,
  contentType: string,
  bytes: Buffer,
) {
  // in this transaction: an upload refused by scope leaves no bytes behind
  const { sha256, size } = await storeAnyFile({ db, config: ctx.config }, bytes, { maxBytes: maxAttachmentBytes });
  const now = nowIso();
  const fileName = cleanFileName(name);
  const id = await repo.insertFile(
    db,
    { ...target, name: fileName, contentType, size, sha256, uploadedBy: actor.userId },
    now,
  );
  await appendAudit(db, actor, {
    action: 'create',
    entityType: 'notice_file',
    entityId: id,
    summary: `上传附件「${fileName}」（${size} 字节）`,
    after: { noticeId: target.noticeId, assignmentId: target.assignmentId, sha256 },
  });
  return { id, name: fileName, contentType, size, uploadedAt: now };
}

/** A file for a coming report; it becomes part of the report that lists it. */
export async function uploadReportFile(
  ctx: AppContext,
  actor: Actor,
  assignmentId: number,
  file: { name: string; contentType: string; bytes: Buffer },
): Promise<NoticeFileItem> {
  requireCapability(actor, 'notices.report');
  return ctx.db.transaction().execute(async (trx) => {
    const { a } = await actingAssignment(trx, actor, assignmentId);
    return storeAttachment(
      ctx,
      trx,
      actor,
      { noticeId: a.notice_id, assignmentId },
      file.name,
      file.contentType,
      file.bytes,
    );
  });
}

export async function uploadNoticeFile(
  ctx: AppContext,
  actor: Actor,
  noticeId: number,
  file: { name: string; contentType: string; bytes: Buffer },
): Promise<NoticeFileItem> {
  requireCapability(actor, 'notices.manage');
  return ctx.db.transaction().execute(async (trx) => {
    await managedNotice(trx, actor, noticeId);
    return storeAttachment(ctx, trx, actor, { noticeId, assignmentId: null }, file.name, file.contentType, file.bytes);
  });
}

export async function getFile(ctx: AppContext, actor: Actor, id: number) {
  requireCapability(actor, 'notices.read');
  const scope = await scopeFor(ctx.db, actor);
  const f = await repo.findFile(ctx.db, scope, id);
  if (!f) throw notFound();
  return { name: f.name, contentType: f.content_type, content: await readStoredFile(ctx, f.sha256) };
}
