/**
 * The one HTTP client of the web app. Every server call goes through `api.*`: JSON in and out, the session
 * cookie (same-origin), the CSRF token on every state-changing request, and error bodies turned into ApiError.
 */
import type { ErrorCode, ErrorDetail } from '../../shared/errors.ts';

export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | 'BAD_RESPONSE';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: ErrorDetail[];
  readonly requestId: string | null;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    details: ErrorDetail[] = [],
    requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** The Chinese text to show for any error, with what to do next. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作未能完成，请刷新页面后重试；如持续出现请联系系统管理员。';
}

/** Events the app reacts to globally (set up once in main.tsx). */
export type ApiEvent = { type: 'unauthenticated' } | { type: 'passwordChangeRequired' };
let listener: (event: ApiEvent) => void = () => {};
export function onApiEvent(handler: (event: ApiEvent) => void): void {
  listener = handler;
}

let csrfToken: string | null = null;
/** Taken from the login and /api/auth/me responses; sent as `x-csrf-token` on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: QueryParams | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface ErrorBodyShape {
  error?: { code?: unknown; message?: unknown; details?: unknown };
  requestId?: unknown;
}

/** The server's own error from a response body `{ error: { code, message, details }, requestId }`, if it is one. */
export function serverError(status: number, body: unknown): ApiError | null {
  const shape = (body ?? {}) as ErrorBodyShape;
  const err = shape.error;
  const requestId = typeof shape.requestId === 'string' ? shape.requestId : null;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    const details = Array.isArray(err.details) ? (err.details as ErrorDetail[]) : [];
    return new ApiError(status, err.code as ErrorCode, err.message, details, requestId);
  }
  return null;
}

function toApiError(status: number, body: unknown): ApiError {
  const error = serverError(status, body);
  if (error) return error;
  if (status === 502 || status === 503 || status === 504) {
    return new ApiError(status, 'NETWORK_ERROR', '服务器暂时无法访问，请稍后重试。');
  }
  return new ApiError(
    status,
    'BAD_RESPONSE',
    `服务器返回了无法识别的响应（HTTP ${status}），请稍后重试或联系系统管理员。`,
  );
}

async function send<T>(method: string, path: string, options: RequestOptions, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络连接后重试。');
  }

  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (response.ok) return body as T;

  const error = toApiError(response.status, body);
  // The CSRF token may be stale (e.g. after a password change elsewhere): refresh it once and retry.
  if (error.code === 'CSRF_FAILED' && method !== 'GET' && !retried && path !== '/api/auth/login') {
    const me = await send<{ csrfToken?: string }>('GET', '/api/auth/me', {}, true).catch(() => null);
    if (me?.csrfToken) {
      setCsrfToken(me.csrfToken);
      return send<T>(method, path, options, true);
    }
  }
  if (error.code === 'NOT_AUTHENTICATED' && path !== '/api/auth/login') listener({ type: 'unauthenticated' });
  if (error.code === 'PASSWORD_CHANGE_REQUIRED') listener({ type: 'passwordChangeRequired' });
  throw error;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => send<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => send<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, { body }),
  delete: <T>(path: string) => send<T>('DELETE', path, {}),
};

/**
 * Sends one file's bytes as `application/octet-stream` (the JSON client cannot), with the session's CSRF token;
 * the file name and flags go in `query`. `tooLarge` tells the user what to do when the server refuses the size.
 */
export async function uploadBytes<T>(
  url: string,
  file: Blob,
  csrfToken: string,
  { query = {}, tooLarge }: { query?: Record<string, string>; tooLarge: string },
): Promise<T> {
  const qs = new URLSearchParams(query).toString();
  let response: Response;
  try {
    response = await fetch(qs ? `${url}?${qs}` : url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken, accept: 'application/json' },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络连接后重试。');
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;
  const error = serverError(response.status, body);
  if (error) throw error;
  if (response.status === 413) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', tooLarge);
  throw new ApiError(response.status, 'BAD_RESPONSE', `上传失败（HTTP ${response.status}），请稍后重试。`);
}
