/** The filter every activity read shares, and an activity row as lists, details and exports show it. */
import type { z } from 'zod';
import type { ActivityListItem, activityExportQuery } from '../../../shared/api/army-people.api.ts';
import type { AppContext } from '../../context.ts';
import * as attachmentsRepo from '../troops/attachments.repo.ts';
import * as programmesRepo from '../troops/programmes.repo.ts';
import { lookupNames } from '../troops/programmes.service.ts';
import type { UnitViews } from '../troops/troops.confidential.ts';
import * as repo from './activities.repo.ts';

export type ActivityQuery = z.infer<typeof activityExportQuery>;
type Row = repo.ActivityRow;

/** The most rows one export, calendar or summary reads. */
export const maxRows = 20_000;

export const filterOf = (q: ActivityQuery): repo.ActivityFilter => ({
  from: q.from,
  to: q.to,
  type: q.type,
  organiserId: q.organiserId,
  programmeId: q.programmeId,
  regionId: q.regionId,
  q: q.q,
});

function toListItem(
  row: Row,
  views: UnitViews,
  types: Map<string, string>,
  organiserIds: number[],
  programmeIds: number[],
  photoCount: number,
): ActivityListItem {
  return {
    id: row.id,
    typeCode: row.type_code,
    typeName: types.get(row.type_code) ?? row.type_code,
    title: views.redact(row.title),
    heldOn: row.held_on,
    endOn: row.end_on,
    place: views.redact(row.place),
    regionId: row.region_id,
    regionName: row.region_name,
    organisers: organiserIds.flatMap((id) => {
      const u = views.unit(id);
      return u ? [u] : [];
    }),
    participantCount: row.participant_count,
    participants: views.redact(row.participants),
    spendCents: row.spend_cents,
    summary: views.redact(row.summary),
    programmeIds,
    photoCount,
    createdAt: row.created_at,
  };
}

/** Rows as list items: type names, organisers (redacted for the viewer), programmes and photo counts. */
export async function decorate(ctx: AppContext, rows: Row[], views: UnitViews) {
  const ids = rows.map((r) => r.id);
  const [types, organisers, programmes, photos] = await Promise.all([
    lookupNames(ctx, 'activity_type'),
    repo.organisersFor(ctx.db, ids),
    programmesRepo.programmeIdsFor(ctx.db, 'activity', ids),
    attachmentsRepo.countAttachments(ctx.db, 'activity', ids),
  ]);
  return {
    types,
    organisers,
    programmes,
    items: rows.map((r) =>
      toListItem(r, views, types, organisers.get(r.id) ?? [], programmes.get(r.id) ?? [], photos.get(r.id) ?? 0),
    ),
  };
}
