import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { PersonCampaignHistory } from '../../../shared/api/campaign-visits.api.ts';
import type {
  AssessmentItem,
  ConfirmationItem,
  confirmationList,
  HouseholdDetail,
  householdList,
  PersonDetail,
  PersonInput,
  personHistory,
  personList,
  RegistryDictionary,
  saveConfirmationRequest,
  saveHouseholdRequest,
} from '../../../shared/api/registry.api.ts';
import { api, type QueryParams } from '../../api/client.ts';

export type PersonList = z.infer<typeof personList>;
export type PersonHistory = z.infer<typeof personHistory>;
export type ConfirmationList = z.infer<typeof confirmationList>;
export type HouseholdList = z.infer<typeof householdList>;
export type SaveConfirmation = z.input<typeof saveConfirmationRequest>;
export type SaveHousehold = z.input<typeof saveHouseholdRequest>;
type Saved = { id: number; version: number; changed: boolean };

/** The registry's query keys: everything under `['registry']` is refreshed after any registry change. */
export const registryKeys = {
  all: ['registry'] as const,
  dictionary: ['registry', 'dictionary'] as const,
  persons: (query: QueryParams) => ['registry', 'persons', query] as const,
  person: (id: number) => ['registry', 'person', id] as const,
  history: (id: number) => ['registry', 'person', id, 'history'] as const,
  campaigns: (id: number) => ['registry', 'person', id, 'campaigns'] as const,
  confirmations: (query: QueryParams) => ['registry', 'confirmations', query] as const,
  households: (query: QueryParams) => ['registry', 'households', query] as const,
  household: (id: number) => ['registry', 'household', id] as const,
};

export function useDictionary() {
  return useQuery({
    queryKey: registryKeys.dictionary,
    queryFn: ({ signal }) => api.get<RegistryDictionary>('/api/registry/dictionary', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function usePersons(query: QueryParams) {
  return useQuery({
    queryKey: registryKeys.persons(query),
    queryFn: ({ signal }) => api.get<PersonList>('/api/persons', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: number | null) {
  return useQuery({
    queryKey: registryKeys.person(id ?? 0),
    queryFn: ({ signal }) => api.get<PersonDetail>(`/api/persons/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function usePersonHistory(id: number, enabled: boolean) {
  return useQuery({
    queryKey: registryKeys.history(id),
    queryFn: ({ signal }) => api.get<PersonHistory>(`/api/persons/${id}/history`, undefined, signal),
    enabled,
  });
}

export function usePersonCampaigns(id: number, enabled: boolean) {
  return useQuery({
    queryKey: registryKeys.campaigns(id),
    queryFn: ({ signal }) => api.get<PersonCampaignHistory>(`/api/persons/${id}/campaigns`, undefined, signal),
    enabled,
  });
}

function useRegistryMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}

export function useSavePerson() {
  return useRegistryMutation(({ id, input }: { id: number | null; input: PersonInput }) =>
    id === null ? api.post<Saved>('/api/persons', input) : api.put<Saved>(`/api/persons/${id}`, input),
  );
}

export function useMarkDeceased(id: number) {
  return useRegistryMutation((input: { deathDate: string | null; version: number }) =>
    api.post<Saved>(`/api/persons/${id}/deceased`, input),
  );
}

/** Not cached: the full number lives only in the component that asked for it. */
export function useRevealIdNumber(id: number) {
  return useMutation({ mutationFn: () => api.post<{ idNumber: string }>(`/api/persons/${id}/reveal`) });
}

export function useAddAssessment(id: number) {
  return useRegistryMutation(
    (input: { assessedOn: string; situations: string[]; notes: string | null; needs: string | null }) =>
      api.post<AssessmentItem>(`/api/persons/${id}/assessments`, input),
  );
}

export function useSaveConfirmation() {
  return useRegistryMutation(({ personId, input }: { personId: number; input: SaveConfirmation }) =>
    api.post<ConfirmationItem>(`/api/persons/${personId}/confirmations`, input),
  );
}

export function useConfirmations(query: QueryParams) {
  return useQuery({
    queryKey: registryKeys.confirmations(query),
    queryFn: ({ signal }) => api.get<ConfirmationList>('/api/registry/confirmations', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useHouseholds(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: registryKeys.households(query),
    queryFn: ({ signal }) => api.get<HouseholdList>('/api/households', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useHousehold(id: number | null) {
  return useQuery({
    queryKey: registryKeys.household(id ?? 0),
    queryFn: ({ signal }) => api.get<HouseholdDetail>(`/api/households/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useSaveHousehold() {
  return useRegistryMutation(({ id, input }: { id: number | null; input: SaveHousehold }) =>
    id === null
      ? api.post<HouseholdDetail>('/api/households', input)
      : api.put<HouseholdDetail>(`/api/households/${id}`, input),
  );
}
