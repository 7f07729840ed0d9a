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

  /** The session's cookie and CSRF headers, for a load generator that sends its own requests. */
  headers(): Record<string, string> {
    return { cookie: this.cookie, 'x-csrf-token': this.csrf };
  }

  /** A file as the raw body, as the web app uploads it. */
  postBytes<T = unknown>(url: string, bytes: Buffer): Promise<HttpAnswer<T>> {
    return this.send<T>('POST', url, bytes);
  }

  /** GET of a binary answer (PDF, xlsx). */
  async download(url: string): Promise<{ status: number; bytes: Buffer; headers: Headers | null }> {
    try {
      const res = await fetch(`${this.base}${url}`, {
        headers: { cookie: this.cookie },
        signal: AbortSignal.timeout(120_000),
      });
      return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
    } catch {
      return { status: 0, bytes: Buffer.alloc(0), headers: null };
    }
  }

  private async send<T>(method: string, url: string, body?: unknown, isLogin = false): Promise<HttpAnswer<T>> {
    const start = performance.now();
    const headers: Record<string, string> = {};
    const raw = Buffer.isBuffer(body);
    if (body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    try {
      const res = await fetch(`${this.base}${url}`, {
        method,
        headers,
        ...(body !== undefined && { body: raw ? new Uint8Array(body as Buffer) : JSON.stringify(body) }),
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
