/** Server calls of 统计分析 and 统计报表 (types from the shared zod contract; no zod at run time). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DashboardResponse, ReportKey, ReportResponse, reportCatalogue } from '../../../shared/api/reports.api.ts';
import { api, type QueryParams } from '../../api/client.ts';

export type ReportCatalogue = z.infer<typeof reportCatalogue>;

export const reportKeys = {
  all: ['reports'] as const,
  dashboard: (query: QueryParams) => ['reports', 'dashboard', query] as const,
  catalogue: ['reports', 'catalogue'] as const,
  report: (key: string, query: QueryParams) => ['reports', 'report', key, query] as const,
};

/** The dashboard panels for the viewer's role and scope (a region, year and campaign may narrow it). */
export function useDashboard(query: QueryParams) {
  return useQuery({
    queryKey: reportKeys.dashboard(query),
    queryFn: ({ signal }) => api.get<DashboardResponse>('/api/dashboard', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The reports the viewer may open, the regions he may pick and the years that have data. */
export function useReportCatalogue() {
  return useQuery({
    queryKey: reportKeys.catalogue,
    queryFn: ({ signal }) => api.get<ReportCatalogue>('/api/reports', undefined, signal),
    staleTime: 60_000,
  });
}

export function useReport(key: ReportKey | undefined, query: QueryParams) {
  return useQuery({
    queryKey: reportKeys.report(key ?? '', query),
    queryFn: ({ signal }) => api.get<ReportResponse>(`/api/reports/${key}`, query, signal),
    placeholderData: keepPreviousData,
    enabled: key !== undefined,
  });
}
