/**
 * Meetings (联席会议、领导小组会议、军地座谈会、情况通报), their attendees and the requests they produced or discussed.
 * Every read applies the meeting scope.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import { requestScope } from './requests.repo.ts';

type Db = Kysely<DB>;

/**
 * Which meetings the actor reaches: admin all; office and leaders their region's subtree; a troop or
 * department liaison the meetings its unit attended; everyone else none.
 */
export function meetingScope(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'troop_meetings'>) => {
    switch (actor.role) {
      case 'admin':
        return eb.lit(true);
      case 'office':
      case 'leader':
        return inRegionScope(actor, ['troop_meetings.region_id'])(eb);
      case 'department':
      case 'troop': {
        const unitId = actor.unitId;
        if (unitId === null) return eb.lit(false);
        return eb.exists(
          eb
            .selectFrom('troop_meeting_attendees')
            .select('troop_meeting_attendees.id')
            .whereRef('troop_meeting_attendees.meeting_id', '=', 'troop_meetings.id')
            .where('troop_meeting_attendees.unit_id', '=', unitId),
        );
      }
      default:
        return eb.lit(false);
    }
  };
}

const meetingBase = (db: Db, actor: Actor) =>
  db
    .selectFrom('troop_meetings')
    .select([
      'troop_meetings.id',
      'troop_meetings.kind',
      'troop_meetings.title',
      'troop_meetings.held_on',
      'troop_meetings.place',
      'troop_meetings.region_id',
      'troop_meetings.minutes',
      'troop_meetings.decisions_json',
      'troop_meetings.created_at',
      'troop_meetings.updated_at',
      (eb) =>
        eb
          .selectFrom('troop_meeting_attendees')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('troop_meeting_attendees.meeting_id', '=', 'troop_meetings.id')
          .as('attendee_count'),
    ])
    .where(meetingScope(actor));

export type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingBase>['execute']>>[number];

export async function listMeetings(
  db: Db,
  actor: Actor,
  f: { kind?: string | undefined; from?: string | undefined; to?: string | undefined },
  offset: number,
  limit: number,
) {
  let q = meetingBase(db, actor);
  if (f.kind) q = q.where('troop_meetings.kind', '=', f.kind);
  if (f.from) q = q.where('troop_meetings.held_on', '>=', f.from);
  if (f.to) q = q.where('troop_meetings.held_on', '<=', f.to);
  const [items, total] = await Promise.all([
    q
      .orderBy('troop_meetings.held_on', 'desc')
      .orderBy('troop_meetings.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findMeeting(db: Db, actor: Actor, id: number) {
  return meetingBase(db, actor).where('troop_meetings.id', '=', id).executeTakeFirst();
}

export function listAttendees(db: Db, meetingId: number) {
  return db
    .selectFrom('troop_meeting_attendees')
    .select(['unit_id', 'name', 'title'])
    .where('meeting_id', '=', meetingId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export interface MeetingRecord {
  kind: string;
  title: string;
  held_on: string;
  place: string | null;
  region_id: number | null;
  minutes: string | null;
  decisions_json: string;
}

export async function insertMeeting(db: Db, row: MeetingRecord, createdBy: number | null, now: string) {
  const r = await db
    .insertInto('troop_meetings')
    .values({ ...row, created_by: createdBy, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateMeeting(db: Db, id: number, row: MeetingRecord, now: string): Promise<void> {
  await db
    .updateTable('troop_meetings')
    .set({ ...row, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function replaceAttendees(
  db: Db,
  meetingId: number,
  attendees: readonly { unit_id: number | null; name: string | null; title: string | null }[],
): Promise<void> {
  await db.deleteFrom('troop_meeting_attendees').where('meeting_id', '=', meetingId).execute();
  if (attendees.length) {
    await db
      .insertInto('troop_meeting_attendees')
      .values(attendees.map((a, sort) => ({ ...a, meeting_id: meetingId, sort })))
      .execute();
  }
}

/** The requests linked to a meeting, limited to those the actor may see. */
export function listMeetingRequests(db: Db, actor: Actor, meetingId: number) {
  return db
    .selectFrom('troop_meeting_requests')
    .innerJoin('troop_requests', 'troop_requests.id', 'troop_meeting_requests.request_id')
    .select([
      'troop_requests.id',
      'troop_requests.title',
      'troop_requests.status',
      'troop_requests.military_unit_id',
      'troop_requests.department_id',
      'troop_meeting_requests.relation',
    ])
    .where('troop_meeting_requests.meeting_id', '=', meetingId)
    .where(requestScope(actor))
    .orderBy('troop_requests.id')
    .execute();
}

/** Linked requests per meeting, counting only those the actor may see. */
export async function countMeetingRequests(
  db: Db,
  actor: Actor,
  meetingIds: readonly number[],
): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  if (meetingIds.length === 0) return map;
  const rows = await db
    .selectFrom('troop_meeting_requests')
    .innerJoin('troop_requests', 'troop_requests.id', 'troop_meeting_requests.request_id')
    .select(['troop_meeting_requests.meeting_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('troop_meeting_requests.meeting_id', 'in', [...meetingIds])
    .where(requestScope(actor))
    .groupBy('troop_meeting_requests.meeting_id')
    .execute();
  for (const r of rows) map.set(r.meeting_id, Number(r.n));
  return map;
}

/** The meetings a request is linked to, limited to those the actor may see. */
export function listMeetingsForRequest(db: Db, actor: Actor, requestId: number) {
  return db
    .selectFrom('troop_meeting_requests')
    .innerJoin('troop_meetings', 'troop_meetings.id', 'troop_meeting_requests.meeting_id')
    .select([
      'troop_meetings.id',
      'troop_meetings.kind',
      'troop_meetings.title',
      'troop_meetings.held_on',
      'troop_meeting_requests.relation',
    ])
    .where('troop_meeting_requests.request_id', '=', requestId)
    .where(meetingScope(actor))
    .orderBy('troop_meetings.held_on')
    .execute();
}

export async function linkRequest(db: Db, meetingId: number, requestId: number, relation: string, now: string) {
  const existing = await db
    .selectFrom('troop_meeting_requests')
    .select('relation')
    .where('meeting_id', '=', meetingId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('troop_meeting_requests')
      .set({ relation })
      .where('meeting_id', '=', meetingId)
      .where('request_id', '=', requestId)
      .execute();
    return;
  }
  await db
    .insertInto('troop_meeting_requests')
    .values({ meeting_id: meetingId, request_id: requestId, relation, created_at: now })
    .execute();
}

export async function unlinkRequest(db: Db, meetingId: number, requestId: number): Promise<boolean> {
  const r = await db
    .deleteFrom('troop_meeting_requests')
    .where('meeting_id', '=', meetingId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
