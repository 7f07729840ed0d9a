import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiEvent, api, onApiEvent, setCsrfToken, uploadBytes } from './client.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function mockFetch(...responses: Response[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const next = responses.shift();
      if (!next) throw new TypeError('network down');
      return next;
    }),
  );
  return calls;
}

const header = (init: RequestInit, name: string) => (init.headers as Record<string, string>)[name];

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  onApiEvent(() => {});
});

describe('api client', () => {
  it('sends JSON with the CSRF token on state changes only, and query strings without empty values', async () => {
    setCsrfToken('tok');
    const calls = mockFetch(json(200, { items: [] }), json(200, { ok: true }));
    await api.get('/api/users', { q: '', page: 2, unreadOnly: undefined });
    await api.post('/api/notifications/read', { ids: [1] });
    expect(calls[0]!.url).toBe('/api/users?page=2');
    expect(header(calls[0]!.init, 'x-csrf-token')).toBeUndefined();
    expect(calls[0]!.init.credentials).toBe('same-origin');
    expect(header(calls[1]!.init, 'x-csrf-token')).toBe('tok');
    expect(calls[1]!.init.body).toBe('{"ids":[1]}');
  });

  it('turns error bodies into ApiError with the Chinese message, details and request id', async () => {
    mockFetch(
      json(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误',
          details: [{ path: 'body.username', message: '太短' }],
        },
        requestId: 'r1',
      }),
    );
    const error = await api.post('/api/users', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '提交的内容有误', requestId: 'r1' });
    expect((error as ApiError).details[0]).toEqual({ path: 'body.username', message: '太短' });
  });

  it('reports NOT_AUTHENTICATED and PASSWORD_CHANGE_REQUIRED to the app', async () => {
    const events: ApiEvent[] = [];
    onApiEvent((e) => events.push(e));
    mockFetch(
      json(401, { error: { code: 'NOT_AUTHENTICATED', message: '请重新登录', details: [] }, requestId: 'a' }),
      json(403, { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '请先修改密码', details: [] }, requestId: 'b' }),
    );
    await api.get('/api/units').catch(() => {});
    await api.get('/api/units').catch(() => {});
    expect(events).toEqual([{ type: 'unauthenticated' }, { type: 'passwordChangeRequired' }]);
  });

  it('does not treat a failed login as an expired session', async () => {
    const events: ApiEvent[] = [];
    onApiEvent((e) => events.push(e));
    mockFetch(json(401, { error: { code: 'NOT_AUTHENTICATED', message: 'x', details: [] }, requestId: 'a' }));
    await api.post('/api/auth/login', { username: 'a', password: 'b' }).catch(() => {});
    expect(events).toEqual([]);
  });

  it('refreshes a stale CSRF token once and retries', async () => {
    setCsrfToken('old');
    const calls = mockFetch(
      json(403, { error: { code: 'CSRF_FAILED', message: '页面已过期', details: [] }, requestId: 'a' }),
      json(200, { csrfToken: 'new' }),
      json(200, { ok: true }),
    );
    await expect(api.patch('/api/users/1', { unlock: true })).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/users/1', '/api/auth/me', '/api/users/1']);
    expect(header(calls[2]!.init, 'x-csrf-token')).toBe('new');
  });

  it('says so in Chinese when the server cannot be reached or answers garbage', async () => {
    mockFetch(new Response('<html>bad gateway</html>', { status: 502 }));
    await expect(api.get('/api/units')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    mockFetch();
    await expect(api.get('/api/units')).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: expect.stringContaining('网络'),
    });
  });
});

describe('uploadBytes', () => {
  const file = new Blob(['abc']);

  it('sends the raw bytes with the CSRF token and the query, and returns the JSON answer', async () => {
    const calls = mockFetch(json(200, { id: 7 }));
    const stored = await uploadBytes<{ id: number }>('/api/files', file, 'tok', {
      query: { name: '通知.pdf' },
      tooLarge: '太大',
    });
    expect(stored).toEqual({ id: 7 });
    expect(calls[0]!.url).toBe(`/api/files?name=${encodeURIComponent('通知.pdf')}`);
    expect(header(calls[0]!.init, 'content-type')).toBe('application/octet-stream');
    expect(header(calls[0]!.init, 'x-csrf-token')).toBe('tok');
    expect(calls[0]!.init.body).toBe(file);
  });

  it("gives the server's error, the caller's words for a file too large, and a Chinese line for the rest", async () => {
    mockFetch(
      json(409, { error: { code: 'CONFLICT', message: '已存在' }, requestId: 'r9' }),
      new Response('too big', { status: 413 }),
      new Response('<html>', { status: 500 }),
    );
    const fail = () => uploadBytes('/api/files', file, 'tok', { tooLarge: '文件过大，请拆分后上传。' }).catch((e) => e);
    expect(await fail()).toMatchObject({ status: 409, code: 'CONFLICT', message: '已存在', requestId: 'r9' });
    expect(await fail()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '文件过大，请拆分后上传。' });
    expect(await fail()).toMatchObject({ code: 'BAD_RESPONSE', message: '上传失败（HTTP 500），请稍后重试。' });
    expect(await fail()).toMatchObject({ code: 'NETWORK_ERROR' });
  });
});
