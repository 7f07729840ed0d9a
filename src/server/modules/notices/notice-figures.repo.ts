/** Figures of notice tasks per unit (on time, late, overdue, open) and the assignments behind each figure. */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type NoticeScope, wholeCondition } from './notice-scope.repo.ts';

export interface AssignmentPeriod {
  from: string;
  to: string;
  today: string;
  unitRegionIds?: readonly number[] | undefined;
}

/**
 * Assignments of published notices with a deadline in [from, to]: those the scope sees as a whole or assigned to
 * its own units, optionally only units placed in `unitRegionIds`.
 */
function assignmentsIn(db: Kysely<DB>, scope: NoticeScope, f: AssignmentPeriod) {
  let q = db
    .selectFrom('notice_assignments as a')
    .innerJoin('notices', 'notices.id', 'a.notice_id')
    .innerJoin('units', 'units.id', 'a.unit_id')
    .where('notices.status', '=', 'published')
    .where((eb) =>
      eb.or([
        wholeCondition(eb, scope),
        scope.units.length === 0 ? eb.lit(false) : eb('a.unit_id', 'in', scope.units as number[]),
      ]),
    )
    .where('a.deadline', '>=', f.from)
    .where('a.deadline', '<=', f.to);
  if (f.unitRegionIds) q = q.where('units.region_id', 'in', f.unitRegionIds.length ? [...f.unitRegionIds] : [-1]);
  return q;
}

export type DeadlineState = 'onTime' | 'late' | 'overdue' | 'open';

/**
 * The states as domain/notice/tracking.ts: a report is late when its Beijing date is after the deadline, i.e. at or
 * after 16:00 UTC of the deadline day; overdue = no report and the deadline has passed. One definition for the
 * figures and the lists behind them.
 */
function stateCondition(
  eb: ExpressionBuilder<DB & { a: DB['notice_assignments'] }, 'a'>,
  state: DeadlineState,
  today: string,
) {
  const late = sql<string>`a.deadline || 'T16:00:00.000Z'`;
  const reported = eb('a.reported_at', 'is not', null);
  switch (state) {
    case 'onTime':
      return eb.and([reported, eb('a.reported_at', '<', late)]);
    case 'late':
      return eb.and([reported, eb('a.reported_at', '>=', late)]);
    case 'overdue':
      return eb.and([eb('a.reported_at', 'is', null), eb('a.deadline', '<', today)]);
    case 'open':
      return eb.and([eb('a.reported_at', 'is', null), eb('a.deadline', '>=', today)]);
  }
}

/** Those assignments per unit, in one grouped query. */
export async function assignmentGroups(db: Kysely<DB>, scope: NoticeScope, f: AssignmentPeriod) {
  const rows = await assignmentsIn(db, scope, f)
    .select((eb) => {
      const count = (state: DeadlineState) =>
        eb.fn.sum<number>(
          eb
            .case()
            .when(stateCondition(eb, state, f.today))
            .then(1)
            .else(0)
            .end(),
        );
      return [
        'a.unit_id as unitId',
        'units.name as unitName',
        eb.fn.countAll<number>().as('assigned'),
        count('onTime').as('on_time'),
        count('late').as('late'),
        count('overdue').as('overdue'),
        count('open').as('open'),
      ];
    })
    .groupBy(['a.unit_id', 'units.name'])
    .orderBy('a.unit_id')
    .execute();
  return rows.map((r) => ({
    unitId: r.unitId,
    unitName: r.unitName,
    assigned: Number(r.assigned),
    onTime: Number(r.on_time ?? 0),
    late: Number(r.late ?? 0),
    overdue: Number(r.overdue ?? 0),
    open: Number(r.open ?? 0),
  }));
}

/** The assignments behind one figure: a unit's (or all units') in one state, a page at a time, by deadline. */
export async function assignmentList(
  db: Kysely<DB>,
  scope: NoticeScope,
  f: AssignmentPeriod & { unitId?: number | undefined; state?: DeadlineState | undefined },
  page: { offset: number; limit: number },
) {
  let q = assignmentsIn(db, scope, f).innerJoin('notice_tasks as t', 't.id', 'a.task_id');
  if (f.unitId !== undefined) q = q.where('a.unit_id', '=', f.unitId);
  if (f.state) {
    const state = f.state;
    q = q.where((eb) => stateCondition(eb, state, f.today));
  }
  const [rows, total] = await Promise.all([
    q
      .select([
        'a.id',
        'a.notice_id as noticeId',
        'notices.title as noticeTitle',
        'notices.doc_number as docNumber',
        't.no as taskNo',
        't.title as taskTitle',
        'a.unit_id as unitId',
        'units.name as unitName',
        'a.deadline',
        'a.reported_at as reportedAt',
        (eb) =>
          eb
            .case()
            .when(stateCondition(eb, 'onTime', f.today))
            .then('onTime')
            .when(stateCondition(eb, 'late', f.today))
            .then('late')
            .when(stateCondition(eb, 'overdue', f.today))
            .then('overdue')
            .else('open')
            .end()
            .$castTo<DeadlineState>()
            .as('state'),
      ])
      .orderBy('a.deadline')
      .orderBy('a.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
