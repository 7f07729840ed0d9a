import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { isApiError, onApiEvent } from './api/client.ts';
import { queryKeys } from './api/query-keys.ts';
import { clearOfflineData, registerServiceWorker } from './pwa.ts';
import { router } from './router.tsx';
import { ScriptProvider } from './script/ScriptProvider.tsx';
import './styles.css';

const queryClient = new QueryClient({
  queryCache: new QueryCache(),
  defaultOptions: {
    queries: {
      // Ask even when the browser says it is offline: the service worker answers from its kept copy.
      networkMode: 'offlineFirst',
      staleTime: 30_000,
      // Authentication and permission answers do not change by asking again.
      retry: (failureCount, error) =>
        failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
    mutations: { retry: false },
  },
});

onApiEvent((event) => {
  const { pathname, search } = router.state.location;
  if (event.type === 'unauthenticated') {
    if (pathname === '/login') return;
    const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
    // Forget the user at once, leave the signed-in pages (their queries stop), then drop everything cached.
    queryClient.removeQueries({ queryKey: queryKeys.me });
    void clearOfflineData();
    void router.navigate(`/login${next}`, { replace: true }).then(() => queryClient.clear());
  } else {
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    if (pathname !== '/change-password') void router.navigate('/change-password', { replace: true });
  }
});

// Once the service worker serves this page, ask again for what is shown so that it keeps a copy for offline use.
registerServiceWorker(() => void queryClient.invalidateQueries());

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ScriptProvider>
        <RouterProvider router={router} />
      </ScriptProvider>
    </QueryClientProvider>
  </StrictMode>,
);
