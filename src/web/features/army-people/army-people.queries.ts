import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ActivityCalendar,
  ActivityDetail,
  ActivityListItem,
  ActivitySummary,
  addContactBody,
  HonoreeItem,
  PairingDetail,
  PairingListItem,
  SupporterDetail,
  SupporterListItem,
  saveActivityBody,
  saveHonoreeBody,
  savePairingBody,
  saveSupporterBody,
} from '../../../shared/api/army-people.api.ts';
import { api, type QueryParams } from '../../api/client.ts';

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

/** Query keys of the army–people feature, all under 'army-people'. */
export const armyPeopleKeys = {
  all: ['army-people'] as const,
  pairings: (filter: object) => ['army-people', 'pairings', filter] as const,
  pairing: (id: number) => ['army-people', 'pairing', id] as const,
  activities: (filter: object) => ['army-people', 'activities', filter] as const,
  activity: (id: number) => ['army-people', 'activity', id] as const,
  calendar: (month: string) => ['army-people', 'calendar', month] as const,
  summary: (filter: object) => ['army-people', 'summary', filter] as const,
  supporters: (filter: object) => ['army-people', 'supporters', filter] as const,
  supporter: (id: number) => ['army-people', 'supporter', id] as const,
  honorees: (filter: object) => ['army-people', 'honorees', filter] as const,
};

export function usePairings(filter: QueryParams & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: armyPeopleKeys.pairings(filter),
    queryFn: ({ signal }) => api.get<Paged<PairingListItem>>('/api/army-people/pairings', filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePairing(id: number) {
  return useQuery({
    queryKey: armyPeopleKeys.pairing(id),
    queryFn: ({ signal }) => api.get<PairingDetail>(`/api/army-people/pairings/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useActivities(filter: QueryParams & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: armyPeopleKeys.activities(filter),
    queryFn: ({ signal }) => api.get<Paged<ActivityListItem>>('/api/army-people/activities', filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: number) {
  return useQuery({
    queryKey: armyPeopleKeys.activity(id),
    queryFn: ({ signal }) => api.get<ActivityDetail>(`/api/army-people/activities/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useActivityCalendar(month: string) {
  return useQuery({
    queryKey: armyPeopleKeys.calendar(month),
    queryFn: ({ signal }) => api.get<ActivityCalendar>('/api/army-people/activities/calendar', { month }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useActivitySummary(filter: QueryParams) {
  return useQuery({
    queryKey: armyPeopleKeys.summary(filter),
    queryFn: ({ signal }) => api.get<ActivitySummary>('/api/army-people/activities/summary', filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSupporters(filter: QueryParams & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: armyPeopleKeys.supporters(filter),
    queryFn: ({ signal }) => api.get<Paged<SupporterListItem>>('/api/army-people/supporters', filter, signal),
    placeholderData: keepPreviousData,
  });
}

/** Active supporters to pick from (linking one to a request). */
export function useSupporterOptions() {
  return useQuery({
    queryKey: armyPeopleKeys.supporters({ options: true }),
    queryFn: ({ signal }) =>
      api.get<Paged<SupporterListItem>>('/api/army-people/supporters', { active: 'true', pageSize: 200 }, signal),
    select: (data) => data.items,
  });
}

export function useSupporter(id: number | null) {
  return useQuery({
    queryKey: armyPeopleKeys.supporter(id ?? 0),
    queryFn: ({ signal }) => api.get<SupporterDetail>(`/api/army-people/supporters/${id}`, undefined, signal),
    enabled: typeof id === 'number' && id > 0,
  });
}

export function useHonorees(filter: QueryParams & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: armyPeopleKeys.honorees(filter),
    queryFn: ({ signal }) => api.get<Paged<HonoreeItem>>('/api/army-people/honorees', filter, signal),
    placeholderData: keepPreviousData,
  });
}

function useArmyPeopleMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: armyPeopleKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['troops'] });
    },
  });
}

export const useSavePairing = () =>
  useArmyPeopleMutation(({ id, input }: { id: number | null; input: z.input<typeof savePairingBody> }) =>
    id === null
      ? api.post<PairingDetail>('/api/army-people/pairings', input)
      : api.put<PairingDetail>(`/api/army-people/pairings/${id}`, input),
  );
export const useAddContact = (id: number) =>
  useArmyPeopleMutation((input: z.input<typeof addContactBody>) =>
    api.post<PairingDetail>(`/api/army-people/pairings/${id}/contacts`, input),
  );
export const useDeleteContact = (id: number) =>
  useArmyPeopleMutation((contactId: number) =>
    api.delete<PairingDetail>(`/api/army-people/pairings/${id}/contacts/${contactId}`),
  );
export const useSaveActivity = () =>
  useArmyPeopleMutation(({ id, input }: { id: number | null; input: z.input<typeof saveActivityBody> }) =>
    id === null
      ? api.post<ActivityDetail>('/api/army-people/activities', input)
      : api.put<ActivityDetail>(`/api/army-people/activities/${id}`, input),
  );
export const useDeleteActivity = () =>
  useArmyPeopleMutation((id: number) => api.delete<{ ok: true }>(`/api/army-people/activities/${id}`));
export const useSaveSupporter = () =>
  useArmyPeopleMutation(({ id, input }: { id: number | null; input: z.input<typeof saveSupporterBody> }) =>
    id === null
      ? api.post<SupporterDetail>('/api/army-people/supporters', input)
      : api.put<SupporterDetail>(`/api/army-people/supporters/${id}`, input),
  );
export const useSaveHonoree = () =>
  useArmyPeopleMutation(({ id, input }: { id: number | null; input: z.input<typeof saveHonoreeBody> }) =>
    id === null
      ? api.post<HonoreeItem>('/api/army-people/honorees', input)
      : api.put<HonoreeItem>(`/api/army-people/honorees/${id}`, input),
  );
