import type { AttachmentItem } from '../../../shared/api/troops.api.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { readStoredFile, type StoredFileType, safeFileName, storeFile } from '../../platform/files.ts';
import * as attachmentsRepo from './attachments.repo.ts';
import type { UnitViews } from './troops.confidential.ts';
import type { TroopAttachmentOwner } from './troops.schema.ts';

/**
 * Files of requests, meetings and activities. Callers check first that the actor reaches the owner record;
 * these helpers then keep confidential files from viewers not cleared for the unit concerned and take every
 * 番号 the viewer may not read out of file names.
 */

/** Stores an upload (audited) and answers it as the uploader's own list shows it. */
export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  owner: TroopAttachmentOwner,
  ownerId: number,
  bytes: Buffer,
  options: { name?: string | undefined; confidential: boolean; allowed?: readonly StoredFileType[] },
  seen: { views: UnitViews; mayReadConfidential: boolean },
): Promise<AttachmentItem> {
  const stored = await storeFile(ctx, bytes, options.allowed ? { allowed: options.allowed } : {});
  const name = safeFileName(options.name, stored.mime);
  const fileId = await ctx.db.transaction().execute(async (trx) => {
    const id = await attachmentsRepo.insertAttachment(trx, {
      owner_type: owner,
      owner_id: ownerId,
      sha256: stored.sha256,
      mime: stored.mime,
      size: stored.size,
      name,
      confidential: options.confidential ? 1 : 0,
      uploaded_by: actor.userId,
      uploaded_by_name: actor.displayName,
      created_at: nowIso(),
    });
    await appendAudit(trx, actor, {
      action: 'create',
      entityType: `${owner}_attachment`,
      entityId: id,
      after: { owner, ownerId, mime: stored.mime, size: stored.size, confidential: options.confidential },
    });
    return id;
  });
  const items = await listAttachmentItems(ctx, owner, ownerId, seen.views, seen.mayReadConfidential);
  return items.find((i) => i.id === fileId)!;
}

export async function listAttachmentItems(
  ctx: AppContext,
  owner: TroopAttachmentOwner,
  ownerId: number,
  views: UnitViews,
  mayReadConfidential: boolean,
): Promise<AttachmentItem[]> {
  const rows = await attachmentsRepo.listAttachments(ctx.db, owner, ownerId);
  return rows
    .filter((r) => mayReadConfidential || r.confidential === 0)
    .map((r) => ({
      id: r.id,
      name: views.redact(r.name),
      mime: r.mime,
      size: r.size,
      confidential: r.confidential === 1,
      uploadedBy: r.uploaded_by_name,
      uploadedAt: r.created_at,
    }));
}

export interface AttachmentContent {
  name: string;
  mime: string;
  bytes: Buffer;
}

export async function readAttachment(
  ctx: AppContext,
  owner: TroopAttachmentOwner,
  ownerId: number,
  fileId: number,
  views: UnitViews,
  mayReadConfidential: boolean,
): Promise<AttachmentContent> {
  const row = await attachmentsRepo.findAttachment(ctx.db, owner, ownerId, fileId);
  if (!row || (row.confidential === 1 && !mayReadConfidential)) throw notFound();
  return { name: views.redact(row.name), mime: row.mime, bytes: await readStoredFile(ctx, row.sha256) };
}

export async function removeAttachment(
  ctx: AppContext,
  actor: Actor,
  owner: TroopAttachmentOwner,
  ownerId: number,
  fileId: number,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await attachmentsRepo.findAttachment(trx, owner, ownerId, fileId);
    if (!row) throw notFound();
    await attachmentsRepo.deleteAttachment(trx, fileId);
    await appendAudit(trx, actor, {
      action: 'delete',
      entityType: `${owner}_attachment`,
      entityId: fileId,
      before: { owner, ownerId, mime: row.mime, size: row.size },
    });
  });
}
