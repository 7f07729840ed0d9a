/** Overdue alerts: who hears of a request past its due date, once per due date, and the office's own check. */
import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../shared/api/troops.api.ts';
import { addDays } from '../../../shared/domain/troops/local-date.ts';
import { aliases, clearInboxes, inbox, requestSteps, today, troopsWorld, type UserKey } from './troops.fixture.ts';
import { flagOverdueRequests } from './troops.service.ts';

const w = troopsWorld();
const { client, raise, assign } = requestSteps(w);

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
