import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail, RequestStats } from '../../../shared/api/troops.api.ts';
import { addDays, localDateOf } from '../../../shared/domain/troops/local-date.ts';
import {
  aliases,
  buildWorld,
  clearInboxes,
  designations,
  inbox,
  pdfBytes,
  pngBytes,
  type UserKey,
  uploadAs,
  type World,
} from './troops.fixture.ts';
import { flagOverdueRequests } from './troops.service.ts';

let w: World;
const today = () => localDateOf(new Date().toISOString());

beforeAll(async () => {
  w = await buildWorld();
});
afterAll(async () => {
  await w.close();
});

const client = (key: UserKey) => w.users[key].client;
type Step = { id: number; status: string; request: RequestDetail | null };
type ErrorBody = { error: { code: string; message: string } };

async function raise(key: UserKey = 'troop', title = '营区门口道路破损', extra: Record<string, unknown> = {}) {
  const res = await client(key).post<RequestDetail>('/api/troops/requests', {
    kindCode: 'camp_environment',
    title,
    content: '营区东门外道路坑洼，雨天积水，影响车辆出入和官兵训练。',
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function assign(
  id: number,
  departmentId: number,
  dueDate = addDays(today(), 10),
  comment: string | null = '请尽快办理',
) {
  return client('office').post<Step>(`/api/troops/requests/${id}/assign`, { departmentId, dueDate, comment });
}

describe('the request flow 待受理 → 办理中 → 已办结 → 已评价', () => {
  it('runs from a liaison to a rating, with comments at every step and the right people told', async () => {
    await clearInboxes(w);
    const created = await raise();
    expect(created.status).toBe('pending');
    expect(created.source).toBe('liaison');
    expect(created.militaryUnit).toEqual({ id: w.units.m1, name: aliases.m1, designation: designations.m1 });
    expect(created.allowedActions).toEqual(['edit', 'comment', 'attach']);
    // The office of the district hears about it; the office of another district does not.
    expect((await inbox(w, 'office')).map((n) => n.title)).toEqual([`新的部队诉求待交办：营区门口道路破损`]);
    expect(await inbox(w, 'officeOut')).toEqual([]);
    expect(await inbox(w, 'admin')).toEqual([]);

    const assigned = await assign(created.id, w.units.deptA);
    expect(assigned.status).toBe(200);
    expect(assigned.body.status).toBe('in_progress');
    expect((await inbox(w, 'department')).map((n) => n.kind)).toEqual(['assignment']);
    expect(await inbox(w, 'department2')).toEqual([]);

    const seen = await client('department').get<RequestDetail>(`/api/troops/requests/${created.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.allowedActions).toEqual(['return', 'resolve', 'comment', 'attach']);
    // The department is not cleared for the unit: it reads the alias only.
    expect(seen.body.militaryUnit).toEqual({ id: w.units.m1, name: aliases.m1, designation: null });

    const resolved = await client('department').post<Step>(`/api/troops/requests/${created.id}/resolve`, {
      comment: '已协调区建管委修复路面，并增设排水沟。',
    });
    expect(resolved.body.status).toBe('resolved');
    expect((await inbox(w, 'troop')).map((n) => n.title)).toEqual(['诉求已办结，请评价：营区门口道路破损']);
    expect(await inbox(w, 'troop2')).toEqual([]);

    const rated = await client('troop').post<Step>(`/api/troops/requests/${created.id}/rate`, {
      rating: 5,
      comment: '办理及时，非常满意',
    });
    expect(rated.status).toBe(200);
    expect(rated.body.status).toBe('rated');
    const detail = rated.body.request!;
    expect(detail.rating).toBe(5);
    expect(detail.ratingComment).toBe('办理及时，非常满意');
    expect(detail.events.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['create', null, 'pending'],
      ['assign', 'pending', 'in_progress'],
      ['resolve', 'in_progress', 'resolved'],
      ['rate', 'resolved', 'rated'],
    ]);
    expect(detail.events.map((e) => e.comment)).toEqual([
      null,
      '请尽快办理',
      '已协调区建管委修复路面，并增设排水沟。',
      '评分 5 分：办理及时，非常满意',
    ]);
    expect(detail.allowedActions).toEqual(['comment', 'attach']);
  });

  it('refuses steps that the status does not allow with 409 INVALID_STATE', async () => {
    const r = await raise('troop', '训练场供电不稳');
    const refuse = async (key: UserKey, action: string, body: unknown) => {
      const res = await client(key).post<ErrorBody>(`/api/troops/requests/${r.id}/${action}`, body);
      return [res.status, res.body.error?.code];
    };
    // 待受理: only assignment.
    expect(await refuse('office', 'resolve', { comment: '已办' })).toEqual([409, 'INVALID_STATE']);
    expect(await refuse('office', 'rate', { rating: 3 })).toEqual([409, 'INVALID_STATE']);
    expect(await refuse('office', 'reopen', { comment: '再办' })).toEqual([409, 'INVALID_STATE']);
    await assign(r.id, w.units.deptA);
    // 办理中: not rated nor reopened yet.
    expect(await refuse('troop', 'rate', { rating: 3 })).toEqual([409, 'INVALID_STATE']);
    expect(await refuse('troop', 'reopen', { comment: '未解决' })).toEqual([409, 'INVALID_STATE']);
    await client('department').post(`/api/troops/requests/${r.id}/resolve`, { comment: '已协调供电公司检修线路' });
    // 已办结: no second resolution, no reassignment.
    expect(await refuse('office', 'resolve', { comment: '再次办结' })).toEqual([409, 'INVALID_STATE']);
    expect(await refuse('office', 'assign', { departmentId: w.units.deptB, dueDate: addDays(today(), 3) })).toEqual([
      409,
      'INVALID_STATE',
    ]);
    // The unit finds it unsolved: back to 办理中, then solved and rated; after that, nothing moves.
    const reopened = await client('troop').post<Step>(`/api/troops/requests/${r.id}/reopen`, {
      comment: '夜间仍有跳闸，问题未解决',
    });
    expect(reopened.body.status).toBe('in_progress');
    await client('department').post(`/api/troops/requests/${r.id}/resolve`, { comment: '更换了变压器' });
    await client('troop').post(`/api/troops/requests/${r.id}/rate`, { rating: 4 });
    for (const [action, body] of [
      ['assign', { departmentId: w.units.deptA, dueDate: addDays(today(), 3) }],
      ['return', { comment: 'x' }],
      ['resolve', { comment: 'x' }],
      ['reopen', { comment: 'x' }],
      ['rate', { rating: 1 }],
    ] as const) {
      const key: UserKey = action === 'return' ? 'department' : 'office';
      expect(await refuse(key, action, body)).toEqual([409, 'INVALID_STATE']);
    }
    // Editing is for 待受理 only.
    const edit = await client('troop').put<ErrorBody>(`/api/troops/requests/${r.id}`, {
      kindCode: 'utilities',
      title: '改标题',
      content: '改内容',
    });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('checks who may take a step before the status, and answers out-of-scope requests like missing ones', async () => {
    const r = await raise('troop', '官兵就医挂号难', { kindCode: 'medical' });
    expect(
      (
        await client('troop').post(`/api/troops/requests/${r.id}/assign`, {
          departmentId: w.units.deptA,
          dueDate: today(),
        })
      ).status,
    ).toBe(403);
    expect((await client('leader').post(`/api/troops/requests/${r.id}/comments`, { comment: '关注' })).status).toBe(
      403,
    );
    // Not yet assigned to the department: it does not exist for it.
    expect((await client('department').post(`/api/troops/requests/${r.id}/resolve`, { comment: 'x' })).status).toBe(
      404,
    );
    expect((await client('troop2').post(`/api/troops/requests/${r.id}/comments`, { comment: 'x' })).status).toBe(404);
    expect((await client('officeOut').get(`/api/troops/requests/${r.id}`)).status).toBe(404);
    // The department may hand back, not reassign; the liaison rates, the department does not.
    await assign(r.id, w.units.deptB);
    expect(
      (
        await client('department2').post(`/api/troops/requests/${r.id}/assign`, {
          departmentId: w.units.deptA,
          dueDate: today(),
        })
      ).status,
    ).toBe(403);
    await client('department2').post(`/api/troops/requests/${r.id}/resolve`, { comment: '已开通绿色通道' });
    expect((await client('department2').post(`/api/troops/requests/${r.id}/rate`, { rating: 5 })).status).toBe(403);
    // Validation: a due date in the past, a unit that is not a department.
    const r2 = await raise('troop', '子女入托');
    const past = await assign(r2.id, w.units.deptA, addDays(today(), -1));
    expect(past.status).toBe(400);
    const notDept = await assign(r2.id, w.units.m2);
    expect(notDept.status).toBe(400);
    expect((await client('troop').get<RequestDetail>(`/api/troops/requests/${r2.id}`)).body.status).toBe('pending');
  });

  it('logs reassignment and returns, moving the request between departments', async () => {
    await clearInboxes(w);
    const r = await raise('troop', '营区周边交通信号灯缺失', { kindCode: 'transport' });
    await assign(r.id, w.units.deptA);
    const moved = await assign(r.id, w.units.deptB, addDays(today(), 20), '属交通管理职责，改派');
    expect(moved.body.status).toBe('in_progress');
    expect((await client('department').get(`/api/troops/requests/${r.id}`)).status).toBe(404);
    expect((await client('department2').get(`/api/troops/requests/${r.id}`)).status).toBe(200);
    expect((await inbox(w, 'department')).map((n) => n.title)).toEqual([
      '诉求已改派其他部门：营区周边交通信号灯缺失',
      '部队诉求交办：营区周边交通信号灯缺失',
    ]);

    const returned = await client('department2').post<Step>(`/api/troops/requests/${r.id}/return`, {
      comment: '信号灯由公安交警部门负责，请改派',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'pending', request: null });
    expect((await client('department2').get(`/api/troops/requests/${r.id}`)).status).toBe(404);
    expect((await inbox(w, 'office')).map((n) => n.title)).toContain(
      '部门退回诉求，请重新交办：营区周边交通信号灯缺失',
    );

    const detail = (await client('office').get<RequestDetail>(`/api/troops/requests/${r.id}`)).body;
    expect(detail.department).toBeNull();
    expect(detail.events.map((e) => [e.action, e.department?.id ?? null, e.comment])).toEqual([
      ['create', null, null],
      ['assign', w.units.deptA, '请尽快办理'],
      ['reassign', w.units.deptB, '属交通管理职责，改派'],
      ['return', w.units.deptB, '信号灯由公安交警部门负责，请改派'],
    ]);
  });

  it('takes comments from both sides and tells the other side', async () => {
    await clearInboxes(w);
    const r = await raise('troop', '随军家属就业岗位', { kindCode: 'family_employment' });
    await assign(r.id, w.units.deptA);
    await clearInboxes(w);
    const c1 = await client('department').post<RequestDetail>(`/api/troops/requests/${r.id}/comments`, {
      comment: '请提供家属学历和求职意向',
    });
    expect(c1.status).toBe(200);
    expect((await inbox(w, 'troop')).length).toBe(1);
    expect(await inbox(w, 'department')).toEqual([]);
    await client('troop').post(`/api/troops/requests/${r.id}/comments`, { comment: '已通过邮件提供' });
    expect((await inbox(w, 'department')).length).toBe(1);
    const events = (await client('office').get<RequestDetail>(`/api/troops/requests/${r.id}`)).body.events;
    expect(events.filter((e) => e.action === 'comment').map((e) => e.comment)).toEqual([
      '请提供家属学历和求职意向',
      '已通过邮件提供',
    ]);
  });
});

describe('overdue alerts', () => {
  it('reach exactly the office of the region and the assigned department, once per due date', async () => {
    const r = await raise('troop', '营区供水管道老化', { kindCode: 'utilities' });
    const due = addDays(today(), 1);
    await assign(r.id, w.units.deptA, due);
    await clearInboxes(w);

    // On the due date itself (Beijing time) nothing is overdue yet.
    const onDueDay = await flagOverdueRequests(w.ctx, `${due}T15:59:00Z`);
    expect(onDueDay.flagged).toBe(0);

    const later = `${addDays(due, 3)}T02:00:00Z`; // 10:00 in Beijing, three days after the due date
    const result = await flagOverdueRequests(w.ctx, later);
    expect(result.flagged).toBeGreaterThanOrEqual(1);
    const told = {} as Record<UserKey, string[]>;
    for (const key of Object.keys(w.users) as UserKey[]) {
      if (key === 'auditor') continue;
      told[key] = (await inbox(w, key)).filter((n) => n.link === `/troops/requests/${r.id}`).map((n) => n.kind);
    }
    expect(told).toEqual({
      admin: [],
      office: ['overdue'],
      officeOut: [],
      street: [],
      street2: [],
      community: [],
      department: ['overdue'],
      department2: [],
      troop: [],
      troop2: [],
      leader: [],
    });
    const message = (await inbox(w, 'department')).find((n) => n.link === `/troops/requests/${r.id}`)!;
    expect(message.body).toContain('3 天');
    // The department is not cleared: the message names the unit by its alias.
    expect(message.body).toContain(aliases.m1);
    expect(message.body).not.toContain('91001');

    // Once per due date: a second sweep (another node, or later) sends nothing for it.
    await clearInboxes(w);
    await flagOverdueRequests(w.ctx, later);
    expect((await inbox(w, 'office')).filter((n) => n.link === `/troops/requests/${r.id}`)).toEqual([]);

    const listed = await client('department').get<{ items: { id: number; overdue: boolean }[] }>(
      '/api/troops/requests?overdue=false',
    );
    expect(listed.body.items.find((i) => i.id === r.id)?.overdue).toBe(false); // not overdue at the real "now"

    const detail = (await client('office').get<RequestDetail>(`/api/troops/requests/${r.id}`)).body;
    expect(detail.events.at(-1)).toMatchObject({
      action: 'overdue',
      comment: '已超过办理期限 3 天，已提醒双拥办和责任部门。',
    });

    // A new due date brings a new alert when it, too, passes.
    const due2 = addDays(today(), 5);
    await assign(r.id, w.units.deptA, due2, '延期办理');
    await clearInboxes(w);
    await flagOverdueRequests(w.ctx, later); // before the new due date: nothing
    expect(await inbox(w, 'department')).toEqual([]);
    await flagOverdueRequests(w.ctx, `${addDays(due2, 1)}T02:00:00Z`);
    expect((await inbox(w, 'department')).filter((n) => n.link === `/troops/requests/${r.id}`)).toHaveLength(1);
    expect((await inbox(w, 'office')).filter((n) => n.link === `/troops/requests/${r.id}`)).toHaveLength(1);
  });

  it('lets the office check now, limited to its own scope', async () => {
    expect((await client('department').post('/api/troops/requests/check-overdue')).status).toBe(403);
    expect((await client('troop').post('/api/troops/requests/check-overdue')).status).toBe(403);
    const res = await client('office').post<{ flagged: number; notified: number }>(
      '/api/troops/requests/check-overdue',
    );
    expect(res.status).toBe(200);
    expect(res.body.flagged).toBe(0);
  });
});

describe('turnaround per department', () => {
  it('matches figures computed independently from the stored requests', async () => {
    // Three resolved (two for A, one for B) and one open for B; the stored times are set to known values.
    const ids: number[] = [];
    for (const [dept, title] of [
      [w.units.deptA, '甲'],
      [w.units.deptA, '乙'],
      [w.units.deptB, '丙'],
      [w.units.deptB, '丁'],
    ] as const) {
      const r = await raise('troop2', `时效测试${title}`, { kindCode: 'training_support' });
      await client('office').post(`/api/troops/requests/${r.id}/assign`, {
        departmentId: dept,
        dueDate: addDays(today(), 2),
      });
      ids.push(r.id);
    }
    for (const id of ids.slice(0, 3)) {
      const key: UserKey = id === ids[2] ? 'department2' : 'department';
      await client(key).post(`/api/troops/requests/${id}/resolve`, { comment: '已办结' });
    }
    await client('troop2').post(`/api/troops/requests/${ids[0]}/rate`, { rating: 4 });
    await client('troop2').post(`/api/troops/requests/${ids[1]}/rate`, { rating: 2 });
    const times: [string, string | null, string][] = [
      ['2026-03-01T00:00:00.000Z', '2026-03-03T12:00:00.000Z', '2026-03-05'],
      ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', '2026-03-05'], // late
      ['2026-03-01T08:00:00.000Z', '2026-03-01T20:00:00.000Z', '2026-03-02'],
      ['2026-03-01T00:00:00.000Z', null, addDays(today(), 2)],
    ];
    for (const [i, [assignedAt, resolvedAt, dueDate]] of times.entries()) {
      await w.ctx.db
        .updateTable('troop_requests')
        .set({ assigned_at: assignedAt, resolved_at: resolvedAt, due_date: dueDate })
        .where('id', '=', ids[i]!)
        .execute();
    }

    // Independently: every request in the office's scope with a department, straight from the table.
    const rows = await w.ctx.db
      .selectFrom('troop_requests')
      .select(['department_id', 'status', 'assigned_at', 'resolved_at', 'due_date', 'rating'])
      .where('department_id', 'is not', null)
      .execute();
    const expected = new Map<
      number,
      { assigned: number; resolved: number; days: number[]; onTime: number; ratings: number[] }
    >();
    for (const r of rows) {
      const e = expected.get(r.department_id!) ?? { assigned: 0, resolved: 0, days: [], onTime: 0, ratings: [] };
      e.assigned++;
      if (r.resolved_at && (r.status === 'resolved' || r.status === 'rated')) {
        e.resolved++;
        e.days.push((new Date(r.resolved_at).getTime() - new Date(r.assigned_at!).getTime()) / 86_400_000);
        // Beijing calendar day of the resolution against the due date.
        const local = new Date(new Date(r.resolved_at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
        if (!r.due_date || local <= r.due_date) e.onTime++;
      }
      if (r.rating !== null) e.ratings.push(r.rating);
      expected.set(r.department_id!, e);
    }

    const stats = (await client('office').get<RequestStats>('/api/troops/requests/stats')).body;
    expect(stats.departments.map((d) => d.department.id).sort()).toEqual([...expected.keys()].sort());
    for (const d of stats.departments) {
      const e = expected.get(d.department.id)!;
      expect(d.assigned).toBe(e.assigned);
      expect(d.resolved).toBe(e.resolved);
      expect(d.onTime).toBe(e.onTime);
      const mean = e.days.length ? e.days.reduce((a, b) => a + b, 0) / e.days.length : null;
      if (mean === null) expect(d.averageDays).toBeNull();
      else expect(Math.abs(d.averageDays! - mean)).toBeLessThanOrEqual(0.05);
      const rating = e.ratings.length ? e.ratings.reduce((a, b) => a + b, 0) / e.ratings.length : null;
      if (rating === null) expect(d.averageRating).toBeNull();
      else expect(d.averageRating).toBeCloseTo(rating, 2);
    }

    // A department sees only its own line; the unit's liaison sees figures of its own requests.
    const own = (await client('department2').get<RequestStats>('/api/troops/requests/stats')).body;
    expect(own.departments.map((d) => d.department.id)).toEqual([w.units.deptB]);
    expect((await client('street').get('/api/troops/requests/stats')).status).toBe(403);
  });
});

describe('meetings and requests, linked both ways', () => {
  it('records a meeting, the requests it produced, and shows the link from both sides', async () => {
    const meeting = await client('office').post<{ id: number; attendees: unknown[] }>('/api/troops/meetings', {
      kind: 'joint',
      title: '2026年第一季度双拥联席会议',
      heldOn: today(),
      place: '区政府第三会议室',
      minutes: `${designations.m1}反映营区周边停车难问题，区交通委表示研究解决。`,
      decisions: ['由区交通委牵头，一个月内拿出营区周边停车方案'],
      attendees: [
        { unitId: w.units.m1, name: '张参谋', title: '联络员' },
        { unitId: w.units.deptA, name: '李科长', title: '科长' },
        { unitId: null, name: '王主任', title: '区双拥办主任' },
      ],
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(200);
    const meetingId = meeting.body.id;

    const produced = await client('office').post<RequestDetail>('/api/troops/requests', {
      militaryUnitId: w.units.m1,
      meetingId,
      kindCode: 'transport',
      title: '营区周边停车难',
      content: '会上提出：营区周边缺少停车位，家属探亲车辆无处停放。',
    });
    expect(produced.status).toBe(200);
    expect(produced.body.source).toBe('meeting');
    expect(produced.body.meetings).toEqual([
      { id: meetingId, kind: 'joint', title: '2026年第一季度双拥联席会议', heldOn: today(), relation: 'produced' },
    ]);

    const earlier = await raise('troop', '营区围墙外垃圾堆放');
    const linked = await client('office').post<{ requests: { id: number; relation: string }[] }>(
      `/api/troops/meetings/${meetingId}/requests`,
      { requestId: earlier.id, relation: 'discussed' },
    );
    expect(linked.status).toBe(200);
    expect(linked.body.requests.map((r) => [r.id, r.relation])).toEqual([
      [produced.body.id, 'produced'],
      [earlier.id, 'discussed'],
    ]);
    const fromRequest = (await client('troop').get<RequestDetail>(`/api/troops/requests/${earlier.id}`)).body;
    expect(fromRequest.meetings.map((m) => [m.id, m.relation])).toEqual([[meetingId, 'discussed']]);
    expect(fromRequest.events.at(-1)?.action).toBe('meeting');

    // The attending unit's liaison sees the meeting with the 番号; the department sees it with the alias.
    const forTroop = await client('troop').get<{
      minutes: string;
      attendees: { unit: { designation: string | null } | null }[];
    }>(`/api/troops/meetings/${meetingId}`);
    expect(forTroop.status).toBe(200);
    expect(forTroop.body.minutes).toContain(designations.m1);
    const forDept = await client('department').get<{ minutes: string; requests: { id: number }[] }>(
      `/api/troops/meetings/${meetingId}`,
    );
    expect(forDept.status).toBe(200);
    expect(forDept.body.minutes).toBe(`${aliases.m1}反映营区周边停车难问题，区交通委表示研究解决。`);
    expect(JSON.stringify(forDept.body)).not.toContain('91001');
    // …and only the linked requests assigned to it: none yet.
    expect(forDept.body.requests).toEqual([]);
    // A unit that did not attend: as if there were no such meeting.
    expect((await client('troop2').get(`/api/troops/meetings/${meetingId}`)).status).toBe(404);
    expect((await client('officeOut').get(`/api/troops/meetings/${meetingId}`)).status).toBe(404);
    // Only the office records meetings.
    expect(
      (await client('troop').put(`/api/troops/meetings/${meetingId}`, { kind: 'joint', title: 'x', heldOn: today() }))
        .status,
    ).toBe(403);

    const unlinked = await client('office').delete<{ requests: { id: number }[] }>(
      `/api/troops/meetings/${meetingId}/requests/${earlier.id}`,
    );
    expect(unlinked.body.requests.map((r) => r.id)).toEqual([produced.body.id]);
    expect((await client('troop').get<RequestDetail>(`/api/troops/requests/${earlier.id}`)).body.meetings).toEqual([]);
  });
});

describe('confidentiality and attachments', () => {
  it('shows the 番号 to cleared roles only, in titles, content and file names', async () => {
    const r = await raise('troop', `${designations.m1}营区门前路灯损坏`, {
      content: `${designations.m1}（即91001）营区门前路灯已损坏三处。`,
    });
    await assign(r.id, w.units.deptA);
    const asDept = (await client('department').get<RequestDetail>(`/api/troops/requests/${r.id}`)).body;
    expect(asDept.title).toBe(`${aliases.m1}营区门前路灯损坏`);
    expect(asDept.content).toBe(`${aliases.m1}（即${aliases.m1}）营区门前路灯已损坏三处。`);
    expect(JSON.stringify(asDept)).not.toContain('9100');
    const asOffice = (await client('office').get<RequestDetail>(`/api/troops/requests/${r.id}`)).body;
    expect(asOffice.title).toBe(`${designations.m1}营区门前路灯损坏`);
    const list = await client('department').get<{ items: { id: number; title: string }[] }>('/api/troops/requests');
    expect(JSON.stringify(list.body)).not.toContain('9100');

    const plain = await uploadAs(w, 'troop', `/api/troops/requests/${r.id}/attachments`, pdfBytes, {
      name: `${designations.m1}现场照片说明.pdf`,
    });
    expect(plain.status, JSON.stringify(plain.body)).toBe(200);
    const secret = await uploadAs(w, 'troop', `/api/troops/requests/${r.id}/attachments`, pngBytes, {
      name: '营区平面图.png',
      confidential: '1',
    });
    expect(secret.status).toBe(200);
    const plainId = plain.body.id!;
    const secretId = secret.body.id!;

    const deptView = (await client('department').get<RequestDetail>(`/api/troops/requests/${r.id}`)).body;
    expect(deptView.attachments.map((a) => a.name)).toEqual([`${aliases.m1}现场照片说明.pdf`]);
    const deptFile = await client('department').get(`/api/troops/requests/${r.id}/attachments/${plainId}`);
    expect(deptFile.status).toBe(200);
    expect(deptFile.headers['content-type']).toBe('application/pdf');
    expect(String(deptFile.headers['content-disposition'])).not.toContain(encodeURIComponent('91001'));
    expect((await client('department').get(`/api/troops/requests/${r.id}/attachments/${secretId}`)).status).toBe(404);

    const officeFile = await client('office').get(`/api/troops/requests/${r.id}/attachments/${secretId}`);
    expect(officeFile.status).toBe(200);
    expect(officeFile.raw.rawPayload.equals(pngBytes)).toBe(true);
    expect((await client('troop2').get(`/api/troops/requests/${r.id}/attachments/${plainId}`)).status).toBe(404);

    // What the bytes are decides, not the name: text is refused, and so is an oversized file.
    const text = await uploadAs(w, 'troop', `/api/troops/requests/${r.id}/attachments`, Buffer.from('hello'), {
      name: 'a.pdf',
    });
    expect([text.status, text.body.error?.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const big = Buffer.concat([pdfBytes, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await uploadAs(w, 'troop', `/api/troops/requests/${r.id}/attachments`, big, { name: 'big.pdf' });
    expect(tooBig.status).toBe(413);
    const json = await client('troop').post(`/api/troops/requests/${r.id}/attachments`, { x: 1 });
    expect(json.status).toBe(415);
  });

  it('keeps family requests without a unit, with the family phone masked for read-only roles', async () => {
    const res = await client('office').post<RequestDetail>('/api/troops/requests', {
      subject: 'family',
      kindCode: 'child_schooling',
      title: '军人子女转学',
      content: '现役军人子女随迁转学，需协调就近入学。',
      familyName: '赵某某',
      familyRelation: '配偶',
      familyPhone: '13800138000',
      regionId: w.r.streets[0],
      source: 'visit',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.militaryUnit).toBeNull();
    expect(res.body.familyPhone).toBe('13800138000');
    const leader = await client('leader').get<RequestDetail>(`/api/troops/requests/${res.body.id}`);
    expect(leader.body.familyPhone).toBe('138****8000');
    expect((await client('troop').get(`/api/troops/requests/${res.body.id}`)).status).toBe(404);
    const bad = await client('office').post<ErrorBody>('/api/troops/requests', {
      subject: 'family',
      kindCode: 'child_schooling',
      title: 't',
      content: 'c',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('家庭联系人');
  });
});
