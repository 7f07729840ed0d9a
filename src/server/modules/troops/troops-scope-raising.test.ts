/** Raising a troop request × every role, for its own unit and for another (in a world of its own: it adds requests). */
import { describe, expect } from 'vitest';
import { requestSteps, troopsWorld, type UserKey } from './troops.fixture.ts';
import { each } from './troops-scope.fixture.ts';

const w = troopsWorld();
const { client } = requestSteps(w);

describe('requests', () => {
  each('raising a request', async (role) => {
    const res = await client(role).post<{ militaryUnit: { id: number } | null }>('/api/troops/requests', {
      militaryUnitId: role === 'troop' ? w.units.m1 : role === 'troop2' ? w.units.m2 : w.units.m1,
      kindCode: 'medical',
      title: '新诉求',
      content: '内容',
    });
    const want: Record<UserKey, number> = {
      admin: 200,
      office: 200,
      officeOut: 404, // unit 1 lies outside its district
      street: 403,
      street2: 403,
      community: 403,
      department: 403,
      department2: 403,
      troop: 200,
      troop2: 200,
      leader: 403,
      auditor: 403,
    };
    expect(res.status).toBe(want[role]);
    // Naming another unit is answered as if it did not exist.
    if (role === 'troop') {
      const other = await client(role).post('/api/troops/requests', {
        militaryUnitId: w.units.m2,
        kindCode: 'medical',
        title: 'x',
        content: 'x',
      });
      expect(other.status).toBe(404);
    }
  });
});
