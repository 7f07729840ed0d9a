/** Every TanStack Query key of the app, in one place, so invalidation never misses a spelling. */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  registrySummary: ['registry', 'summary'] as const,
  notifications: ['notifications'] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  notificationList: (unreadOnly: boolean, page: number, pageSize: number) =>
    ['notifications', 'list', { unreadOnly, page, pageSize }] as const,
  regions: ['regions'] as const,
  units: ['units'] as const,
  unitList: (kind: string | undefined) => ['units', 'list', kind ?? 'all'] as const,
  unit: (id: number) => ['units', 'detail', id] as const,
  users: ['users'] as const,
  userList: (q: string, page: number, pageSize: number) => ['users', 'list', { q, page, pageSize }] as const,
  auditList: (filter: object) => ['audit', 'list', filter] as const,
};
