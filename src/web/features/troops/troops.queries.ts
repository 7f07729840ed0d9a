import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  assignRequestBody,
  createLookupRequest,
  createRequestBody,
  LookupItem,
  LookupList,
  MeetingDetail,
  MeetingListItem,
  ProgrammeItem,
  ProgrammeSummary,
  RequestDetail,
  RequestListItem,
  RequestStats,
  rateRequestBody,
  saveMeetingBody,
  saveProgrammeRequest,
  updateLookupRequest,
  updateRequestBody,
} from '../../../shared/api/troops.api.ts';
import { api, type QueryParams } from '../../api/client.ts';

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export type CreateRequestInput = z.input<typeof createRequestBody>;
export type UpdateRequestInput = z.input<typeof updateRequestBody>;
export type SaveMeetingInput = z.input<typeof saveMeetingBody>;
type StepResult = { id: number; status: string; request: RequestDetail | null };

/** Query keys of the troop feature: everything under 'troops', so one invalidation refreshes every view. */
export const troopKeys = {
  all: ['troops'] as const,
  lookups: ['troops', 'lookups'] as const,
  programmes: ['troops', 'programmes'] as const,
  programmeSummary: (id: number) => ['troops', 'programmes', 'summary', id] as const,
  requests: (filter: object) => ['troops', 'requests', filter] as const,
  request: (id: number) => ['troops', 'request', id] as const,
  stats: ['troops', 'stats'] as const,
  meetings: (filter: object) => ['troops', 'meetings', filter] as const,
  meeting: (id: number) => ['troops', 'meeting', id] as const,
};

export function useLookups() {
  return useQuery({
    queryKey: troopKeys.lookups,
    queryFn: ({ signal }) => api.get<{ items: LookupItem[] }>('/api/troops/lookups', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

/** Active entries of one dictionary, for a select; `names` maps every code (inactive too) to its name. */
export function useLookupList(list: LookupList) {
  const lookups = useLookups();
  const items = (lookups.data ?? []).filter((l) => l.list === list);
  return {
    ...lookups,
    options: items.filter((l) => l.active).map((l) => ({ value: l.code, label: l.name, subject: l.subject })),
    names: new Map(items.map((l) => [l.code, l.name])),
  };
}

export function useProgrammes() {
  return useQuery({
    queryKey: troopKeys.programmes,
    queryFn: ({ signal }) => api.get<{ items: ProgrammeItem[] }>('/api/troops/programmes', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useProgrammeSummary(id: number) {
  return useQuery({
    queryKey: troopKeys.programmeSummary(id),
    queryFn: ({ signal }) => api.get<ProgrammeSummary>(`/api/troops/programmes/${id}/summary`, undefined, signal),
  });
}

export function useRequests(filter: QueryParams & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: troopKeys.requests(filter),
    queryFn: ({ signal }) => api.get<Paged<RequestListItem>>('/api/troops/requests', filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: number) {
  return useQuery({
    queryKey: troopKeys.request(id),
    queryFn: ({ signal }) => api.get<RequestDetail>(`/api/troops/requests/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useRequestStats(enabled = true) {
  return useQuery({
    queryKey: troopKeys.stats,
    queryFn: ({ signal }) => api.get<RequestStats>('/api/troops/requests/stats', undefined, signal),
    enabled,
  });
}

export function useMeetings(filter: QueryParams & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: troopKeys.meetings(filter),
    queryFn: ({ signal }) => api.get<Paged<MeetingListItem>>('/api/troops/meetings', filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: number) {
  return useQuery({
    queryKey: troopKeys.meeting(id),
    queryFn: ({ signal }) => api.get<MeetingDetail>(`/api/troops/meetings/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Refreshes every troop view, and the notification bell (steps notify people). */
export function useInvalidateTroops() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: troopKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['army-people'] });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
}

function useTroopMutation<I, O>(fn: (input: I) => Promise<O>) {
  const invalidate = useInvalidateTroops();
  return useMutation({ mutationFn: fn, onSuccess: invalidate });
}

export const useCreateRequest = () =>
  useTroopMutation((input: CreateRequestInput) => api.post<RequestDetail>('/api/troops/requests', input));
export const useUpdateRequest = (id: number) =>
  useTroopMutation((input: UpdateRequestInput) => api.put<RequestDetail>(`/api/troops/requests/${id}`, input));
export const useAssign = (id: number) =>
  useTroopMutation((input: z.input<typeof assignRequestBody>) =>
    api.post<StepResult>(`/api/troops/requests/${id}/assign`, input),
  );
export const useStep = (id: number) =>
  useTroopMutation(({ action, comment }: { action: 'return' | 'resolve' | 'reopen'; comment: string }) =>
    api.post<StepResult>(`/api/troops/requests/${id}/${action}`, { comment }),
  );
export const useRate = (id: number) =>
  useTroopMutation((input: z.input<typeof rateRequestBody>) =>
    api.post<StepResult>(`/api/troops/requests/${id}/rate`, input),
  );
export const useComment = (id: number) =>
  useTroopMutation((comment: string) => api.post<RequestDetail>(`/api/troops/requests/${id}/comments`, { comment }));
export const useLinkSupporter = (id: number) =>
  useTroopMutation((input: { supporterId: number; note: string | null }) =>
    api.post<RequestDetail>(`/api/troops/requests/${id}/supporters`, input),
  );
export const useUnlinkSupporter = (id: number) =>
  useTroopMutation((supporterId: number) =>
    api.delete<RequestDetail>(`/api/troops/requests/${id}/supporters/${supporterId}`),
  );
export const useDeleteAttachment = (base: string) =>
  useTroopMutation((fileId: number) => api.delete<{ ok: true }>(`${base}/attachments/${fileId}`));
export const useCheckOverdue = () =>
  useTroopMutation(() => api.post<{ flagged: number; notified: number }>('/api/troops/requests/check-overdue'));

export const useSaveMeeting = () =>
  useTroopMutation(({ id, input }: { id: number | null; input: SaveMeetingInput }) =>
    id === null
      ? api.post<MeetingDetail>('/api/troops/meetings', input)
      : api.put<MeetingDetail>(`/api/troops/meetings/${id}`, input),
  );
export const useLinkMeetingRequest = (id: number) =>
  useTroopMutation((input: { requestId: number; relation: 'produced' | 'discussed' }) =>
    api.post<MeetingDetail>(`/api/troops/meetings/${id}/requests`, input),
  );
export const useUnlinkMeetingRequest = (id: number) =>
  useTroopMutation((requestId: number) =>
    api.delete<MeetingDetail>(`/api/troops/meetings/${id}/requests/${requestId}`),
  );

export const useSaveProgramme = () =>
  useTroopMutation(({ id, input }: { id: number | null; input: z.input<typeof saveProgrammeRequest> }) =>
    id === null
      ? api.post<ProgrammeItem>('/api/troops/programmes', input)
      : api.put<ProgrammeItem>(`/api/troops/programmes/${id}`, input),
  );
export const useCreateLookup = () =>
  useTroopMutation((input: z.input<typeof createLookupRequest>) => api.post<LookupItem>('/api/troops/lookups', input));
export const useUpdateLookup = () =>
  useTroopMutation(({ id, input }: { id: number; input: z.input<typeof updateLookupRequest> }) =>
    api.put<LookupItem>(`/api/troops/lookups/${id}`, input),
  );
