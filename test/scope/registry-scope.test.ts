import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHousehold } from '../../src/server/modules/campaigns/campaigns.fixture.ts';
import type { Role } from '../../src/shared/permissions.ts';
import { createPerson, createUnit, createUser, seedRegions, type TestRegions } from '../helpers/factories.ts';
import { createTestApp, login, type TestClient, type TestResponse } from '../helpers/test-app.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/**
 * The registry's endpoints × every role × records inside and outside the role's scope. A record outside the
 * scope must answer exactly like one that does not exist (404 NOT_FOUND), lists and searches must never
 * carry it, and roles without the registry (liaisons, auditors) are refused outright (403).
 */
let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
const clients = {} as Record<Role, TestClient>;
type Key = 'p11' | 'p12' | 'p21' | 'p22' | 'px';
const people = {} as Record<Key, { id: number; idNumber: string; community: number; hukou: number }>;
const households = {} as { h11: number; h21: number };

const allRoles: Role[] = ['admin', 'office', 'street', 'community', 'department', 'troop', 'leader', 'auditor'];
const readers = new Set<Role>(['admin', 'office', 'street', 'community', 'leader']);
const writers = new Set<Role>(['admin', 'office', 'street', 'community']);
const revealers = new Set<Role>(['admin', 'office', 'street']);

/** Who sees whom: street 1 holds communities 11 and 12; px lives in 11 with 户籍 in 21. */
const visible: Record<Role, Key[]> = {
  admin: ['p11', 'p12', 'p21', 'p22', 'px'],
  office: ['p11', 'p12', 'p21', 'p22', 'px'],
  street: ['p11', 'p12', 'px'],
  community: ['p11', 'px'],
  department: [],
  troop: [],
  leader: ['p11', 'p12', 'p21', 'p22', 'px'],
  auditor: [],
};
const visibleHouseholds: Record<Role, ('h11' | 'h21')[]> = {
  admin: ['h11', 'h21'],
  office: ['h11', 'h21'],
  street: ['h11'],
  community: ['h11'],
  department: [],
  troop: [],
  leader: ['h11', 'h21'],
  auditor: [],
};
const keys: Key[] = ['p11', 'p12', 'p21', 'p22', 'px'];

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  const place = { p11: [0, 0], p12: [0, 1], p21: [1, 0], p22: [1, 1] } as const;
  for (const [key, [s, c]] of Object.entries(place) as [Key, readonly [0 | 1, 0 | 1]][]) {
    const community = r.communities[s][c];
    const p = await createPerson(ctx, { regionId: community, categoryCode: 'disabled_veteran' });
    people[key] = { ...p, community, hukou: community };
  }
  const px = await createPerson(ctx, {
    regionId: r.communities[0][0],
    hukouRegionId: r.communities[1][0],
    categoryCode: 'disabled_veteran',
  });
  people.px = { ...px, community: r.communities[0][0], hukou: r.communities[1][0] };
  for (const [key, region] of [
    ['h11', r.communities[0][0]],
    ['h21', r.communities[1][0]],
  ] as const) {
    households[key] = await addHousehold(ctx, region, `${key}户`);
  }

  const deptA = await createUnit(ctx, { kind: 'department', name: '区教育局' });
  const m1 = await createUnit(ctx, { kind: 'military', name: '某部一', designation: '91001部队' });
  const anchors: Record<Role, { regionId?: number; unitId?: number }> = {
    admin: {},
    office: { regionId: r.district },
    street: { regionId: r.streets[0] },
    community: { regionId: r.communities[0][0] },
    department: { unitId: deptA },
    troop: { unitId: m1 },
    leader: { regionId: r.district },
    auditor: {},
  };
  for (const role of allRoles) {
    const user = await createUser(ctx, { role, ...anchors[role] });
    clients[role] = await login(app, user.username, user.password);
  }
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

type ErrorBody = { error: { code: string; message: string; details: unknown[] } };

