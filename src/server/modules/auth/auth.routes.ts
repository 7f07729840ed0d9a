import { changePasswordRequest, loginRequest, meResponse } from '../../../shared/api/auth.api.ts';
import { okResponse } from '../../../shared/api/common.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf, clearSessionCookie, sessionOf, setSessionCookie } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as service from './auth.service.ts';

export function registerAuthRoutes(app: ZodApp, ctx: AppContext): void {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['账号'], summary: '登录', body: loginRequest, response: { 200: meResponse } },
    },
    async (request, reply) => {
      const client = { ip: request.ip, userAgent: request.headers['user-agent'] ?? '', requestId: request.id };
      const { token } = await service.login(ctx, client, request.body.username, request.body.password);
      setSessionCookie(ctx, reply, token);
      const session = await service.resolveSession(ctx, token, client);
      if (!session) throw new Error('session vanished right after login');
      return service.me(ctx, session);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { beforePasswordChange: true },
      schema: { tags: ['账号'], summary: '退出登录', response: { 200: okResponse } },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      await service.logout(ctx, session.actor, session.sessionId);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { beforePasswordChange: true },
      schema: { tags: ['账号'], summary: '当前用户', response: { 200: meResponse } },
    },
    async (request) => service.me(ctx, sessionOf(request)),
  );

  app.post(
    '/api/auth/password',
    {
      config: { beforePasswordChange: true },
      schema: { tags: ['账号'], summary: '修改密码', body: changePasswordRequest, response: { 200: okResponse } },
    },
    async (request) => {
      const session = sessionOf(request);
      await service.changePassword(
        ctx,
        actorOf(request),
        session.sessionId,
        request.body.currentPassword,
        request.body.newPassword,
      );
      return { ok: true as const };
    },
  );
}
