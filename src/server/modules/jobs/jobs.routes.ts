import { idParam } from '../../../shared/api/common.api.ts';
import { jobItem } from '../../../shared/api/jobs.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import { startJobReaper } from '../../platform/jobs.ts';
import * as service from './jobs.service.ts';

export function registerJobRoutes(app: ZodApp, ctx: AppContext): void {
  // Every node watches for jobs whose node died (lease ran out) and fails them once, with their cleanup.
  let stopReaper: (() => void) | null = null;
  app.addHook('onReady', async () => {
    stopReaper = startJobReaper(ctx.db);
  });
  app.addHook('onClose', async () => {
    stopReaper?.();
  });
  app.get(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['后台任务'],
        summary: '后台任务进度（仅任务发起人可见）',
        params: idParam,
        response: { 200: jobItem },
      },
    },
    async (request) => service.getJob(ctx, actorOf(request), request.params.id),
  );
}