/** 403 for roles without the capability; else 200 inside the scope and the very answer of a missing record outside. */
function expectAnswer(res: TestResponse, allowed: boolean, inScope: boolean, okStatus = 200) {
  if (!allowed) {
    expect(res.status).toBe(403);
    expect((res.body as ErrorBody).error.code).toBe('FORBIDDEN');
    return;
  }
  if (inScope) {
    expect(res.status).toBe(okStatus);
    return;
  }
  expect(res.status).toBe(404);
  expect((res.body as ErrorBody).error.code).toBe('NOT_FOUND');
}

/** The body a missing record answers with, minus the request id: out-of-scope answers must equal it. */
async function missingAnswer(role: Role, method: 'get' | 'post' | 'put', path: string, body?: unknown) {
  const res = await clients[role][method](path.replace(':id', '99999999'), body);
  return { status: res.status, error: (res.body as ErrorBody).error };
}

function editBody(key: Key) {
  const p = people[key];
  return {
    name: '改名测试',
    residenceRegionId: p.community,
    hukouRegionId: p.hukou,
    qualifications: [{ category: 'disabled_veteran', disabilityGrade: 5 }],
  };
}

describe('registry lists and search', () => {
  for (const role of allRoles) {
    it(`${role}: the list, its total and every search show exactly ${visible[role].join(', ') || 'nothing (403)'}`, async () => {
      const res = await clients[role].get<{ items: { id: number }[]; total: number }>(
        '/api/persons?status=all&pageSize=200',
      );
      if (!readers.has(role)) {
        expect(res.status).toBe(403);
        return;
      }
      expect(res.status).toBe(200);
      const want = visible[role].map((k) => people[k].id).sort();
      expect(res.body.items.map((i) => i.id).sort()).toEqual(want);
      expect(res.body.total).toBe(want.length);

      // Searching for someone outside the scope by any key finds nothing.
      for (const key of keys.filter((k) => !visible[role].includes(k))) {
        const p = people[key];
        for (const q of [p.idNumber, p.idNumber.slice(-6)]) {
          const found = await clients[role].get<{ items: { id: number }[]; total: number }>(
            `/api/persons?status=all&q=${encodeURIComponent(q)}`,
          );
          expect(found.status).toBe(200);
          expect(found.body.items.map((i) => i.id)).not.toContain(p.id);
        }
        // Filtering by a region outside the scope does not widen it.
        const byRegion = await clients[role].get<{ items: { id: number }[] }>(
          `/api/persons?status=all&regionId=${p.community}`,
        );
        expect(byRegion.body.items.map((i) => i.id)).not.toContain(p.id);
      }
    });
  }

  for (const role of allRoles) {
    it(`${role}: 年度确认 list and the dictionary stay in scope`, async () => {
      const year = new Date().getUTCFullYear() - 1;
      const res = await clients[role].get<{ items: { person: { id: number } }[]; counts: { total: number } }>(
        `/api/registry/confirmations?year=${year}&status=all&pageSize=200`,
      );
      const dict = await clients[role].get('/api/registry/dictionary');
      if (!readers.has(role)) {
        expect(res.status).toBe(403);
        expect(dict.status).toBe(403);
        return;
      }
      expect(dict.status).toBe(200);
      const ids = res.body.items.map((i) => i.person.id);
      for (const key of keys) {
        if (visible[role].includes(key)) expect(ids).toContain(people[key].id);
        else expect(ids).not.toContain(people[key].id);
      }
      expect(res.body.counts.total).toBe(ids.length);
    });
  }
});

