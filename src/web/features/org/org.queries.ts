import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UnitKind } from '../../../shared/api/units.api.ts';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import type {
  CreateRegionRequest,
  RegionItem,
  RegionList,
  SaveUnitRequest,
  UnitItem,
  UnitList,
} from '../../api/types.ts';

/** The region tree the user may see (own region, its subtree and its ancestors), flat. */
export function useRegions(enabled = true) {
  return useQuery({
    queryKey: queryKeys.regions,
    queryFn: ({ signal }) => api.get<RegionList>('/api/regions', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useCreateRegion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateRegionRequest) => api.post<RegionItem>('/api/regions', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.regions }),
  });
}

export function useUnits(kind?: UnitKind, enabled = true) {
  return useQuery({
    queryKey: queryKeys.unitList(kind),
    queryFn: ({ signal }) => api.get<UnitList>('/api/units', { kind }, signal),
    select: (data) => data.items,
    staleTime: 60_000,
    enabled,
  });
}

export function useUnit(id: number | null | undefined) {
  return useQuery({
    queryKey: queryKeys.unit(id ?? 0),
    queryFn: ({ signal }) => api.get<UnitItem>(`/api/units/${id}`, undefined, signal),
    enabled: typeof id === 'number',
  });
}

export function useSaveUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: SaveUnitRequest }) =>
      id === null ? api.post<UnitItem>('/api/units', input) : api.put<UnitItem>(`/api/units/${id}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.units }),
  });
}
