import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateMeritRequest,
  DeliverMeritRequest,
  MeritItem,
  meritList,
  PlaqueActionRequest,
  PlaqueDetail,
  plaqueList,
} from '../../../shared/api/honours.api.ts';
import { api, type QueryParams } from '../../api/client.ts';

export type PlaqueList = z.infer<typeof plaqueList>;
export type MeritList = z.infer<typeof meritList>;

const keys = {
  all: ['honours'] as const,
  plaques: (q: QueryParams) => ['honours', 'plaques', q] as const,
  plaque: (id: number) => ['honours', 'plaque', id] as const,
  merits: (q: QueryParams) => ['honours', 'merits', q] as const,
};

export function usePlaques(query: QueryParams) {
  return useQuery({
    queryKey: keys.plaques(query),
    queryFn: ({ signal }) => api.get<PlaqueList>('/api/honours/plaques', query, signal),
    placeholderData: (previous) => previous,
  });
}

export function usePlaque(householdId: number | null) {
  return useQuery({
    queryKey: keys.plaque(householdId ?? 0),
    queryFn: ({ signal }) => api.get<PlaqueDetail>(`/api/honours/plaques/${householdId}`, undefined, signal),
    enabled: householdId !== null,
  });
}

export function usePlaqueAction(householdId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PlaqueActionRequest) =>
      api.post<PlaqueDetail>(`/api/honours/plaques/${householdId}/actions`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useMerits(query: QueryParams) {
  return useQuery({
    queryKey: keys.merits(query),
    queryFn: ({ signal }) => api.get<MeritList>('/api/honours/merits', query, signal),
    placeholderData: (previous) => previous,
  });
}

export function useCreateMerit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateMeritRequest) => api.post<MeritItem>('/api/honours/merits', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useDeliverMerit(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DeliverMeritRequest) => api.post<MeritItem>(`/api/honours/merits/${id}/deliver`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

/** Today in China, as the server counts it (`YYYY-MM-DD`). */
export const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
