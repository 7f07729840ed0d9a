/** Server calls of the campaign pages (types from the shared zod contracts; no zod at run time). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MyTaskItem } from '../../../shared/api/campaign-tasks.api.ts';
import type {
  CaseItem,
  MyVisitItem,
  ProgressResponse,
  progressList,
  RecordVisitRequest,
  VerificationItem,
  VisitItem,
} from '../../../shared/api/campaign-visits.api.ts';
import type {
  amendmentList,
  CampaignDetail,
  CampaignItem,
  CreateCampaignRequest,
  EvaluationResponse,
  exclusionList,
  PresetItem,
  RosterEntryItem,
  SaveStandardRequest,
  StandardItem,
  streetReviewList,
  TrialRunResponse,
  UpdateCampaignRequest,
  visitorList,
} from '../../../shared/api/campaigns.api.ts';
import type { JobItem } from '../../../shared/api/jobs.api.ts';
import { api, type QueryParams } from '../../api/client.ts';

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: ['campaigns', 'list'] as const,
  presets: ['campaigns', 'presets'] as const,
  detail: (id: number) => ['campaigns', id] as const,
  part: (id: number, part: string, params?: object) => ['campaigns', id, part, params ?? {}] as const,
  mine: (params: object) => ['campaigns', 'visits', 'mine', params] as const,
};

export type EntryPage = { items: RosterEntryItem[]; total: number; page: number; pageSize: number };
export type ExclusionPage = z.infer<typeof exclusionList>;
export type ProgressListPage = z.infer<typeof progressList>;

export function useCampaigns() {
  return useQuery({
    queryKey: campaignKeys.list,
    queryFn: ({ signal }) => api.get<{ items: CampaignItem[] }>('/api/campaigns', undefined, signal),
  });
}

export function usePresets() {
  return useQuery({
    queryKey: campaignKeys.presets,
    queryFn: ({ signal }) => api.get<{ items: PresetItem[] }>('/api/campaign-presets', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCampaign(id: number) {
  return useQuery({
    queryKey: campaignKeys.detail(id),
    queryFn: ({ signal }) => api.get<CampaignDetail>(`/api/campaigns/${id}`, undefined, signal),
  });
}

/** A GET under one campaign (entries, exclusions, reviews, progress …), refreshed with the campaign. */
export function useCampaignPart<T>(id: number, part: string, params?: QueryParams, enabled = true) {
  return useQuery({
    queryKey: campaignKeys.part(id, part, params),
    queryFn: ({ signal }) => api.get<T>(`/api/campaigns/${id}/${part}`, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const useEntries = (id: number, params: QueryParams) => useCampaignPart<EntryPage>(id, 'entries', params);
export const useExclusions = (id: number, params: QueryParams) =>
  useCampaignPart<ExclusionPage>(id, 'exclusions', params);
export const useReviews = (id: number) => useCampaignPart<z.infer<typeof streetReviewList>>(id, 'reviews');
export const useAmendments = (id: number) => useCampaignPart<z.infer<typeof amendmentList>>(id, 'amendments');
export const useProgress = (id: number, asOf?: string) =>
  useCampaignPart<ProgressResponse>(id, 'progress', asOf ? { asOf } : undefined);
export const useProgressList = (id: number, params: QueryParams) =>
  useCampaignPart<ProgressListPage>(id, 'progress/list', params);
export const useCases = (id: number, status: string) => useCampaignPart<{ items: CaseItem[] }>(id, 'cases', { status });
export const useVerifications = (id: number) => useCampaignPart<{ items: VerificationItem[] }>(id, 'verifications');
export const useVisitors = (id: number, enabled: boolean) =>
  useCampaignPart<z.infer<typeof visitorList>>(id, 'visitors', undefined, enabled);

/** The roster job's progress, polled while it runs. */
export function useRosterJob(id: number, enabled: boolean) {
  return useQuery({
    queryKey: campaignKeys.part(id, 'roster-job'),
    queryFn: ({ signal }) => api.get<JobItem>(`/api/campaigns/${id}/roster-job`, undefined, signal),
    enabled,
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'queued' || q.state.data.status === 'running') ? 700 : false,
  });
}

export function useMyVisits(params: QueryParams) {
  return useQuery({
    queryKey: campaignKeys.mine(params),
    queryFn: ({ signal }) =>
      api.get<{ items: MyVisitItem[]; total: number; tasks: MyTaskItem[] }>('/api/visits/mine', params, signal),
    placeholderData: keepPreviousData,
  });
}

/** Any campaign change: everything about campaigns is refetched (small, and always consistent). */
export function useCampaignMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
  });
}

export const campaignApi = {
  create: (input: CreateCampaignRequest) => api.post<CampaignDetail>('/api/campaigns', input),
  update: (id: number, input: UpdateCampaignRequest) => api.patch<CampaignDetail>(`/api/campaigns/${id}`, input),
  transition: (id: number, to: string) => api.post<CampaignDetail>(`/api/campaigns/${id}/status`, { to }),
  saveStandard: (id: number, standardId: number | null, input: SaveStandardRequest) =>
    standardId === null
      ? api.post<StandardItem>(`/api/campaigns/${id}/standards`, input)
      : api.put<StandardItem>(`/api/campaigns/${id}/standards/${standardId}`, input),
  deleteStandard: (id: number, standardId: number) =>
    api.delete<{ ok: true }>(`/api/campaigns/${id}/standards/${standardId}`),
  evaluate: (id: number, personId: number) =>
    api.post<EvaluationResponse>(`/api/campaigns/${id}/evaluate`, { personId }),
  trial: (id: number) => api.post<TrialRunResponse>(`/api/campaigns/${id}/trial`),
  generate: (id: number) => api.post<{ jobId: number }>(`/api/campaigns/${id}/roster`),
  removeEntry: (id: number, entryId: number, reason: string) =>
    api.post<{ status: string; message: string }>(`/api/campaigns/${id}/entries/${entryId}/remove`, { reason }),
  addEntry: (id: number, input: { personId: number; standardId: number; reason: string }) =>
    api.post<{ status: string; message: string }>(`/api/campaigns/${id}/entries`, input),
  confirmStreet: (id: number, streetId: number, note: string | null) =>
    api.post<{ ok: true }>(`/api/campaigns/${id}/reviews/${streetId}/confirm`, { note }),
  decide: (id: number, amendmentId: number, approve: boolean, note: string | null) =>
    api.post<{ ok: true }>(`/api/campaigns/${id}/amendments/${amendmentId}/decide`, { approve, note }),
  assign: (id: number, entryIds: number[], userId: number | null) =>
    api.post<{ count: number }>(`/api/campaigns/${id}/assignments`, { entryIds, userId }),
  sample: (id: number, size: number, streetId: number | null) =>
    api.post<{ items: VerificationItem[] }>(`/api/campaigns/${id}/verifications/sample`, { size, streetId }),
  outcome: (
    id: number,
    verificationId: number,
    input: { outcome: string; reportedCashCents: number | null; note: string | null },
  ) => api.post<VerificationItem>(`/api/campaigns/${id}/verifications/${verificationId}`, input),
  resolveCase: (id: number, caseId: number, resolution: string) =>
    api.post<CaseItem>(`/api/campaigns/${id}/cases/${caseId}/resolve`, { resolution }),
  entryVisit: (id: number, entryId: number) => api.get<VisitItem>(`/api/campaigns/${id}/entries/${entryId}/visit`),
  record: (id: number, entryId: number, body: RecordVisitRequest) =>
    api.post<VisitItem>(`/api/campaigns/${id}/entries/${entryId}/visit`, body),
};
