import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { RequireCapability } from './components/RequireCapability.tsx';
import { UnderConstruction } from './components/UnderConstruction.tsx';
import { ChangePasswordPage } from './features/auth/ChangePasswordPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { NotFoundPage } from './features/errors/NotFoundPage.tsx';
import { RouteError } from './features/errors/RouteError.tsx';
import { allLeaves, type NavLeaf, type PageSpec } from './navigation.tsx';

function pageRoute(spec: PageSpec, title: string): Omit<RouteObject, 'index' | 'path' | 'children'> {
  if (spec.kind === 'page') return { lazy: async () => ({ Component: await spec.load() }) };
  return { element: <UnderConstruction title={title} summary={spec.summary} features={spec.features} /> };
}

/** One navigation entry → its capability guard with the page (index) and any sub-routes below it. */
function leafRoute(leaf: NavLeaf): RouteObject {
  const children: RouteObject[] = [
    { index: true, ...pageRoute(leaf.page, leaf.label) },
    ...(leaf.subRoutes ?? []).map((sub) => ({ path: sub.path, ...pageRoute(sub.page, leaf.label) })),
  ];
  const element = <RequireCapability anyOf={leaf.anyOf} home={leaf.path === '/'} />;
  return leaf.path === '/' ? { element, children } : { path: leaf.path.slice(1), element, children };
}

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    HydrateFallback: FullPageSpin,
    children: [
      { path: 'change-password', element: <ChangePasswordPage /> },
      ...allLeaves().map(leafRoute),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
