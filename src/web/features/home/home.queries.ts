import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import type { RegistrySummary } from '../../api/types.ts';

/** Registry counts within the viewer's scope (only for roles with registry.read). */
export function useRegistrySummary(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.registrySummary,
    queryFn: ({ signal }) => api.get<RegistrySummary>('/api/registry/summary', undefined, signal),
    enabled,
  });
}
