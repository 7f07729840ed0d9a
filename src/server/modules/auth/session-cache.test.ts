import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedRegions, testPassword } from '../../../../test/helpers/factories.ts';
import { clientFor, createTestApp, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import { openContext } from '../../bootstrap.ts';
import { sessionCache } from './session-cache.ts';

// Two app nodes on one PostgreSQL database, each keeping the sessions it read: a change made through one node
// (logout, a user deactivated or renamed) or by any statement reaches the other at once, and a node that does not
// hear the database reads every session again.

let a: TestContext;
let b: TestContext;
let appA: FastifyInstance;
let appB: FastifyInstance;
let regions: Awaited<ReturnType<typeof seedRegions>>;
let admin: TestClient;

async function session(username: string) {
  const res = await appA.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: testPassword },
  });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'sy_session')!;
  const s = { cookie: `sy_session=${cookie.value}`, csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken };
  return { onA: clientFor(appA, s), onB: clientFor(appB, s) };
}

/** The status node B answers for `me`, once it differs from `was` (a notification takes a moment) or after 3 s. */
async function nextStatus(client: TestClient, was: number): Promise<number> {
  const until = Date.now() + 3000;
  let status = was;
  while (status === was && Date.now() < until) {
    status = (await client.get('/api/auth/me')).status;
    if (status === was) await new Promise((r) => setTimeout(r, 20));
  }
  return status;
}

async function listening(ctx: TestContext, up: boolean) {
  const until = Date.now() + 5000;
  while (sessionCache(ctx)?.listening !== up && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  expect(sessionCache(ctx)?.listening).toBe(up);
}

describe('sessions kept by each node', () => {
  beforeAll(async () => {
    a = await createTestContext();
    b = await openContext({ ...a.config });
    appA = await createTestApp(a);
    appB = await createTestApp(b);
    regions = await seedRegions(a);
    const adminUser = await createUser(a, { role: 'admin', regionId: regions.district });
    admin = (await session(adminUser.username)).onA;
    await listening(a, true);
    await listening(b, true);
  });
  afterAll(async () => {
    await appB?.close();
    await appA?.close();
    await b?.close();
    await a?.close();
  });

  it('refuses on node B a session logged out on node A', async () => {
    const user = await createUser(a, { role: 'street', regionId: regions.streets[0] });
    const { onA, onB } = await session(user.username);
    // B reads the session once and keeps it.
    expect((await onB.get('/api/auth/me')).status).toBe(200);
    expect((await onB.get('/api/auth/me')).status).toBe(200);
    expect((await onA.post('/api/auth/logout', {})).status).toBeLessThan(300);
    expect((await onA.get('/api/auth/me')).status).toBe(401);
    expect(await nextStatus(onB, 200)).toBe(401);
  });

  it('follows on node B a user deactivated or renamed on node A', async () => {
    const user = await createUser(a, { role: 'street', regionId: regions.streets[0] });
    const { onA, onB } = await session(user.username);
    const me = await onB.get<{ displayName: string }>('/api/auth/me');
    expect(me.status).toBe(200);
    expect((await onA.get('/api/auth/me')).status).toBe(200);
    const renamed = await admin.patch(`/api/users/${user.id}`, { displayName: '改名后的用户' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    // The node that made the change follows at once.
    expect((await onA.get<{ displayName: string }>('/api/auth/me')).body.displayName).toBe('改名后的用户');
    const until = Date.now() + 3000;
    let name = me.body.displayName;
    while (name !== '改名后的用户' && Date.now() < until) {
      name = (await onB.get<{ displayName: string }>('/api/auth/me')).body.displayName;
    }
    expect(name).toBe('改名后的用户');
    expect((await admin.patch(`/api/users/${user.id}`, { active: false })).status).toBe(200);
    expect(await nextStatus(onB, 200)).toBe(401);
  });

  it('reads every session again while a node does not hear the database', async () => {
    const user = await createUser(a, { role: 'street', regionId: regions.streets[0] });
    const { onB } = await session(user.username);
    expect((await onB.get('/api/auth/me')).status).toBe(200);
    // The nodes' LISTEN connections are cut; the session is then deleted and B hears nothing of it.
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND query = 'LISTEN session_actor' AND pid <> pg_backend_pid()`.execute(b.db);
    await listening(b, false);
    await sql`DELETE FROM sessions WHERE user_id = ${user.id}`.execute(a.db);
    expect((await onB.get('/api/auth/me')).status).toBe(401);
    // It listens again by itself.
    await listening(b, true);
  });
});
