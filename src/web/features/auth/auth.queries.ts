import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';
import type { Capability } from '../../../shared/permissions.ts';
import { api, setCsrfToken } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import type { ChangePasswordRequest, LoginRequest, Me } from '../../api/types.ts';
import { clearOfflineData } from '../../pwa.ts';

async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/api/auth/me');
  setCsrfToken(me.csrfToken);
  return me;
}

export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: fetchMe,
  staleTime: 5 * 60_000,
  retry: false,
});

/** The signed-in user, or undefined while loading / when not signed in. */
export function useMeQuery() {
  return useQuery(meQuery);
}

/**
 * The signed-in user as cached, without ever asking the server (for the login page and the script switch,
 * which sit outside the layout). Follows the cache itself, so it survives `queryClient.clear()` on login/logout.
 */
export function useCachedMe(): Me | undefined {
  const queryClient = useQueryClient();
  const subscribe = useCallback(
    (onChange: () => void) => queryClient.getQueryCache().subscribe(onChange),
    [queryClient],
  );
  return useSyncExternalStore(subscribe, () => queryClient.getQueryData<Me>(queryKeys.me));
}

/** Provided by the app layout, which renders its pages only once the user is known. */
export const MeContext = createContext<Me | null>(null);

/** The signed-in user, inside the app layout. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside the signed-in layout');
  return me;
}

/** `can('users.manage')` for the signed-in user. */
export function useCan(): (capability: Capability) => boolean {
  const me = useMe();
  return (capability) => me.capabilities.includes(capability);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginRequest) => api.post<Me>('/api/auth/login', input),
    onSuccess: (me) => {
      void clearOfflineData();
      // A different user may sign in on this tab: nothing cached for the previous one may leak.
      queryClient.clear();
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(queryKeys.me, me);
    },
  });
}

/** 退出登录: ends the session, leaves for the login page, then forgets everything cached. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    onSettled: async () => {
      setCsrfToken(null);
      // Nothing of this user stays on the device for offline use (visits waiting to sync do).
      await clearOfflineData();
      await navigate('/login', { replace: true });
      queryClient.clear();
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordRequest) => api.post<{ ok: true }>('/api/auth/password', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}
