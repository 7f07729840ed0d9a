import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedRegions } from '../../../test/helpers/factories.ts';
import { clientFor, createTestApp, login, type TestClient } from '../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext, testEngine } from '../../../test/helpers/test-context.ts';

let ctx: TestContext;
let app: FastifyInstance;
let admin: TestClient;
let csrfHeaders: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  await seedRegions(ctx);
  const user = await createUser(ctx, { role: 'admin' });
  admin = await login(app, user.username, user.password);
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: user.password },
  });
  csrfHeaders = {
    cookie: `sy_session=${res.cookies.find((c) => c.name === 'sy_session')!.value}`,
    'x-csrf-token': JSON.parse(res.body).csrfToken,
  };
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

type ErrorBody = {
  error: { code: string; message: string; details: { path?: string; message: string }[] };
  requestId: string;
};

describe('health and docs', () => {
  it('reports the engine and version', async () => {
    const res = await clientFor(app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: testEngine, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('serves the OpenAPI document with the API routes', async () => {
    const res = await clientFor(app).get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/units', '/api/audit']),
    );
  });

  it('sends security headers including a content security policy', async () => {
    const res = await clientFor(app).get('/api/health');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 and a Chinese message', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { ...csrfHeaders, 'content-type': 'application/json' },
      payload: '{"kind": "department", "name": ',
    });
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(res.body) as ErrorBody;
    expect(body.error.code).toBe('MALFORMED_JSON');
    expect(body.error.message).toMatch(/JSON/);
    expect(body.requestId).toBeTruthy();
  });

  it('answers an oversized body with 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { ...csrfHeaders, 'content-type': 'application/json' },
      payload: JSON.stringify({ kind: 'department', name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect((JSON.parse(res.body) as ErrorBody).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses unknown fields and wrong types with field details', async () => {
    const unknown = await admin.post<ErrorBody>('/api/units', { kind: 'department', name: '某局', secretFlag: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    const wrongType = await admin.post<ErrorBody>('/api/units', { kind: 'department', name: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details[0]?.path).toContain('name');
    expect(wrongType.body.error.details[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers a non-JSON content type without leaking internals', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { ...csrfHeaders, 'content-type': 'text/xml' },
      payload: '<unit/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.body).not.toMatch(/at .*\.ts|stack/i);
  });

  it('answers unknown routes with 404 in Chinese', async () => {
    const res = await admin.get<ErrorBody>('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(res.body.error.message).toMatch(/不存在/);
  });

  it('answers a bad id parameter with 400, not 500', async () => {
    const res = await admin.get<ErrorBody>('/api/units/abc');
    expect(res.status).toBe(400);
  });
});
