import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import type { AuditList, AuditListQuery, AuditVerifyResponse } from '../../api/types.ts';

export function useAuditLog(filter: AuditListQuery) {
  return useQuery({
    queryKey: queryKeys.auditList(filter),
    queryFn: ({ signal }) => api.get<AuditList>('/api/audit', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

/** 校验哈希链: an action the auditor starts, so a mutation (it changes nothing). */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditVerifyResponse>('/api/audit/verify') });
}
