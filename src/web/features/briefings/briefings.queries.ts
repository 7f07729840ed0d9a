import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  LedgerResponse,
  SavedSummary,
  SaveSummaryRequest,
  SummaryResponse,
} from '../../../shared/api/briefings.api.ts';
import { api } from '../../api/client.ts';
import { downloadFile } from '../registry-import/registry-import.queries.ts';

export const briefingKeys = {
  summary: (campaignId: number) => ['briefings', 'summary', campaignId] as const,
  ledger: (year: number) => ['briefings', 'ledger', year] as const,
};

const summaryPath = (campaignId: number) => `/api/briefings/campaigns/${campaignId}/summary`;

export function useSummary(campaignId: number) {
  return useQuery({
    queryKey: briefingKeys.summary(campaignId),
    queryFn: ({ signal }) => api.get<SummaryResponse>(summaryPath(campaignId), undefined, signal),
  });
}

export function useSaveSummary(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveSummaryRequest) => api.put<SavedSummary>(summaryPath(campaignId), body),
    onSuccess: () => client.invalidateQueries({ queryKey: briefingKeys.summary(campaignId) }),
  });
}

export function downloadSummary(campaignId: number, format: 'docx' | 'pdf', source: 'saved' | 'draft') {
  return downloadFile(`${summaryPath(campaignId)}.${format}?source=${source}`, `工作总结.${format}`);
}

export function useLedger(year: number) {
  return useQuery({
    queryKey: briefingKeys.ledger(year),
    queryFn: ({ signal }) => api.get<LedgerResponse>('/api/briefings/ledger', { year }, signal),
  });
}

export function downloadLedger(year: number) {
  return downloadFile(`/api/briefings/ledger.xlsx?year=${year}`, `${year}年创建台账.xlsx`);
}
