/** The request flow 待受理 → 办理中 → 已办结 → 已评价: steps, refusals, reassignment, returns and comments. */
import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../shared/api/troops.api.ts';
import { addDays } from '../../../shared/domain/troops/local-date.ts';
import {
  aliases,
  clearInboxes,
  designations,
  type ErrorBody,
  inbox,
  requestSteps,
  type Step,
  today,
  troopsWorld,
  type UserKey,
} from './troops.fixture.ts';

const w = troopsWorld();
const { client, raise, assign } = requestSteps(w);

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
