import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import type { CreateUserRequest, UpdateUserRequest, UserItem, UserList } from '../../api/types.ts';

export function useUsers(q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: queryKeys.userList(q, page, pageSize),
    queryFn: ({ signal }) => api.get<UserList>('/api/users', { q: q || undefined, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserRequest) => api.post<UserItem>('/api/users', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

/** Edit, unlock, reset password: all one PATCH. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: UpdateUserRequest }) =>
      api.patch<UserItem>(`/api/users/${id}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
