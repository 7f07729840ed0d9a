import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssignmentItem,
  createNoticeRequest,
  MyTaskItem,
  NoticeDetail,
  NoticeFileItem,
  NoticeListItem,
  NoticeMatrix,
  NoticeStatus,
  ParseResponse,
  updateNoticeRequest,
} from '../../../shared/api/notices.api.ts';
import { api, uploadBytes } from '../../api/client.ts';

export type CreateNoticeInput = z.input<typeof createNoticeRequest>;
export type UpdateNoticeInput = z.input<typeof updateNoticeRequest>;

/** Query keys of this feature (all under 'notices', so one invalidation refreshes every view). */
export const noticeKeys = {
  all: ['notices'] as const,
  list: (filter: object) => ['notices', 'list', filter] as const,
  detail: (id: number) => ['notices', 'detail', id] as const,
  matrix: (id: number) => ['notices', 'matrix', id] as const,
  tasks: (open: boolean) => ['notices', 'tasks', { open }] as const,
};

export function useNoticeList(filter: {
  q?: string | undefined;
  status?: NoticeStatus | undefined;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: noticeKeys.list(filter),
    queryFn: ({ signal }) =>
      api.get<{ items: NoticeListItem[]; total: number; page: number; pageSize: number }>(
        '/api/notices',
        filter,
        signal,
      ),
    placeholderData: (previous) => previous,
  });
}

export function useNotice(id: number) {
  return useQuery({
    queryKey: noticeKeys.detail(id),
    queryFn: ({ signal }) => api.get<NoticeDetail>(`/api/notices/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useMatrix(id: number) {
  return useQuery({
    queryKey: noticeKeys.matrix(id),
    queryFn: ({ signal }) => api.get<NoticeMatrix>(`/api/notices/${id}/matrix`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useMyTasks(open: boolean) {
  return useQuery({
    queryKey: noticeKeys.tasks(open),
    queryFn: ({ signal }) =>
      api.get<{ items: MyTaskItem[]; today: string }>(
        '/api/notices/tasks',
        { open: open ? 'true' : undefined },
        signal,
      ),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: noticeKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
}

export function useParseText() {
  return useMutation({
    mutationFn: (input: { text: string; name: string | null }) => api.post<ParseResponse>('/api/notices/parse', input),
  });
}

// What to do when the server refuses a file's size.
const tooLarge = '文件过大，请压缩或拆分后重新上传。';

export function useParseFile(csrfToken: string) {
  return useMutation({
    mutationFn: (file: File) =>
      uploadBytes<ParseResponse>(`/api/notices/parse-file?name=${encodeURIComponent(file.name)}`, file, csrfToken, {
        tooLarge,
      }),
  });
}

export function useCreateNotice() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateNoticeInput) => api.post<NoticeDetail>('/api/notices', input),
    onSuccess: invalidate,
  });
}

export function useUpdateNotice(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: UpdateNoticeInput) => api.put<NoticeDetail>(`/api/notices/${id}`, input),
    onSuccess: invalidate,
  });
}

export function useDeleteNotice(id: number) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: () => api.delete<{ ok: true }>(`/api/notices/${id}`), onSuccess: invalidate });
}

export function usePublishNotice(id: number) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: () => api.post<NoticeDetail>(`/api/notices/${id}/publish`), onSuccess: invalidate });
}

export function useRemind(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.post<{ assignments: number; units: number; users: number }>(`/api/notices/${id}/reminders`),
    onSuccess: invalidate,
  });
}

export function useSetAssignments(noticeId: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ taskId, assignments }: { taskId: number; assignments: { unitId: number; deadline: string }[] }) =>
      api.put<NoticeDetail>(`/api/notices/${noticeId}/tasks/${taskId}/assignments`, { assignments }),
    onSuccess: invalidate,
  });
}

export function useAcknowledge() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (assignmentId: number) =>
      api.post<AssignmentItem>(`/api/notices/assignments/${assignmentId}/acknowledge`),
    onSuccess: invalidate,
  });
}

export function useReport(csrfToken: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ assignmentId, text, files }: { assignmentId: number; text: string; files: File[] }) => {
      const fileIds: number[] = [];
      for (const file of files) {
        const stored = await uploadBytes<NoticeFileItem>(
          `/api/notices/assignments/${assignmentId}/files?name=${encodeURIComponent(file.name)}`,
          file,
          csrfToken,
          { tooLarge },
        );
        fileIds.push(stored.id);
      }
      return api.post<AssignmentItem>(`/api/notices/assignments/${assignmentId}/reports`, { text, fileIds });
    },
    onSuccess: invalidate,
  });
}

export function useUploadNoticeFile(noticeId: number, csrfToken: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (file: File) =>
      uploadBytes<NoticeFileItem>(
        `/api/notices/${noticeId}/files?name=${encodeURIComponent(file.name)}`,
        file,
        csrfToken,
        { tooLarge },
      ),
    onSuccess: invalidate,
  });
}
