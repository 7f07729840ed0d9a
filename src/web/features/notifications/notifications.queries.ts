import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import type { NotificationList, UnreadCount } from '../../api/types.ts';

/** The badge count: every minute, and whenever the window regains focus. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: queryKeys.unreadCount,
    queryFn: ({ signal }) => api.get<UnreadCount>('/api/notifications/unread-count', undefined, signal),
    enabled,
    staleTime: 0,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useNotifications({
  unreadOnly = false,
  page = 1,
  pageSize = 10,
  enabled = true,
}: {
  unreadOnly?: boolean;
  page?: number;
  pageSize?: number;
  enabled?: boolean;
}) {
  return useQuery({
    queryKey: queryKeys.notificationList(unreadOnly, page, pageSize),
    queryFn: ({ signal }) =>
      api.get<NotificationList>(
        '/api/notifications',
        { page, pageSize, unreadOnly: unreadOnly ? 'true' : undefined },
        signal,
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Marks the given notifications (or all of them) read. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[] | 'all') => api.post<{ updated: number }>('/api/notifications/read', { ids }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
}