describe('one person', () => {
  for (const role of allRoles) {
    it(`${role}: read, history, edit, reveal, assess, confirm, mark deceased — inside and outside the scope`, async () => {
      const client = clients[role];
      for (const key of keys) {
        const id = people[key].id;
        const inScope = visible[role].includes(key);
        const read = readers.has(role);
        const write = writers.has(role);

        const detail = await client.get<{ idNumber: string }>(`/api/persons/${id}`);
        expectAnswer(detail, read, inScope);
        if (read && inScope) expect(detail.body.idNumber).not.toBe(people[key].idNumber);
        expectAnswer(await client.get(`/api/persons/${id}/history`), read, inScope);
        expectAnswer(await client.put(`/api/persons/${id}`, editBody(key)), write, inScope);
        const reveal = await client.post<{ idNumber: string }>(`/api/persons/${id}/reveal`);
        expectAnswer(reveal, revealers.has(role), inScope);
        if (revealers.has(role) && inScope) expect(reveal.body.idNumber).toBe(people[key].idNumber);
        if (!(revealers.has(role) && inScope)) expect(JSON.stringify(reveal.body)).not.toContain(people[key].idNumber);
        expectAnswer(
          await client.post(`/api/persons/${id}/assessments`, { assessedOn: '2026-01-05', situations: ['空巢'] }),
          write,
          inScope,
        );
        const year = new Date().getUTCFullYear() - 1;
        expectAnswer(
          await client.post(`/api/persons/${id}/confirmations`, {
            year,
            result: 'confirmed',
            confirmedOn: `${year}-12-01`,
          }),
          write,
          inScope,
        );
        expectAnswer(await client.post(`/api/persons/${id}/deceased`, { deathDate: null }), write, inScope);

        if (read && !inScope) {
          // Outside the scope is indistinguishable from missing, body and all.
          const outside = await client.get<ErrorBody>(`/api/persons/${id}`);
          expect({ status: outside.status, error: outside.body.error }).toEqual(
            await missingAnswer(role, 'get', '/api/persons/:id'),
          );
          const outsidePut = await client.put<ErrorBody>(`/api/persons/${id}`, editBody(key));
          expect({ status: outsidePut.status, error: outsidePut.body.error }).toEqual(
            await missingAnswer(role, 'put', '/api/persons/:id', editBody(key)),
          );
        }
      }
    });
  }

  it('an out-of-scope reveal leaves no audit record and a refused one neither', async () => {
    const count = async () =>
      (await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'view.idNumber').execute()).length;
    const before = await count();
    await clients.community.post(`/api/persons/${people.p21.id}/reveal`);
    await clients.street.post(`/api/persons/${people.p21.id}/reveal`);
    await clients.leader.post(`/api/persons/${people.p11.id}/reveal`);
    expect(await count()).toBe(before);
    await clients.street.post(`/api/persons/${people.p11.id}/reveal`);
    expect(await count()).toBe(before + 1);
  });
});

describe('households', () => {
  for (const role of allRoles) {
    it(`${role}: sees households ${visibleHouseholds[role].join(', ') || 'none (403)'} and their in-scope members only`, async () => {
      const client = clients[role];
      const res = await client.get<{ items: { id: number; memberCount: number }[] }>('/api/households?pageSize=200');
      if (!readers.has(role)) {
        expect(res.status).toBe(403);
        expect((await client.get(`/api/households/${households.h11}`)).status).toBe(403);
        expect((await client.post('/api/households', { name: 'x户', regionId: r.communities[0][0] })).status).toBe(403);
        return;
      }
      const listed = res.body.items.map((i) => i.id);
      for (const key of ['h11', 'h21'] as const) {
        const inScope = visibleHouseholds[role].includes(key);
        if (inScope) expect(listed).toContain(households[key]);
        else expect(listed).not.toContain(households[key]);
        expectAnswer(await client.get(`/api/households/${households[key]}`), true, inScope);
        expectAnswer(
          await client.put(`/api/households/${households[key]}`, {
            name: `${key}户`,
            regionId: key === 'h11' ? r.communities[0][0] : r.communities[1][0],
          }),
          writers.has(role),
          inScope,
        );
      }
      // A household cannot be created outside the scope.
      const outside = await client.post('/api/households', { name: '外户', regionId: r.communities[1][1] });
      expect(outside.status).toBe(!writers.has(role) ? 403 : role === 'admin' || role === 'office' ? 200 : 400);
    });
  }
});
