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
import { idParam } from '../../../shared/api/common.api.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/auth.ts';
import type { ZodApp } from '../../http/types.ts';
import * as completion from './task-completion.service.ts';
import * as lists from './task-lists.service.ts';
import * as tasks from './tasks.service.ts';

const id = z.coerce.number().int().positive();
const typeParams = z.strictObject({ id, typeId: id });
const entryParams = z.strictObject({ id, entryId: id });

/** Campaign task types (送立功喜报, 挂光荣牌, 贴春联年画 …) and their tasks. */
export function registerCampaignTaskRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['走访慰问任务'];
  const types = { 200: taskTypeList };
  app.get(
    '/api/campaigns/:id/task-types',
    { schema: { tags, summary: '活动的任务类型及完成数', params: idParam, response: types } },
    async (request) => ({ items: await tasks.listTaskTypes(ctx, actorOf(request), request.params.id) }),
  );
  app.post(
    '/api/campaigns/:id/task-types',
    { schema: { tags, summary: '增加任务类型', params: idParam, body: createTaskTypeRequest, response: types } },
    async (request) => ({
      items: await tasks.createTaskType(ctx, actorOf(request), request.params.id, request.body),
    }),
  );
  app.patch(
    '/api/campaigns/:id/task-types/:typeId',
    {
      schema: { tags, summary: '修改任务类型', params: typeParams, body: updateTaskTypeRequest, response: types },
    },
    async (request) => ({
      items: await tasks.updateTaskType(ctx, actorOf(request), request.params.id, request.params.typeId, request.body),
    }),
  );
  app.delete(
    '/api/campaigns/:id/task-types/:typeId',
    { schema: { tags, summary: '删除任务类型（尚无完成的任务时）', params: typeParams, response: types } },
    async (request) => ({
      items: await tasks.deleteTaskType(ctx, actorOf(request), request.params.id, request.params.typeId),
    }),
  );
  app.post(
    '/api/campaigns/:id/tasks/plan',
    {
      schema: {
        tags,
        summary: '安排任务：按名单、喜报登记簿和光荣牌登记簿生成尚未安排的任务',
        params: idParam,
        response: { 200: planTasksResponse },
      },
    },
    async (request) => tasks.planTasks(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/campaigns/:id/tasks/plaque-replacements',
    {
      schema: {
        tags,
        summary: '安排某户光荣牌更换',
        params: idParam,
        body: z.strictObject({ householdId: id }),
        response: { 200: z.object({ created: z.number().int() }) },
      },
    },
    async (request) => tasks.addReplacementTask(ctx, actorOf(request), request.params.id, request.body.householdId),
  );
  app.get(
    '/api/campaigns/:id/tasks',
    {
      schema: { tags, summary: '任务清单', params: idParam, querystring: taskListQuery, response: { 200: taskList } },
    },
    async (request) => lists.listTasks(ctx, actorOf(request), request.params.id, request.query),
  );
  app.post(
    '/api/campaigns/:id/tasks/assignments',
    {
      schema: {
        tags,
        summary: '分派任务给走访人员（不选人员则改回随名单分派）',
        params: idParam,
        body: assignTasksRequest,
        response: { 200: z.object({ count: z.number().int() }) },
      },
    },
    async (request) => lists.assignTasks(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/campaigns/:id/entries/:entryId/tasks',
    {
      schema: { tags, summary: '该户的任务（走访登记页勾选）', params: entryParams, response: { 200: familyTaskList } },
    },
    async (request) => lists.familyTasksOf(ctx, actorOf(request), request.params.id, request.params.entryId),
  );
  app.post(
    '/api/campaigns/:id/tasks/complete',
    {
      schema: {
        tags,
        summary: '登记任务完成（可离线登记后同步，同一次提交只计一次）',
        params: idParam,
        body: completeTasksRequest,
        response: { 200: completeTasksResponse },
      },
    },
    async (request) => completion.completeTasks(ctx, actorOf(request), request.params.id, request.body),
  );
}
