/** A notice's tasks from assignment to report: publishing, who is told, acknowledging, reporting, editing. */
import { describe, expect, it } from 'vitest';
import type { AssignmentItem, NoticeDetail, NoticeFileItem } from '../../../shared/api/notices.api.ts';
import {
  assignedNotice,
  daysFromToday,
  editBody,
  myTasks,
  noticesWorld,
  publish,
  publishedNotice,
  unreadTitles,
  workedNotice,
} from './notices.fixture.ts';

const w = noticesWorld();

describe('assign, publish, acknowledge, report', () => {
  const future = daysFromToday(10);

  it('units see nothing before the notice is published', async () => {
    const notice = await assignedNotice(w);
    expect((await w.clients.department.get(`/api/notices/${notice.id}`)).status).toBe(404);
    expect(await myTasks(w.clients.department, notice.id)).toHaveLength(0);
  });

  it('publishing notifies each assigned unit’s people once, and nobody else', async () => {
    const notice = await assignedNotice(w);
    const published = await publish(w.clients.office, notice.id);
    expect(published.status).toBe('published');
    expect(await unreadTitles(w.clients.department)).toEqual([`【新任务】《${notice.title}》`]);
    expect(await unreadTitles(w.clients.troop)).toHaveLength(1);
    expect(await unreadTitles(w.clients.street)).toHaveLength(1); // street staff of 甲街道 act for its office
    expect(await unreadTitles(w.outsiders.department)).toHaveLength(1); // deptB has task 2
    expect(await unreadTitles(w.outsiders.street)).toHaveLength(1); // 乙街道 has task 3
    expect(await unreadTitles(w.outsiders.troop)).toHaveLength(1); // m2 has task 4
    expect(await unreadTitles(w.clients.community)).toHaveLength(0); // reads, does not act
    expect(await unreadTitles(w.clients.leader)).toHaveLength(0);
    expect(await unreadTitles(w.outsiders.office)).toHaveLength(0);
    const body = (await w.clients.department.get<{ items: { body: string }[] }>('/api/notifications?unreadOnly=true'))
      .body.items[0]!.body;
    expect(body).toContain('第1项「大力营造双拥浓厚氛围」');
    expect(body).toContain('第2项「主动帮助部队排忧解难」');
    expect((await w.clients.office.post(`/api/notices/${notice.id}/publish`)).status).toBe(409);
  });

  it('a department liaison sees its own tasks only, acknowledges and reports with an attachment', async () => {
    const notice = await publishedNotice(w);
    const detail = await w.clients.department.get<NoticeDetail>(`/api/notices/${notice.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.tasks.map((t) => t.no)).toEqual([1, 2]);
    expect(detail.body.tasks.flatMap((t) => t.assignments.map((a) => a.unitId))).toEqual([
      w.units.deptA,
      w.units.deptA,
    ]);
    expect(detail.body.body).toBeNull();
    expect(detail.body.source).toBeNull();
    expect(detail.body.canManage).toBe(false);

    const mine = await myTasks(w.clients.department, notice.id);
    expect(mine.map((i) => [i.taskNo, i.state])).toEqual([
      [2, 'overdue'],
      [1, 'pending'],
    ]);
    const a1 = mine.find((i) => i.taskNo === 1)!;
    expect(a1.canAct).toBe(true);
    const ack = await w.clients.department.post<AssignmentItem>(`/api/notices/assignments/${a1.id}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.body.state).toBe('acknowledged');
    expect(ack.body.acknowledgedByName).toMatch(/^测试department/);
    // acknowledging twice changes nothing
    const again = await w.clients.department.post<AssignmentItem>(`/api/notices/assignments/${a1.id}/acknowledge`);
    expect(again.body.acknowledgedAt).toBe(ack.body.acknowledgedAt);

    const file = await w.clients.department.upload<NoticeFileItem>(
      `/api/notices/assignments/${a1.id}/files?name=${encodeURIComponent('宣传活动照片.jpg')}`,
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
    );
    expect(file.status).toBe(200);
    expect(file.body).toMatchObject({ name: '宣传活动照片.jpg', size: 7, contentType: 'image/jpeg' });
    const rep = await w.clients.department.post<AssignmentItem>(`/api/notices/assignments/${a1.id}/reports`, {
      text: '已在全区中小学开展双拥宣传教育活动 12 场。',
      fileIds: [file.body.id],
    });
    expect(rep.status).toBe(200);
    expect(rep.body.state).toBe('reported');
    expect(rep.body.reports).toHaveLength(1);
    expect(rep.body.reports[0]!.files.map((f) => f.name)).toEqual(['宣传活动照片.jpg']);
    // the file cannot be reused for a second report
    const reuse = await w.clients.department.post(`/api/notices/assignments/${a1.id}/reports`, {
      text: '补充',
      fileIds: [file.body.id],
    });
    expect(reuse.status).toBe(400);
    // the office that sent it hears about the report
    expect(await unreadTitles(w.clients.office)).toEqual(['【落实情况】测试区教育局已上报']);
    // the file can be downloaded by the unit and by the office, not by another unit
    const dl = await w.clients.office.get(`/api/notices/files/${file.body.id}`);
    expect(dl.status).toBe(200);
    expect([...dl.raw.rawPayload]).toEqual([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    expect(String(dl.headers['content-disposition'])).toContain(encodeURIComponent('宣传活动照片.jpg'));
    // the bytes are kept once, in the one store of files
    const stored = await w.ctx.db
      .selectFrom('notice_files')
      .innerJoin('files', 'files.sha256', 'notice_files.sha256')
      .select(['files.size', 'files.expires_at'])
      .where('notice_files.id', '=', file.body.id)
      .execute();
    expect(stored).toEqual([{ size: 7, expires_at: null }]);
    expect((await w.outsiders.department.get(`/api/notices/files/${file.body.id}`)).status).toBe(404);
  });

  it('a late report is marked late; an empty report is refused', async () => {
    const notice = await publishedNotice(w);
    const mine = await myTasks(w.clients.department, notice.id);
    const a2 = mine.find((i) => i.taskNo === 2)!;
    const empty = await w.clients.department.post(`/api/notices/assignments/${a2.id}/reports`, { text: '  ' });
    expect(empty.status).toBe(400);
    const rep = await w.clients.department.post<AssignmentItem>(`/api/notices/assignments/${a2.id}/reports`, {
      text: '已走访驻区部队，了解子女入学需求 3 件，已协调解决 2 件。',
    });
    expect(rep.body.state).toBe('reportedLate');
    expect(rep.body.acknowledgedAt).not.toBeNull();
  });

  it('street staff act for their street office; community staff read it without acting', async () => {
    const notice = await publishedNotice(w);
    const street = await myTasks(w.clients.street, notice.id);
    expect(street.map((i) => [i.taskNo, i.unitId, i.canAct])).toEqual([[1, w.units.streetA, true]]);
    const community = await myTasks(w.clients.community, notice.id);
    expect(community.map((i) => [i.taskNo, i.canAct])).toEqual([[1, false]]);
    const id = street[0]!.id;
    const refused = await w.clients.community.post<{ error: { message: string } }>(
      `/api/notices/assignments/${id}/acknowledge`,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('街道工作人员');
    expect((await w.clients.street.post(`/api/notices/assignments/${id}/acknowledge`)).status).toBe(200);
  });

  it('editing keeps started tasks; assignments already acknowledged cannot be withdrawn', async () => {
    const notice = await workedNotice(w);
    const d = (await w.clients.office.get<NoticeDetail>(`/api/notices/${notice.id}`)).body;
    const t1 = d.tasks[0]!;
    const withdraw = await w.clients.office.put<{ error: { code: string } }>(
      `/api/notices/${notice.id}/tasks/${t1.id}/assignments`,
      { assignments: [{ unitId: w.units.m1, deadline: future }] },
    );
    expect(withdraw.status).toBe(409);
    const input = editBody(d);
    const dropStarted = await w.clients.office.put(`/api/notices/${notice.id}`, {
      ...input,
      tasks: d.tasks.slice(1).map((t) => ({ id: t.id, no: t.no, title: t.title, body: t.body })),
    });
    expect(dropStarted.status).toBe(409);
    const ok = await w.clients.office.put<NoticeDetail>(`/api/notices/${notice.id}`, {
      ...input,
      tasks: [
        ...d.tasks.map((t) => ({ id: t.id, no: t.no, title: t.title, body: t.body })),
        { no: 5, title: '做好节日期间安全保密工作', body: '' },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.tasks.map((t) => t.no)).toEqual([1, 2, 3, 4, 5]);
    const stale = await w.clients.office.put(`/api/notices/${notice.id}`, { ...input, tasks: [] });
    expect(stale.status).toBe(409);
    expect((await w.clients.office.delete(`/api/notices/${notice.id}`)).status).toBe(409);
  });
});
