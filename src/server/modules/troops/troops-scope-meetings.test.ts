/** Troop meetings × every role: list, detail with its linked requests, edit and linking a request. */
import { describe, expect } from 'vitest';
import {
  actionStatusFor,
  each,
  isOffice,
  keys,
  meetingsSeen,
  readStatus,
  requestsSeen,
  scopeWorld,
  troopsWriters,
} from './troops-scope.fixture.ts';

const { w, ids, today, client, get, expectListed } = scopeWorld();
const actionStatus = actionStatusFor(troopsWriters);

describe('meetings', () => {
  each('list, detail, edit and link', async (role) => {
    const seen = meetingsSeen[role];
    const list = await get(role, '/api/troops/meetings');
    expectListed(list, seen, 'M');
    for (const k of keys) {
      const M = ids[`M${k}`]!;
      const detail = await get(role, `/api/troops/meetings/${M}`);
      expect(detail.status, k).toBe(readStatus(seen, k));
      if (detail.status === 200) {
        // The linked request is listed only for those who see it.
        const linked = (detail.body as { requests: { id: number }[] }).requests.map((r) => r.id);
        const seesRequest = requestsSeen[role] !== 'denied' && requestsSeen[role].includes(k);
        expect(linked.includes(ids[`R${k}`]!)).toBe(seesRequest);
        expect(linked.every((id) => id === ids[`R${k}`] || id === ids[`X${k}`])).toBe(true);
        // The list's count is of the requests the viewer sees, too.
        const listed = (list.body as { items: { id: number; requestCount: number }[] }).items.find((i) => i.id === M);
        expect(listed?.requestCount).toBe(linked.length);
      }
      const edit = await client(role).put(`/api/troops/meetings/${M}`, {
        kind: 'symposium',
        title: `座谈会${k}`,
        heldOn: today,
        regionId: k === 'C' ? w.otherDistrict : w.r.district,
        attendees: [
          { unitId: k === 'A' ? w.units.m1 : k === 'B' ? w.units.m2 : w.units.mOut },
          { unitId: k === 'A' ? w.units.deptA : w.units.deptB },
        ],
      });
      expect(edit.status, `edit ${k}`).toBe(actionStatus(seen, k, role, isOffice, 200));
      const link = await client(role).post(`/api/troops/meetings/${M}/requests`, { requestId: ids[`X${k}`] });
      expect(link.status, `link ${k}`).toBe(actionStatus(seen, k, role, isOffice, 200));
    }
    // An office cannot link a request it does not see to its own meeting.
    if (role === 'office') {
      const res = await client(role).post(`/api/troops/meetings/${ids.MA}/requests`, { requestId: ids.RC });
      expect(res.status).toBe(404);
    }
  });
});
