/** An activity's photos: upload (JPG/PNG), download and delete, confidential ones only for cleared viewers. */
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import {
  type AttachmentContent,
  addAttachment,
  readAttachment,
  removeAttachment,
} from '../troops/troops.attachments.ts';
import { unitViews } from '../troops/troops.confidential.ts';
import { activityInScope, editable, mayReadConfidentialPhotos } from './activity-access.ts';

/** The viewer's unit views and whether they may see the activity's confidential photos. */
async function photoViews(ctx: AppContext, actor: Actor, organiserIds: readonly number[]) {
  const views = await unitViews(ctx, actor);
  return { views, confidential: mayReadConfidentialPhotos(actor, views, organiserIds) };
}

export async function uploadActivityPhoto(
  ctx: AppContext,
  actor: Actor,
  id: number,
  bytes: Buffer,
  options: { name?: string | undefined; confidential: boolean },
) {
  const { organiserIds } = await editable(ctx, actor, id);
  const { views, confidential } = await photoViews(ctx, actor, organiserIds);
  return addAttachment(
    ctx,
    actor,
    'activity',
    id,
    bytes,
    { ...options, allowed: ['image/jpeg', 'image/png'] },
    { views, mayReadConfidential: confidential },
  );
}

export async function downloadActivityPhoto(
  ctx: AppContext,
  actor: Actor,
  id: number,
  fileId: number,
): Promise<AttachmentContent> {
  requireCapability(actor, 'activities.read');
  const { organiserIds } = await activityInScope(ctx, actor, id);
  const { views, confidential } = await photoViews(ctx, actor, organiserIds);
  return readAttachment(ctx, 'activity', id, fileId, views, confidential);
}

export async function deleteActivityPhoto(ctx: AppContext, actor: Actor, id: number, fileId: number) {
  await editable(ctx, actor, id);
  await removeAttachment(ctx, actor, 'activity', id, fileId);
}
