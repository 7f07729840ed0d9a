/** Following a published notice up: the matrix of who has done what, reminders and the matrix export. */
import { describe, expect, it } from 'vitest';
import type { NoticeDetail, NoticeMatrix } from '../../../shared/api/notices.api.ts';
import { excelJs } from '../../platform/exceljs.ts';
import { markAllRead, myTasks, noticesWorld, publishedNotice, unreadTitles, workedNotice } from './notices.fixture.ts';

const w = noticesWorld();

describe('assign, publish, acknowledge, report', () => {
  it('the matrix counts who has done what', async () => {
    const notice = await workedNotice(w);
    const res = await w.clients.office.get<NoticeMatrix>(`/api/notices/${notice.id}/matrix`);
    expect(res.status).toBe(200);
    const m = res.body;
    expect(m.tasks.map((t) => t.no)).toEqual([1, 2, 3, 4]);
    const row = (unitId: number) => m.units.find((u) => u.unitId === unitId)!;
    expect(m.units.map((u) => u.unitId)).toEqual([
      w.units.deptA,
      w.units.deptB,
      w.units.streetA,
      w.units.streetB,
      w.units.m1,
      w.units.m2,
    ]);
    expect(row(w.units.deptA).cells.map((c) => c.state)).toEqual(['reported', 'reportedLate', null, null]);
    expect(row(w.units.deptB).cells.map((c) => c.state)).toEqual([null, 'overdue', null, null]);
    expect(row(w.units.streetA).cells.map((c) => c.state)).toEqual(['acknowledged', null, null, null]);
    expect(row(w.units.streetB).cells.map((c) => c.state)).toEqual([null, null, 'overdue', null]);
    expect(row(w.units.m1).cells.map((c) => c.state)).toEqual(['pending', null, null, null]);
    expect(row(w.units.deptA).counts).toEqual({ total: 2, acknowledged: 2, reported: 2, overdue: 0, reportedLate: 1 });
    expect(m.tasks.map((t) => [t.counts.total, t.counts.reported, t.counts.overdue])).toEqual([
      [3, 1, 0],
      [2, 1, 1],
      [1, 0, 1],
      [1, 0, 0],
    ]);
    expect(m.totals).toEqual({ total: 7, acknowledged: 3, reported: 2, overdue: 2, reportedLate: 1 });
    // military units appear as the viewer may see them: office is cleared, the department is not
    expect(row(w.units.m1).unitDesignation).toBe('91001部队');
    const list = await w.clients.office.get<{ items: { id: number; counts: { total: number; overdue: number } }[] }>(
      '/api/notices?status=published',
    );
    expect(list.body.items.find((i) => i.id === notice.id)?.counts).toMatchObject({ total: 7, overdue: 2 });
  });

  it('a liaison’s matrix has its own row only; alias, never the designation, for uncleared roles', async () => {
    const notice = await publishedNotice(w);
    const dept = await w.clients.department.get<NoticeMatrix>(`/api/notices/${notice.id}/matrix`);
    expect(dept.body.units.map((u) => u.unitId)).toEqual([w.units.deptA]);
    expect(dept.body.tasks.map((t) => t.no)).toEqual([1, 2]);
    const troop = await w.clients.troop.get<NoticeMatrix>(`/api/notices/${notice.id}/matrix`);
    expect(troop.body.units.map((u) => [u.unitName, u.unitDesignation])).toEqual([['驻区某部（一）', '91001部队']]);
    const street = await w.clients.street.get<NoticeDetail>(`/api/notices/${notice.id}`);
    expect(JSON.stringify(street.body)).not.toContain('9100');
  });

  it('reminders reach the people of the late units only, once per person', async () => {
    const notice = await workedNotice(w);
    for (const c of [w.clients.department, w.clients.street, w.clients.office, w.clients.troop]) await markAllRead(c);
    for (const c of Object.values(w.outsiders)) await markAllRead(c);
    const res = await w.clients.office.post<{ assignments: number; units: number; users: number }>(
      `/api/notices/${notice.id}/reminders`,
    );
    expect(res.status).toBe(200);
    // late: deptB (task 2) and street B (task 3); deptA reported late, which is no longer late
    expect(res.body).toEqual({ assignments: 2, units: 2, users: 2 });
    expect(await unreadTitles(w.outsiders.department)).toEqual([`【催办】《${notice.title}》有 1 项任务已逾期`]);
    expect(await unreadTitles(w.outsiders.street)).toHaveLength(1);
    for (const c of [
      w.clients.department,
      w.clients.street,
      w.clients.community,
      w.clients.troop,
      w.clients.office,
      w.clients.leader,
      w.outsiders.troop,
      w.outsiders.office,
      w.outsiders.community,
    ]) {
      expect(await unreadTitles(c)).toEqual([]);
    }
    const m = await w.clients.office.get<NoticeMatrix>(`/api/notices/${notice.id}/matrix`);
    expect(m.body.units.find((u) => u.unitId === w.units.deptB)).toBeDefined();
    const detail = await w.clients.office.get<NoticeDetail>(`/api/notices/${notice.id}`);
    const reminded = detail.body.tasks.flatMap((t) => t.assignments).filter((a) => a.lastRemindedAt !== null);
    expect(reminded.map((a) => a.unitId).sort()).toEqual([w.units.deptB, w.units.streetB].sort());
  });

  it('exports the matrix to xlsx with a watermark, neutralised formulas and an audit record', async () => {
    const notice = await workedNotice(w);
    // a unit's report that looks like a formula
    const mine = await myTasks(w.clients.troop, notice.id);
    await w.clients.troop.post(`/api/notices/assignments/${mine[0]!.id}/reports`, {
      text: '=HYPERLINK("http://evil.example","点我")',
    });
    const res = await w.clients.office.get(`/api/notices/${notice.id}/matrix.xlsx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const wb = new (excelJs().Workbook)();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('落实矩阵')!;
    const text = (row: number, col: number) => String(ws.getRow(row).getCell(col).value ?? '');
    expect(text(1, 1)).toBe(`《${notice.title}》任务落实情况`);
    expect(text(3, 1)).toMatch(/^导出人：测试office\d+（office\d+）　导出时间：\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）/);
    expect(text(4, 3)).toBe('第1项 大力营造双拥浓厚氛围');
    const rows = new Map<string, string[]>();
    for (let r = 5; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      rows.set(
        String(row.getCell(2).value ?? ''),
        [3, 4, 5, 6, 7, 8, 9].map((c) => String(row.getCell(c).value ?? '')),
      );
    }
    expect(
      rows
        .get('测试区教育局')
        ?.slice(0, 4)
        .map((s) => s.split(' ')[0]),
    ).toEqual(['已上报', '逾期上报', '—', '—']);
    expect(rows.get('测试区教育局')?.slice(4)).toEqual(['2/2', '2/2', '0']);
    expect(rows.get('测试区卫健委')?.[1]).toMatch(/^逾期未报/);
    expect(rows.get('驻区某部（一）（91001部队）')?.[0]).toMatch(/^已上报/);
    expect(rows.get('合计')?.slice(4)).toEqual(['4/7', '3/7', '2']);
    const fill = ws.getRow(5).getCell(3).fill as { fgColor?: { argb?: string } };
    expect(fill.fgColor?.argb).toBe('FFD4EDD4');
    const details = wb.getWorksheet('明细')!;
    const reportTexts: string[] = [];
    details.eachRow((row) => reportTexts.push(String(row.getCell(8).value ?? '')));
    expect(String(details.getRow(1).getCell(1).value)).toMatch(/^导出人：/);
    expect(reportTexts).toContain('\'=HYPERLINK("http://evil.example","点我")');
    expect(reportTexts.some((t) => t.startsWith('='))).toBe(false);
    const audit = await w.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary', 'actor_user_id'])
      .where('action', '=', 'export')
      .where('entity_id', '=', String(notice.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(w.userIds.office);
    expect(audit[0]!.summary).toContain('6 个单位 × 4 项任务');
  });

  it('a unit exports its own row only, without other units’ names', async () => {
    const notice = await publishedNotice(w);
    const res = await w.clients.department.get(`/api/notices/${notice.id}/matrix.xlsx`);
    expect(res.status).toBe(200);
    const wb = new (excelJs().Workbook)();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.getWorksheet('落实矩阵')!.eachRow((row) => names.push(String(row.getCell(2).value ?? '')));
    expect(names).toContain('测试区教育局');
    expect(names.join()).not.toMatch(/卫健委|某部|街道/);
  });
});
