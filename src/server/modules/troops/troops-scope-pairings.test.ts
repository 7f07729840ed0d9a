/** Army–people pairings × every role: list, detail and recording a contact. */
import { describe, expect } from 'vitest';
import type { UserKey } from './troops.fixture.ts';
import {
  actionStatusFor,
  activityWriters,
  each,
  isOffice,
  keys,
  ownTroop,
  pairingsSeen,
  readStatus,
  scopeWorld,
} from './troops-scope.fixture.ts';

const { ids, today, client, get, expectListed } = scopeWorld();
const actionStatus = actionStatusFor(activityWriters);

describe('pairings', () => {
  each('list, detail, edit and contacts', async (role) => {
    const seen = pairingsSeen[role];
    const list = await get(role, '/api/army-people/pairings');
    expectListed(list, seen, 'P');
    for (const k of keys) {
      const P = ids[`P${k}`]!;
      expect((await get(role, `/api/army-people/pairings/${P}`)).status, k).toBe(readStatus(seen, k));
      const contact = await client(role).post(`/api/army-people/pairings/${P}/contacts`, {
        contactedOn: today,
        kindCode: 'visit',
      });
      const keeper = (r: UserKey) => isOffice(r) || ownTroop(r, k);
      const want = actionStatus(seen, k, role, keeper, 200);
      expect(contact.status, `contact ${k}`).toBe(want);
    }
  });
});
