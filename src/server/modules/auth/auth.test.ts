import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedRegions, testPassword } from '../../../../test/helpers/factories.ts';
import { clientFor, createTestApp, login } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';

let ctx: TestContext;
let app: FastifyInstance;
let regions: Awaited<ReturnType<typeof seedRegions>>;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  regions = await seedRegions(ctx);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('login', () => {
  it('signs in with a session cookie that scripts and other sites cannot use', async () => {
    const user = await createUser(ctx, { role: 'street', regionId: regions.streets[0] });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: testPassword },
    });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/sy_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const me = JSON.parse(res.body);
    expect(me).toMatchObject({
      username: user.username,
      role: 'street',
      roleLabel: '街道/镇工作人员',
      region: { name: '甲街道' },
    });
    expect(me.capabilities).toContain('registry.read');
  });

  it('refuses a wrong password with a Chinese message and locks the account after five failures', async () => {
    const user = await createUser(ctx, { role: 'office', regionId: regions.district });
    const anon = clientFor(app);
    for (let i = 0; i < 4; i++) {
      const res = await anon.post<{ error: { code: string; message: string } }>('/api/auth/login', {
        username: user.username,
        password: 'wrong',
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(res.body.error.message).toMatch(/用户名或密码错误/);
    }
    const fifth = await anon.post<{ error: { code: string } }>('/api/auth/login', {
      username: user.username,
      password: 'wrong',
    });
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    // Locked: even the right password is refused until the lock expires or an admin unlocks.
    const right = await anon.post<{ error: { code: string } }>('/api/auth/login', {
      username: user.username,
      password: testPassword,
    });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('ACCOUNT_LOCKED');

    const admin = await createUser(ctx, { role: 'admin' });
    const adminClient = await login(app, admin.username, admin.password);
    const unlocked = await adminClient.patch(`/api/users/${user.id}`, { unlock: true });
    expect(unlocked.status).toBe(200);
    await expect(login(app, user.username, testPassword)).resolves.toBeDefined();
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await clientFor(app).post<{ error: { code: string } }>('/api/auth/login', {
      username: 'nobody',
      password: 'x',
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('records successful and failed logins in the audit log', async () => {
    const user = await createUser(ctx, { role: 'leader', regionId: regions.district });
    await clientFor(app).post('/api/auth/login', { username: user.username, password: 'bad' });
    await login(app, user.username, testPassword);
    const rows = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', String(user.id))
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['login.failure', 'login.success']);
  });
});

describe('session and CSRF', () => {
  it('refuses a state change without the CSRF token of the session', async () => {
    const user = await createUser(ctx, { role: 'admin' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: testPassword },
    });
    const cookie = `sy_session=${res.cookies.find((c) => c.name === 'sy_session')!.value}`;
    const noToken = await app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: { cookie },
      payload: { ids: 'all' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(JSON.parse(noToken.body).error.code).toBe('CSRF_FAILED');
    const withToken = await app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: { cookie, 'x-csrf-token': JSON.parse(res.body).csrfToken },
      payload: { ids: 'all' },
    });
    expect(withToken.statusCode).toBe(200);
  });

  it('refuses a login posted from another site', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example', host: 'localhost:3000' },
      payload: { username: 'x', password: 'y' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('ends the session at logout', async () => {
    const user = await createUser(ctx, { role: 'office', regionId: regions.district });
    const client = await login(app, user.username, testPassword);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    const after = await client.get<{ error: { code: string } }>('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('NOT_AUTHENTICATED');
  });
});

describe('passwords', () => {
  it('makes an admin-created account change its password before anything else', async () => {
    const admin = await login(app, (await createUser(ctx, { role: 'admin' })).username, testPassword);
    const created = await admin.post<{ id: number; mustChangePassword: boolean }>('/api/users', {
      username: 'newstaff',
      displayName: '新同事',
      role: 'street',
      regionId: regions.streets[1],
      password: 'Initial-Pass-2026',
    });
    expect(created.status).toBe(200);
    expect(created.body.mustChangePassword).toBe(true);

    const user = await login(app, 'newstaff', 'Initial-Pass-2026');
    const blocked = await user.get<{ error: { code: string } }>('/api/registry/summary');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await user.post<{ error: { code: string; message: string } }>('/api/auth/password', {
      currentPassword: 'Initial-Pass-2026',
      newPassword: 'abc',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    expect(weak.body.error.message).toMatch(/至少 10 位/);

    const ok = await user.post('/api/auth/password', {
      currentPassword: 'Initial-Pass-2026',
      newPassword: 'Better-Pass-2027',
    });
    expect(ok.status).toBe(200);
    expect((await user.get('/api/registry/summary')).status).toBe(200);
    await expect(login(app, 'newstaff', 'Better-Pass-2027')).resolves.toBeDefined();
  });

  it('stores argon2id hashes, never the password', async () => {
    const user = await createUser(ctx, { role: 'auditor' });
    const row = await ctx.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(testPassword);
  });
});
