import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zhCN } from 'zod/locales';
import type { AppContext } from './context.ts';
import { registerAuthHooks } from './http/auth.ts';
import { registerErrorHandling } from './http/error-handler.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import type { ZodApp } from './http/types.ts';
import { registerArmyPeopleRoutes } from './modules/army-people/army-people.routes.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { registerBriefingRoutes } from './modules/briefings/briefings.routes.ts';
import { registerCampaignDocumentRoutes } from './modules/campaign-documents/campaign-documents.routes.ts';
import { registerCampaignRoutes } from './modules/campaigns/campaigns.routes.ts';
import { registerCampaignTaskRoutes } from './modules/campaigns/tasks.routes.ts';
import { registerHonourRoutes } from './modules/honours/honours.routes.ts';
import { registerJobRoutes } from './modules/jobs/jobs.routes.ts';
import { registerNoticeRoutes } from './modules/notices/notices.routes.ts';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.ts';
import { registerRegionRoutes } from './modules/regions/regions.routes.ts';
import { registerRegistryRoutes } from './modules/registry/registry.routes.ts';
import { registerRegistryImportRoutes } from './modules/registry/registry-import.routes.ts';
import { registerReportRoutes } from './modules/reports/reports.routes.ts';
import { registerTroopRoutes } from './modules/troops/troops.routes.ts';
import { registerUnitRoutes } from './modules/units/units.routes.ts';
import { registerUserRoutes } from './modules/users/users.routes.ts';
import { registerVisitRoutes } from './modules/visits/visits.routes.ts';
import { appVersion } from './version.ts';

// Validation messages in Chinese, for every schema in the process.
z.config(zhCN());

export interface BuildOptions {
  /** Folder of the built web app; served at `/` when it exists. */
  webDir?: string;
  logger?: boolean;
}

/** Every module's routes: a new module adds one line here. */
const modules: ((app: ZodApp, ctx: AppContext) => void)[] = [
  registerAuthRoutes,
  registerUserRoutes,
  registerRegionRoutes,
  registerUnitRoutes,
  registerNotificationRoutes,
  registerAuditRoutes,
  registerRegistryRoutes,
  registerJobRoutes,
  registerRegistryImportRoutes,
  registerNoticeRoutes,
  registerTroopRoutes,
  registerArmyPeopleRoutes,
  registerHonourRoutes,
  registerCampaignRoutes,
  registerCampaignTaskRoutes,
  registerVisitRoutes,
  registerCampaignDocumentRoutes,
  registerBriefingRoutes,
  registerReportRoutes,
];

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: ctx.config.logLevel,
          // Query strings carry search terms (names, ID fragments): the log keeps the path only.
          serializers: { req: (req) => ({ method: req.method, path: req.url.split('?')[0], requestId: req.id }) },
        }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webDir = options.webDir ?? path.resolve(import.meta.dirname, '../../dist/web');
  const serveWebApp = existsSync(path.join(webDir, 'index.html'));
  registerErrorHandling(app, { serveWebApp });

  registerSecurityHeaders(app, { strictTransportSecurity: ctx.config.cookieSecure });
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '双拥工作平台 API', version: appVersion, description: 'Shuangyong (双拥工作平台) HTTP API' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sy_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  registerAuthHooks(app, ctx);

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['系统'],
        summary: '健康检查',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), version: z.string() }),
        },
      },
    },
    async () => {
      await ctx.db.selectFrom('settings').select('key').limit(1).execute();
      return { status: 'ok' as const, database: ctx.engine, version: appVersion };
    },
  );

  for (const register of modules) register(app, ctx);

  if (serveWebApp) await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
  return app;
}
