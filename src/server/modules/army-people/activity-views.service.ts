/** Reading activities: the list, one activity with its photos, and the month's calendar. */
import type { z } from 'zod';
import type { ActivityCalendar, ActivityDetail, activityListQuery } from '../../../shared/api/army-people.api.ts';
import { addDays } from '../../../shared/domain/troops/local-date.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { lookupNames } from '../troops/programmes.service.ts';
import { listAttachmentItems } from '../troops/troops.attachments.ts';
import { unitViews } from '../troops/troops.confidential.ts';
import * as repo from './activities.repo.ts';
import { mayEdit, mayReadConfidentialPhotos } from './activity-access.ts';
import { decorate, filterOf, maxRows } from './activity-items.ts';

export async function listActivities(ctx: AppContext, actor: Actor, query: z.infer<typeof activityListQuery>) {
  requireCapability(actor, 'activities.read');
  const views = await unitViews(ctx, actor);
  const { items, total } = await repo.listActivities(
    ctx.db,
    actor,
    filterOf(query),
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  return { items: (await decorate(ctx, items, views)).items, total, page: query.page, pageSize: query.pageSize };
}

export async function getActivity(ctx: AppContext, actor: Actor, id: number): Promise<ActivityDetail> {
  requireCapability(actor, 'activities.read');
  const views = await unitViews(ctx, actor);
  const row = await repo.findActivity(ctx.db, actor, id);
  if (!row) throw notFound();
  const { items, organisers } = await decorate(ctx, [row], views);
  const organiserIds = organisers.get(id) ?? [];
  return {
    ...items[0]!,
    photos: await listAttachmentItems(
      ctx,
      'activity',
      id,
      views,
      mayReadConfidentialPhotos(actor, views, organiserIds),
    ),
    createdBy: row.created_by_name,
    canEdit: mayEdit(actor, organiserIds),
  };
}

export async function activityCalendar(ctx: AppContext, actor: Actor, month: string): Promise<ActivityCalendar> {
  requireCapability(actor, 'activities.read');
  const views = await unitViews(ctx, actor);
  const from = `${month}-01`;
  const to = addDays(addDays(from, 32).slice(0, 8).concat('01'), -1);
  const rows = await repo.listAllActivities(ctx.db, actor, { from, to }, maxRows);
  const types = await lookupNames(ctx, 'activity_type');
  const days = new Map<string, ActivityCalendar['days'][number]['items']>();
  for (const r of rows) {
    const last = r.end_on && r.end_on > r.held_on ? r.end_on : r.held_on;
    for (let d = r.held_on < from ? from : r.held_on; d <= last && d <= to; d = addDays(d, 1)) {
      const list = days.get(d) ?? [];
      list.push({
        id: r.id,
        title: views.redact(r.title),
        typeName: types.get(r.type_code) ?? r.type_code,
        spendCents: r.spend_cents,
      });
      days.set(d, list);
    }
  }
  return {
    month,
    days: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, items]) => ({ date, items })),
  };
}
