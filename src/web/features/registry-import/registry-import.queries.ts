import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { JobItem } from '../../../shared/api/jobs.api.ts';
import type {
  ComparisonItem,
  comparisonDetail,
  ImportItem,
  ImportRowItem,
  MatchItem,
} from '../../../shared/api/registry-import.api.ts';
import { ApiError, api, type QueryParams, serverError } from '../../api/client.ts';

export type ComparisonDetail = z.infer<typeof comparisonDetail>;
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Largest file the server takes (the server checks again). */
export const maxUploadBytes = 20 * 1024 * 1024;

export const importKeys = {
  all: ['registry-import'] as const,
  imports: ['registry-import', 'imports'] as const,
  import: (id: number) => ['registry-import', 'import', id] as const,
  rows: (id: number, filter: string, page: number) => ['registry-import', 'import', id, 'rows', filter, page] as const,
  job: (id: number) => ['jobs', id] as const,
  comparisons: ['registry-import', 'comparisons'] as const,
  comparison: (id: number) => ['registry-import', 'comparison', id] as const,
  matches: (query: QueryParams) => ['registry-import', 'matches', query] as const,
};

async function errorOf(response: Response): Promise<ApiError> {
  const error = serverError(response.status, await response.json().catch(() => null));
  if (error) return error;
  if (response.status === 413) return new ApiError(413, 'PAYLOAD_TOO_LARGE', importTooLarge);
  return new ApiError(response.status, 'BAD_RESPONSE', `操作失败（HTTP ${response.status}），请稍后重试。`);
}

/** What to do when an import or comparison file is too large for the server. */
export const importTooLarge = '文件过大：请删除多余内容或拆分后重新上传。';

function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1]!);
    } catch {
      return fallback;
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Downloads a file from the API and saves it under the name the server gives; errors come back in Chinese. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络连接后重试。');
  }
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(response, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Polls a job every second while it runs (the progress bar). */
export function useJob(id: number | null) {
  return useQuery({
    queryKey: importKeys.job(id ?? 0),
    queryFn: ({ signal }) => api.get<JobItem>(`/api/jobs/${id}`, undefined, signal),
    enabled: id !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'succeeded' || status === 'failed' ? false : 1000;
    },
  });
}

export function useImports() {
  return useQuery({
    queryKey: importKeys.imports,
    queryFn: ({ signal }) => api.get<{ items: ImportItem[] }>('/api/registry/imports', undefined, signal),
  });
}

export function useImport(id: number | null) {
  return useQuery({
    queryKey: importKeys.import(id ?? 0),
    queryFn: ({ signal }) => api.get<ImportItem>(`/api/registry/imports/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useImportRows(id: number | null, filter: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: importKeys.rows(id ?? 0, filter, page),
    queryFn: ({ signal }) =>
      api.get<Paged<ImportRowItem>>(`/api/registry/imports/${id}/rows`, { filter, page, pageSize }, signal),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

export function useImportActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: importKeys.all });
  return {
    commit: useMutation({
      mutationFn: (id: number) => api.post<{ jobId: number }>(`/api/registry/imports/${id}/commit`),
      onSuccess: refresh,
    }),
    discard: useMutation({
      mutationFn: (id: number) => api.delete<{ ok: true }>(`/api/registry/imports/${id}`),
      onSuccess: refresh,
    }),
  };
}

export function useComparisons() {
  return useQuery({
    queryKey: importKeys.comparisons,
    queryFn: ({ signal }) => api.get<{ items: ComparisonItem[] }>('/api/registry/comparisons', undefined, signal),
  });
}

export function useComparison(id: number | null) {
  return useQuery({
    queryKey: importKeys.comparison(id ?? 0),
    queryFn: ({ signal }) => api.get<ComparisonDetail>(`/api/registry/comparisons/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useMatches(query: QueryParams) {
  return useQuery({
    queryKey: importKeys.matches(query),
    queryFn: ({ signal }) => api.get<Paged<MatchItem>>('/api/registry/comparison-matches', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMatchActions() {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: importKeys.all }),
      // The person changed: the registry's pages refresh too.
      queryClient.invalidateQueries({ queryKey: ['registry'] }),
    ]);
  return {
    confirm: useMutation({
      mutationFn: ({ id, eventDate, note }: { id: number; eventDate: string | null; note: string | null }) =>
        api.post<MatchItem>(`/api/registry/comparison-matches/${id}/confirm`, { eventDate, note }),
      onSuccess: refresh,
    }),
    dismiss: useMutation({
      mutationFn: ({ id, note }: { id: number; note: string }) =>
        api.post<MatchItem>(`/api/registry/comparison-matches/${id}/dismiss`, { note }),
      onSuccess: refresh,
    }),
  };
}
