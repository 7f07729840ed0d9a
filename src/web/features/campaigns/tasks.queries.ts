/** Server calls for campaign task types and tasks (types from the shared zod contracts). */
import type { z } from 'zod';
import type {
  CampaignPlaqueAction,
  CompleteTasksRequest,
  familyTaskList,
  planTasksResponse,
  TaskItem,
  TaskKind,
  TaskTypeItem,
} from '../../../shared/api/campaign-tasks.api.ts';
import { api, type QueryParams } from '../../api/client.ts';
import { useCampaignPart } from './campaigns.queries.ts';

export type TaskPage = { items: TaskItem[]; total: number; page: number; pageSize: number };

export const useTaskTypes = (id: number) => useCampaignPart<{ items: TaskTypeItem[] }>(id, 'task-types');
export const useTasks = (id: number, params: QueryParams) => useCampaignPart<TaskPage>(id, 'tasks', params);
export const useFamilyTasks = (id: number, entryId: number) =>
  useCampaignPart<z.infer<typeof familyTaskList>>(id, `entries/${entryId}/tasks`);

export const taskApi = {
  createType: (id: number, kind: TaskKind) =>
    api.post<{ items: TaskTypeItem[] }>(`/api/campaigns/${id}/task-types`, { kind }),
  updateType: (id: number, typeId: number, input: { name?: string; plaqueActions?: CampaignPlaqueAction[] }) =>
    api.patch<{ items: TaskTypeItem[] }>(`/api/campaigns/${id}/task-types/${typeId}`, input),
  deleteType: (id: number, typeId: number) =>
    api.delete<{ items: TaskTypeItem[] }>(`/api/campaigns/${id}/task-types/${typeId}`),
  plan: (id: number) => api.post<z.infer<typeof planTasksResponse>>(`/api/campaigns/${id}/tasks/plan`),
  complete: (id: number, input: CompleteTasksRequest) =>
    api.post<{ done: number[]; alreadyDone: number[] }>(`/api/campaigns/${id}/tasks/complete`, input),
  assign: (id: number, taskIds: number[], userId: number | null) =>
    api.post<{ count: number }>(`/api/campaigns/${id}/tasks/assignments`, { taskIds, userId }),
};
