import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.ts';
import type { AppContext } from '../context.ts';
import { type ResolvedSession, resolveSession } from '../modules/auth/auth.service.ts';
import type { Actor } from '../platform/access.ts';

export const sessionCookie = 'sy_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (health, login). */
    public?: boolean;
    /** Reachable while the user must still change the initial password. */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The acting user of an authenticated route. The global hook guarantees it exists on non-public routes. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError('NOT_AUTHENTICATED');
  return request.session.actor;
}

export function sessionOf(request: FastifyRequest): ResolvedSession {
  if (!request.session) throw new AppError('NOT_AUTHENTICATED');
  return request.session;
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.cookieSecure,
    maxAge: 12 * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: '/' });
}

/**
 * Every /api request: resolve the session, refuse what needs one, and check CSRF on state changes.
 * CSRF: with a session, the `x-csrf-token` header must carry the session's token (SameSite=Strict is the
 * second wall). Without one (login), a cross-site Origin is refused; forms cannot send JSON anyway.
 */
export function registerAuthHooks(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.is404) return;
    const token = request.cookies[sessionCookie];
    const client = { ip: request.ip, userAgent: request.headers['user-agent'] ?? '', requestId: request.id };
    request.session = token ? await resolveSession(ctx, token, client) : null;
    const config = request.routeOptions.config;
    // The API documentation is public; everything else needs a session unless its route says otherwise.
    const isPublic = config.public === true || request.url.startsWith('/api/docs');
    const unsafe = !safeMethods.has(request.method);

    if (!request.session) {
      if (!isPublic) throw new AppError('NOT_AUTHENTICATED');
      if (unsafe && !sameOrigin(request)) throw new AppError('CSRF_FAILED');
      return;
    }
    if (unsafe && request.headers['x-csrf-token'] !== request.session.csrfToken) throw new AppError('CSRF_FAILED');
    if (request.session.mustChangePassword && !isPublic && !config.beforePasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
  });
}

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
