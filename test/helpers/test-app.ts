import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { TestContext } from './test-context.ts';

export interface TestResponse<T = unknown> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/** An HTTP client bound to one logged-in user (cookie and CSRF token kept), or to nobody. */
export interface TestClient {
  get<T = unknown>(url: string): Promise<TestResponse<T>>;
  post<T = unknown>(url: string, body?: unknown): Promise<TestResponse<T>>;
  put<T = unknown>(url: string, body?: unknown): Promise<TestResponse<T>>;
  patch<T = unknown>(url: string, body?: unknown): Promise<TestResponse<T>>;
  delete<T = unknown>(url: string): Promise<TestResponse<T>>;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function createTestApp(ctx: TestContext): Promise<FastifyInstance> {
  const app = await buildApp(ctx, { webDir: '/nonexistent' });
  await app.ready();
  return app;
}

function parse(raw: LightMyRequestResponse): TestResponse {
  const type = String(raw.headers['content-type'] ?? '');
  return {
    status: raw.statusCode,
    body: type.includes('json') && raw.body ? JSON.parse(raw.body) : raw.body,
    headers: raw.headers,
    raw,
  };
}

export function clientFor(app: FastifyInstance, session?: { cookie: string; csrf: string }): TestClient {
  const send = async (method: InjectOptions['method'], url: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrf;
    }
    const payload = body === undefined ? {} : { payload: body as InjectOptions['payload'] };
    // Test responses are typed by the caller, who asserts them.
    return parse(await app.inject({ method, url, headers, ...payload })) as TestResponse<never>;
  };
  return {
    get: (url) => send('GET', url),
    post: (url, body) => send('POST', url, body ?? {}),
    put: (url, body) => send('PUT', url, body ?? {}),
    patch: (url, body) => send('PATCH', url, body ?? {}),
    delete: (url) => send('DELETE', url),
    inject: (options) => app.inject(options),
  };
}

/** Logs in through the real endpoint and returns a client carrying the session. */
export async function login(app: FastifyInstance, username: string, password: string): Promise<TestClient> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sy_session');
  if (!cookie) throw new Error('no session cookie');
  const me = JSON.parse(res.body) as { csrfToken: string };
  return clientFor(app, { cookie: `sy_session=${cookie.value}`, csrf: me.csrfToken });
}
