import { z } from 'zod';
import {
  assignTasksRequest,
  completeTasksRequest,
  completeTasksResponse,
  createTaskTypeRequest,
  familyTaskList,
  planTasksResponse,
  taskList,
  taskListQuery,
  taskTypeList,
  updateTaskTypeRequest,
} from '../../../shared/api/campaign-tasks.api.ts';
import { idParam, idParams } from '../../../shared/api/common.api.ts';
import type { AppContext } from '../../context.ts';
import { routes } from '../../http/route.ts';
import type { ZodApp } from '../../http/types.ts';
import * as completion from './task-completion.service.ts';
import * as lists from './task-lists.service.ts';
import * as tasks from './tasks.service.ts';

const id = z.coerce.number().int().positive();

/** Campaign task types (送立功喜报, 挂光荣牌, 贴春联年画 …) and their tasks. */
export function registerCampaignTaskRoutes(app: ZodApp, ctx: AppContext): void {
  const r = routes(app, ['走访慰问任务']);
  const typeParams = idParams('typeId');
  r.get(
    '/api/campaigns/:id/task-types',
    { summary: '活动的任务类型及完成数', params: idParam, response: taskTypeList },
    async ({ actor, params }) => ({ items: await tasks.listTaskTypes(ctx, actor, params.id) }),
  );
  r.post(
    '/api/campaigns/:id/task-types',
    { summary: '增加任务类型', params: idParam, body: createTaskTypeRequest, response: taskTypeList },
    async ({ actor, params, body }) => ({ items: await tasks.createTaskType(ctx, actor, params.id, body) }),
  );
  r.patch(
    '/api/campaigns/:id/task-types/:typeId',
    { summary: '修改任务类型', params: typeParams, body: updateTaskTypeRequest, response: taskTypeList },
    async ({ actor, params, body }) => ({
      items: await tasks.updateTaskType(ctx, actor, params.id, params.typeId, body),
    }),
  );
  r.delete(
    '/api/campaigns/:id/task-types/:typeId',
    { summary: '删除任务类型（尚无完成的任务时）', params: typeParams, response: taskTypeList },
    async ({ actor, params }) => ({ items: await tasks.deleteTaskType(ctx, actor, params.id, params.typeId) }),
  );
  r.post(
    '/api/campaigns/:id/tasks/plan',
    {
      summary: '安排任务：按名单、喜报登记簿和光荣牌登记簿生成尚未安排的任务',
      params: idParam,
      response: planTasksResponse,
    },
    async ({ actor, params }) => tasks.planTasks(ctx, actor, params.id),
  );
  r.post(
    '/api/campaigns/:id/tasks/plaque-replacements',
    {
      summary: '安排某户光荣牌更换',
      params: idParam,
      body: z.strictObject({ householdId: id }),
      response: z.object({ created: z.number().int() }),
    },
    async ({ actor, params, body }) => tasks.addReplacementTask(ctx, actor, params.id, body.householdId),
  );
  r.get(
    '/api/campaigns/:id/tasks',
    { summary: '任务清单', params: idParam, query: taskListQuery, response: taskList },
    async ({ actor, params, query }) => lists.listTasks(ctx, actor, params.id, query),
  );
  r.post(
    '/api/campaigns/:id/tasks/assignments',
    {
      summary: '分派任务给走访人员（不选人员则改回随名单分派）',
      params: idParam,
      body: assignTasksRequest,
      response: z.object({ count: z.number().int() }),
    },
    async ({ actor, params, body }) => lists.assignTasks(ctx, actor, params.id, body),
  );
  r.get(
    '/api/campaigns/:id/entries/:entryId/tasks',
    { summary: '该户的任务（走访登记页勾选）', params: idParams('entryId'), response: familyTaskList },
    async ({ actor, params }) => lists.familyTasksOf(ctx, actor, params.id, params.entryId),
  );
  r.post(
    '/api/campaigns/:id/tasks/complete',
    {
      summary: '登记任务完成（可离线登记后同步，同一次提交只计一次）',
      params: idParam,
      body: completeTasksRequest,
      response: completeTasksResponse,
    },
    async ({ actor, params, body }) => completion.completeTasks(ctx, actor, params.id, body),
  );
}
