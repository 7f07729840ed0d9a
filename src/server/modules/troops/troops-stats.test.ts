/** Turnaround per department: the request figures against figures computed from the stored requests. */
import { describe, expect, it } from 'vitest';
import type { RequestStats } from '../../../shared/api/troops.api.ts';
import { addDays } from '../../../shared/domain/troops/local-date.ts';
import { requestSteps, today, troopsWorld, type UserKey } from './troops.fixture.ts';

const w = troopsWorld();
const { client, raise } = requestSteps(w);

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
