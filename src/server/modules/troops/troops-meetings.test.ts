/** Meetings and the requests they produced or discussed, linked both ways, as each role sees them. */
import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../shared/api/troops.api.ts';
import { aliases, designations, requestSteps, today, troopsWorld } from './troops.fixture.ts';

const w = troopsWorld();
const { client, raise } = requestSteps(w);

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
