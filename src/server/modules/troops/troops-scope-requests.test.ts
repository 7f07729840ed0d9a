/** Troop requests × every role: list, detail, files and figures, and each step of the flow. */
import { describe, expect } from 'vitest';
import { addDays } from '../../../shared/domain/troops/local-date.ts';
import { pngBytes, uploadAs } from './troops.fixture.ts';
import {
  actionStatusFor,
  assignedDept,
  each,
  isOffice,
  keys,
  ownTroop,
  readStatus,
  requestsSeen,
  scopeWorld,
  troopsWriters,
} from './troops-scope.fixture.ts';

const { w, ids, files, today, client, get, expectListed } = scopeWorld();
const actionStatus = actionStatusFor(troopsWriters);

describe('requests', () => {
  each('list and detail', async (role) => {
    const list = await get(role, '/api/troops/requests?pageSize=200');
    const seen = requestsSeen[role];
    expectListed(list, seen, 'R', 'X');
    for (const k of keys) {
      for (const set of ['R', 'X']) {
        expect((await get(role, `/api/troops/requests/${ids[`${set}${k}`]}`)).status, `${set}${k}`).toBe(
          readStatus(seen, k),
        );
      }
      expect((await get(role, `/api/troops/requests/${ids[`R${k}`]}/attachments/${files[`R${k}`]}`)).status).toBe(
        readStatus(seen, k),
      );
    }
    const stats = await get(role, '/api/troops/requests/stats');
    expect(stats.status).toBe(seen === 'denied' ? 403 : 200);
    if (seen !== 'denied') expect((stats.body as { total: number }).total).toBe(seen.length * 2);
  });

  each('steps: comment, edit, assign, resolve, return, reopen, rate, link a supporter', async (role) => {
    const seen = requestsSeen[role];
    for (const k of keys) {
      const R = ids[`R${k}`]!;
      const X = ids[`X${k}`]!;
      const dept = k === 'A' ? w.units.deptA : w.units.deptB;
      const cases: [string, () => Promise<{ status: number }>, number][] = [
        [
          'comment',
          () => client(role).post(`/api/troops/requests/${R}/comments`, { comment: '意见' }),
          actionStatus(seen, k, role, () => true, 200),
        ],
        [
          'edit (in progress → 409)',
          () => client(role).put(`/api/troops/requests/${R}`, { kindCode: 'medical', title: 't', content: 'c' }),
          actionStatus(seen, k, role, (r) => isOffice(r) || ownTroop(r, k), 409),
        ],
        [
          'assign (same department again → 200)',
          () =>
            client(role).post(`/api/troops/requests/${R}/assign`, { departmentId: dept, dueDate: addDays(today, 6) }),
          actionStatus(seen, k, role, isOffice, 200),
        ],
        [
          'assign a resolved one → 409',
          () =>
            client(role).post(`/api/troops/requests/${X}/assign`, { departmentId: dept, dueDate: addDays(today, 6) }),
          actionStatus(seen, k, role, isOffice, 409),
        ],
        [
          'resolve a resolved one → 409',
          () => client(role).post(`/api/troops/requests/${X}/resolve`, { comment: '再办结' }),
          actionStatus(seen, k, role, (r) => isOffice(r) || assignedDept(r, k), 409),
        ],
        [
          'return a resolved one → 409',
          () => client(role).post(`/api/troops/requests/${X}/return`, { comment: '退回' }),
          actionStatus(seen, k, role, assignedDept, 409),
        ],
        [
          'reopen one in progress → 409',
          () => client(role).post(`/api/troops/requests/${R}/reopen`, { comment: '未解决' }),
          actionStatus(seen, k, role, (r) => isOffice(r) || ownTroop(r, k), 409),
        ],
        [
          'rate one in progress → 409',
          () => client(role).post(`/api/troops/requests/${R}/rate`, { rating: 3 }),
          actionStatus(seen, k, role, (r) => isOffice(r) || ownTroop(r, k), 409),
        ],
        [
          'link a supporter it sees',
          () => client(role).post(`/api/troops/requests/${R}/supporters`, { supporterId: ids[`S${k}`] }),
          // The office of the other district does not see supporter A/B; nor the office A's supporter C.
          actionStatus(seen, k, role, isOffice, 200),
        ],
        [
          'upload an attachment',
          async () => uploadAs(w, role, `/api/troops/requests/${R}/attachments`, pngBytes),
          actionStatus(seen, k, role, () => true, 200),
        ],
      ];
      for (const [name, run, want] of cases) {
        const res = await run();
        expect(res.status, `${name} on ${k}`).toBe(want);
      }
    }
  });
});
