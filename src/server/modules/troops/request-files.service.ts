/** A request's attachments: upload, download and delete, confidential ones only for cleared roles. */
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import type { StoredFileType } from '../../platform/files.ts';
import * as attachmentsRepo from './attachments.repo.ts';
import { mayReadConfidentialOf, requestInScope } from './request-access.ts';
import { isOffice } from './troops.access.ts';
import { type AttachmentContent, addAttachment, readAttachment, removeAttachment } from './troops.attachments.ts';
import { unitViews } from './troops.confidential.ts';

export async function uploadRequestAttachment(
  ctx: AppContext,
  actor: Actor,
  id: number,
  bytes: Buffer,
  options: { name?: string | undefined; confidential: boolean },
) {
  requireCapability(actor, 'troops.write');
  const row = await requestInScope(ctx, actor, id);
  const views = await unitViews(ctx, actor);
  return addAttachment(ctx, actor, 'request', id, bytes, options, {
    views,
    mayReadConfidential: mayReadConfidentialOf(actor, views, row),
  });
}

export async function downloadRequestAttachment(
  ctx: AppContext,
  actor: Actor,
  id: number,
  fileId: number,
): Promise<AttachmentContent> {
  requireCapability(actor, 'troops.read');
  const row = await requestInScope(ctx, actor, id);
  const views = await unitViews(ctx, actor);
  return readAttachment(ctx, 'request', id, fileId, views, mayReadConfidentialOf(actor, views, row));
}

export async function deleteRequestAttachment(ctx: AppContext, actor: Actor, id: number, fileId: number) {
  requireCapability(actor, 'troops.write');
  const row = await requestInScope(ctx, actor, id);
  const views = await unitViews(ctx, actor);
  const file = (await attachmentsRepo.listAttachments(ctx.db, 'request', id)).find((f) => f.id === fileId);
  if (!file || (file.confidential === 1 && !mayReadConfidentialOf(actor, views, row))) throw notFound();
  if (file.uploaded_by !== actor.userId && !isOffice(actor)) {
    throw new AppError('FORBIDDEN', '只能删除自己上传的附件。');
  }
  await removeAttachment(ctx, actor, 'request', id, fileId);
}

export const requestFileTypes: readonly StoredFileType[] = ['image/jpeg', 'image/png', 'application/pdf'];
