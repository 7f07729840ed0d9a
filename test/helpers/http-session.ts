/**
 * A logged-in user over real HTTP (fetch, keep-alive), for tests and benchmarks that drive running servers:
 * keeps the session cookie and the CSRF token, and never throws on an HTTP status — a lost connection comes
 * back as status 0, like a phone that got no answer.
 */
export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
  ms: number;
}

export class HttpSession {
  private cookie = '';
  private csrf = '';

  constructor(private readonly base: string) {}

  async login(username: string, password: string): Promise<HttpAnswer<{ csrfToken?: string }>> {
    const answer = await this.send<{ csrfToken?: string }>('POST', '/api/auth/login', { username, password }, true);
    return answer;
  }

  get<T = unknown>(url: string): Promise<HttpAnswer<T>> {
    return this.send<T>('GET', url);
  }

  post<T = unknown>(url: string, body: unknown): Promise<HttpAnswer<T>> {
    return this.send<T>('POST', url, body);
  }

  private async send<T>(method: string, url: string, body?: unknown, isLogin = false): Promise<HttpAnswer<T>> {
    const start = performance.now();
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    try {
      const res = await fetch(`${this.base}${url}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      const parsed = res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text;
      if (isLogin && res.status === 200) {
        const session = res.headers.getSetCookie().find((c) => c.startsWith('sy_session='));
        if (session) this.cookie = session.split(';')[0]!;
        this.csrf = (parsed as { csrfToken?: string }).csrfToken ?? '';
      }
      return { status: res.status, body: parsed as T, ms: performance.now() - start };
    } catch {
      return { status: 0, body: null as T, ms: performance.now() - start };
    }
  }
}
