/** Supporters, models (honorees), dictionaries, programmes and places × every role. */
import { describe, expect } from 'vitest';
import type { UserKey } from './troops.fixture.ts';
import {
  each,
  honoreesSeen,
  isOffice,
  keys,
  readStatus,
  requestsSeen,
  scopeWorld,
  supportersSeen,
} from './troops-scope.fixture.ts';

const { w, ids, client, get, expectListed } = scopeWorld();

describe('supporters and models', () => {
  each('supporters: list, detail and edit', async (role) => {
    const seen = supportersSeen[role];
    const list = await get(role, '/api/army-people/supporters');
    expectListed(list, seen, 'S');
    for (const k of keys) {
      const detail = await get(role, `/api/army-people/supporters/${ids[`S${k}`]}`);
      expect(detail.status, k).toBe(readStatus(seen, k));
      if (detail.status === 200) {
        // The request the supporter helps with is listed only for those who see the request.
        const listed = (detail.body as { requests: { id: number }[] }).requests.map((r) => r.id);
        const seesRequest = requestsSeen[role] !== 'denied' && requestsSeen[role].includes(k);
        expect(listed).toEqual(seesRequest ? [ids[`R${k}`]] : []);
        const row = (list.body as { items: { id: number; requestCount: number }[] }).items.find(
          (i) => i.id === ids[`S${k}`],
        );
        expect(row?.requestCount).toBe(listed.length);
      }
      const edit = await client(role).put(`/api/army-people/supporters/${ids[`S${k}`]}`, {
        kind: 'volunteer_team',
        name: `志愿服务队${k}`,
        regionId: k === 'A' ? w.r.streets[0] : k === 'B' ? w.r.district : w.otherDistrict,
        pledge: '义务理发',
      });
      const want = seen === 'denied' ? 403 : !seen.includes(k) ? 404 : isOffice(role) ? 200 : 403;
      expect(edit.status, `edit ${k}`).toBe(want);
    }
  });

  each('models: list and detail', async (role) => {
    const seen = honoreesSeen[role];
    const list = await get(role, '/api/army-people/honorees');
    expectListed(list, seen, 'H');
    for (const k of keys) {
      expect((await get(role, `/api/army-people/honorees/${ids[`H${k}`]}`)).status, k).toBe(readStatus(seen, k));
    }
  });

  each('dictionaries and programmes', async (role) => {
    const denied = role === 'community' || role === 'auditor';
    expect((await get(role, '/api/troops/lookups')).status).toBe(denied ? 403 : 200);
    expect((await get(role, '/api/troops/programmes')).status).toBe(denied ? 403 : 200);
    const add = await client(role).post('/api/troops/programmes', { name: `专项${role}` });
    expect(add.status).toBe(isOffice(role) ? 200 : 403);
    // Places to pick for pairings and activities: the own subtree (a liaison: its unit's region's).
    const places = await get(role, '/api/army-people/places');
    const want: Record<UserKey, number | 'denied'> = {
      admin: 9, // the test city, its district (2 streets, 4 communities) and the other district
      office: 7,
      officeOut: 1,
      street: 3,
      street2: 3,
      community: 'denied',
      department: 0,
      department2: 0,
      troop: 7,
      troop2: 7,
      leader: 7,
      auditor: 'denied',
    };
    if (want[role] === 'denied') expect(places.status).toBe(403);
    else expect((places.body as { items: unknown[] }).items).toHaveLength(want[role] as number);
  });
});
