import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody, type ErrorCode } from '../../shared/errors.ts';

/** Exhaustive: a new code does not compile until it has a status. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_JSON':
    case 'WEAK_PASSWORD':
      return 400;
    case 'NOT_AUTHENTICATED':
    case 'INVALID_CREDENTIALS':
      return 401;
    case 'FORBIDDEN':
    case 'CSRF_FAILED':
    case 'PASSWORD_CHANGE_REQUIRED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'INVALID_STATE':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'ACCOUNT_LOCKED':
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
  }
}

/** Turns whatever was thrown into an AppError; anything unexpected becomes INTERNAL without its internals. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError(
      'VALIDATION_FAILED',
      undefined,
      error.validation.map((v) => ({
        path: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
        message: v.message ?? '取值无效',
      })),
    );
  }
  const fe = error as Partial<FastifyError> | undefined;
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_VALIDATION':
      return new AppError('VALIDATION_FAILED');
  }
  if (error instanceof SyntaxError && fe?.statusCode === 400) return new AppError('MALFORMED_JSON');
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED');
  }
  return new AppError('INTERNAL');
}

export function errorBody(error: AppError, requestId: string): ErrorBody {
  return { error: { code: error.code, message: error.message, details: error.details }, requestId };
}

/** `serveWebApp`: unknown non-API GETs are client-side routes (/registry, /campaign …) and load the single page. */
export function registerErrorHandling(app: FastifyInstance, options: { serveWebApp: boolean }): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') {
      // The stack goes to the server log (never personal data: no request body), never to the user.
      request.log.error({ err: error, requestId: request.id }, 'unhandled error');
    }
    reply.status(statusOf(appError.code)).send(errorBody(appError, request.id));
  });
  app.setNotFoundHandler((request, reply) => {
    // Missing build files (/assets/…) stay 404, so a stale page notices the new version instead of parsing HTML.
    const clientRoute = !request.url.startsWith('/api/') && !request.url.startsWith('/assets/');
    if (options.serveWebApp && request.method === 'GET' && clientRoute) {
      return reply.sendFile('index.html');
    }
    const appError = new AppError('NOT_FOUND', '请求的地址不存在，请检查链接或返回首页。');
    reply.status(404).send(errorBody(appError, request.id));
  });
}
