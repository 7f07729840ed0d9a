/** Army–people activities × every role: list, detail, photos, calendar, summary, export and edit. */
import { describe, expect } from 'vitest';
import type { UserKey } from './troops.fixture.ts';
import {
  actionStatusFor,
  activitiesSeen,
  activityWriters,
  byId,
  each,
  isOffice,
  keys,
  leaksIn,
  ownTroop,
  readStatus,
  scopeWorld,
  sheetRows,
} from './troops-scope.fixture.ts';

const { w, ids, files, today, client, get, expectListed } = scopeWorld();
const actionStatus = actionStatusFor(activityWriters);

describe('activities', () => {
  each('list, detail, photos, calendar, summary, export and edit', async (role) => {
    const seen = activitiesSeen[role];
    const list = await get(role, '/api/army-people/activities');
    expectListed(list, seen, 'A');
    const want = seen === 'denied' ? null : seen.map((k) => ids[`A${k}`]!).sort(byId);

    const month = today.slice(0, 7);
    const calendar = await get(role, `/api/army-people/activities/calendar?month=${month}`);
    const summary = await get(role, '/api/army-people/activities/summary');
    const xlsx = await client(role).get(`/api/army-people/activities/export`);
    if (!want) {
      expect([calendar.status, summary.status, xlsx.status]).toEqual([403, 403, 403]);
    } else {
      const days = (calendar.body as { days: { items: { id: number }[] }[] }).days;
      expect(days.flatMap((d) => d.items.map((i) => i.id)).sort(byId)).toEqual(want);
      expect((summary.body as { count: number; spendCents: number }).count).toBe(want.length);
      expect(xlsx.status).toBe(200);
      const cells = await sheetRows(xlsx.raw);
      expect(leaksIn(role, cells.join('\n'), 'export')).toEqual([]);
      expect(cells.filter((c) => /宣传[ABC]/.test(c))).toHaveLength(want.length);
    }
    for (const k of keys) {
      const A = ids[`A${k}`]!;
      expect((await get(role, `/api/army-people/activities/${A}`)).status, k).toBe(readStatus(seen, k));
      expect((await client(role).get(`/api/army-people/activities/${A}/photos/${files[`A${k}`]}`)).status).toBe(
        readStatus(seen, k),
      );
      const edit = await client(role).put(`/api/army-people/activities/${A}`, {
        typeCode: 'publicity',
        title: `宣传${k}`,
        heldOn: today,
        regionId: k === 'A' ? w.r.communities[0][0] : k === 'B' ? w.r.communities[1][0] : w.otherDistrict,
        organiserUnitIds: [
          k === 'A' ? w.units.m1 : k === 'B' ? w.units.m2 : w.units.mOut,
          k === 'A' ? w.units.deptA : w.units.deptB,
        ],
        spendCents: 100,
      });
      const editor = (r: UserKey) => isOffice(r) || r === 'street' || r === 'street2' || ownTroop(r, k);
      // Departments and leaders read activities only (no write capability: 403 everywhere).
      const wantEdit = actionStatus(seen, k, role, editor, 200);
      expect(edit.status, `edit ${k}`).toBe(wantEdit);
    }
  });
});
