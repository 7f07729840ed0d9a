import { idParam } from '../../../shared/api/common.api.ts';
import { jobItem } from '../../../shared/api/jobs.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import { startJobReaper } from '../../platform/jobs.ts';
import * as service from './jobs.service.ts';

export function registerJobRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['后台任务']);
  // Every node watches for jobs whose node died (lease ran out) and fails them once, with their cleanup.
  let stopReaper: (() => void) | null = null;
  app.addHook('onReady', async () => {
    stopReaper = startJobReaper(ctx.db);
  });
  app.addHook('onClose', async () => {
    stopReaper?.();
  });
  r.get(
    '/api/jobs/:id',
    { summary: '后台任务进度（仅任务发起人可见）', params: idParam, response: jobItem },
    async ({ actor, params }) => service.getJob(ctx, actor, params.id),
  );
}
