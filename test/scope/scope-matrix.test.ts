import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/server/modules/notifications/notifications.service.ts';
import type { Role } from '../../src/shared/permissions.ts';
import { createPerson, createUnit, createUser, seedRegions, type TestRegions } from '../helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../helpers/test-app.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/**
 * Every role × every kind of record × inside/outside its scope. Expected answers are written out
 * literally so that any leak (or any over-blocking) shows up as a failed row.
 */
let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
const clients = {} as Record<Role, TestClient>;
const units = {} as { deptA: number; deptB: number; m1: number; m2: number };
const userIds = {} as Record<Role, number>;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  // One person per community, plus one whose 户籍 (C21) and residence (C11) are in different streets.
  for (const row of r.communities) for (const c of row) await createPerson(ctx, { regionId: c });
  await createPerson(ctx, { regionId: r.communities[0][0], hukouRegionId: r.communities[1][0] });

  units.deptA = await createUnit(ctx, { kind: 'department', name: '区教育局' });
  units.deptB = await createUnit(ctx, { kind: 'department', name: '区卫健委' });
  units.m1 = await createUnit(ctx, { kind: 'military', name: '某部一', designation: '91001部队' });
  units.m2 = await createUnit(ctx, { kind: 'military', name: '某部二', designation: '91002部队' });

  const anchors: Record<Role, { regionId?: number; unitId?: number }> = {
    admin: {},
    office: { regionId: r.district },
    street: { regionId: r.streets[0] },
    community: { regionId: r.communities[0][0] },
    department: { unitId: units.deptA },
    troop: { unitId: units.m1 },
    leader: { regionId: r.district },
    auditor: {},
  };
  for (const role of Object.keys(anchors) as Role[]) {
    const user = await createUser(ctx, { role, ...anchors[role] });
    userIds[role] = user.id;
    clients[role] = await login(app, user.username, user.password);
  }
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const allRoles: Role[] = ['admin', 'office', 'street', 'community', 'department', 'troop', 'leader', 'auditor'];

describe('registry counts', () => {
  // null = refused (403): the role never sees the registry.
  const expected: Record<Role, number | null> = {
    admin: 5,
    office: 5,
    street: 3, // two in its communities, one living there with 户籍 elsewhere
    community: 2,
    department: null,
    troop: null,
    leader: 5,
    auditor: null,
  };
  for (const role of allRoles) {
    it(`${role} counts ${expected[role] ?? 'nothing (403)'}`, async () => {
      const res = await clients[role].get<{ total: number; byRegion: { count: number }[] }>('/api/registry/summary');
      if (expected[role] === null) {
        expect(res.status).toBe(403);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(expected[role]);
    });
  }

  it('the second street sees the person whose 户籍 is there but not the others of the first street', async () => {
    const user = await createUser(ctx, { role: 'street', regionId: r.streets[1] });
    const client = await login(app, user.username, user.password);
    const res = await client.get<{ total: number }>('/api/registry/summary');
    expect(res.body.total).toBe(3);
  });
});

describe('regions', () => {
  const visibleCount: Record<Role, number | null> = {
    admin: 8,
    office: 8, // its district subtree (7) and the city above
    street: 5, // city, district, itself, its two communities
    community: 4, // city, district, street, itself
    department: null,
    troop: null,
    leader: 8,
    auditor: null,
  };
  for (const role of allRoles) {
    it(`${role} sees ${visibleCount[role] ?? 'no'} regions`, async () => {
      const res = await clients[role].get<{ items: { id: number }[] }>('/api/regions');
      if (visibleCount[role] === null) {
        expect(res.status).toBe(403);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(visibleCount[role]);
      if (role === 'street') expect(res.body.items.map((i) => i.id)).not.toContain(r.streets[1]);
    });
  }
});

describe('military unit designations (安全保密)', () => {
  // What each role reads as the designation of unit 1 and unit 2; 'denied' = no access to units at all.
  const expected: Record<Role, [string | null, string | null] | 'denied'> = {
    admin: ['91001部队', '91002部队'],
    office: ['91001部队', '91002部队'],
    street: [null, null],
    community: [null, null],
    department: [null, null],
    troop: ['91001部队', null], // its own unit only
    leader: ['91001部队', '91002部队'],
    auditor: 'denied',
  };
  for (const role of allRoles) {
    it(`${role} reads ${JSON.stringify(expected[role])}`, async () => {
      const list = await clients[role].get<{ items: { id: number; name: string; designation: string | null }[] }>(
        '/api/units?kind=military',
      );
      const one = await clients[role].get<{ designation: string | null; contactPhone: string | null }>(
        `/api/units/${units.m2}`,
      );
      const want = expected[role];
      if (want === 'denied') {
        expect(list.status).toBe(403);
        expect(one.status).toBe(403);
        return;
      }
      const byId = new Map(list.body.items.map((u) => [u.id, u]));
      expect(byId.get(units.m1)?.designation ?? null).toBe(want[0]);
      expect(byId.get(units.m2)?.designation ?? null).toBe(want[1]);
      expect(byId.get(units.m2)?.name).toBe('某部二');
      expect(one.body.designation).toBe(want[1]);
      // The designation never leaks through any other field of the response.
      if (want[1] === null) expect(JSON.stringify(one.body)).not.toContain('91002');
    });
  }
});

describe('users and audit', () => {
  for (const role of allRoles) {
    it(`${role} ${role === 'admin' ? 'manages' : 'cannot list'} users; ${role === 'auditor' ? 'reads' : 'cannot read'} the audit log`, async () => {
      expect((await clients[role].get('/api/users')).status).toBe(role === 'admin' ? 200 : 403);
      expect((await clients[role].get('/api/audit')).status).toBe(role === 'auditor' ? 200 : 403);
      const create = await clients[role].post('/api/users', {
        username: `x${role}`,
        displayName: 'x',
        role: 'admin',
        password: 'Another-Pass-2026',
      });
      expect(create.status).toBe(role === 'admin' ? 200 : 403);
    });
  }
});

describe('notifications', () => {
  it('reach the users whose scope holds the region, and nobody else can read or clear them', async () => {
    const sent = await ctx.db
      .transaction()
      .execute((trx) =>
        notify(
          trx,
          { roles: ['street', 'office'], regionId: r.communities[0][1] },
          { kind: 'assignment', title: '新的走访任务' },
        ),
      );
    expect(sent).toBe(2); // the street user of street 1 and the district office; not street 2's users
    const unread = async (role: Role) =>
      (await clients[role].get<{ unread: number }>('/api/notifications/unread-count')).body.unread;
    expect(await unread('street')).toBe(1);
    expect(await unread('office')).toBe(1);
    expect(await unread('community')).toBe(0);
    expect(await unread('leader')).toBe(0);

    const streetList = await clients.street.get<{ items: { id: number }[] }>('/api/notifications');
    const id = streetList.body.items[0]!.id;
    const foreign = await clients.community.post<{ updated: number }>('/api/notifications/read', { ids: [id] });
    expect(foreign.body.updated).toBe(0);
    expect(await unread('street')).toBe(1);
    expect(
      (await clients.street.post<{ updated: number }>('/api/notifications/read', { ids: [id] })).body.updated,
    ).toBe(1);
    expect(await unread('street')).toBe(0);
  });
});
