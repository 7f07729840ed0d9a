/**
 * THE menu and route table of the app (DESIGN.md §3, capabilities A–J). The side menu and the router are both
 * built from this one list, and entries are filtered by the user's capabilities from /api/auth/me.
 *
 * A module that is not built yet has `page: underConstruction(…)`, which opens an honest 建设中 page.
 * When the module lands, replace that one line with the real page, e.g.
 *
 *   page: lazyPage(() => import('./features/registry/PersonsPage.tsx').then((m) => m.PersonsPage)),
 *
 * Detail pages that are not menu items (e.g. `/registry/persons/:id`) go in the entry's `subRoutes`.
 */
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  FlagOutlined,
  GiftOutlined,
  HeartOutlined,
  HomeOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import type { Capability } from '../shared/permissions.ts';

export type PageSpec =
  | { kind: 'page'; load: () => Promise<ComponentType> }
  | { kind: 'underConstruction'; summary: string; features: readonly string[] };

/** A built page, loaded on first visit (its code is split from the rest). */
export function lazyPage(load: () => Promise<ComponentType>): PageSpec {
  return { kind: 'page', load };
}

/** A capability that is not built yet: what it will do, shown on an honest 建设中 page. */
export function underConstruction(summary: string, features: readonly string[]): PageSpec {
  return { kind: 'underConstruction', summary, features };
}

export interface NavLeaf {
  /** Absolute path; also the menu key. */
  path: string;
  label: string;
  icon?: ReactNode;
  /** Shown, and reachable, when the user has any of these. */
  anyOf: readonly Capability[];
  page: PageSpec;
  /** Routes below this page that are not menu items (details, editors). Same capability check. */
  subRoutes?: readonly { path: string; page: PageSpec }[];
  /** A route without a menu item (reached from elsewhere, e.g. the notification bell). */
  hidden?: boolean;
}

export interface NavGroup {
  key: string;
  label: string;
  icon: ReactNode;
  children: readonly NavLeaf[];
}

export type NavEntry = NavLeaf | NavGroup;

export const isGroup = (entry: NavEntry): entry is NavGroup => 'children' in entry;

export const navigation: readonly NavEntry[] = [
  {
    path: '/',
    label: '首页',
    icon: <HomeOutlined />,
    anyOf: ['notifications.read', 'dashboard.read'],
    page: lazyPage(() => import('./features/home/HomePage.tsx').then((m) => m.HomePage)),
  },
  {
    key: 'org',
    label: '区划与单位',
    icon: <ApartmentOutlined />,
    children: [
      {
        path: '/org/regions',
        label: '行政区划',
        anyOf: ['regions.read'],
        page: lazyPage(() => import('./features/org/RegionsPage.tsx').then((m) => m.RegionsPage)),
      },
      {
        path: '/org/units',
        label: '单位名录',
        anyOf: ['units.read'],
        page: lazyPage(() => import('./features/org/UnitsPage.tsx').then((m) => m.UnitsPage)),
      },
    ],
  },
  {
    key: 'registry',
    label: '优抚对象',
    icon: <TeamOutlined />,
    children: [
      {
        path: '/registry/persons',
        label: '对象名册',
        anyOf: ['registry.read'],
        page: lazyPage(() => import('./features/registry/PersonsPage.tsx').then((m) => m.PersonsPage)),
        subRoutes: [
          {
            path: 'new',
            page: lazyPage(() => import('./features/registry/PersonFormPage.tsx').then((m) => m.PersonFormPage)),
          },
          { path: ':id', page: lazyPage(() => import('./features/registry/PersonPage.tsx').then((m) => m.PersonPage)) },
          {
            path: ':id/edit',
            page: lazyPage(() => import('./features/registry/PersonFormPage.tsx').then((m) => m.PersonFormPage)),
          },
        ],
      },
      {
        path: '/registry/households',
        label: '家庭户',
        anyOf: ['registry.read'],
        page: lazyPage(() => import('./features/registry/HouseholdsPage.tsx').then((m) => m.HouseholdsPage)),
        subRoutes: [
          {
            path: ':id',
            page: lazyPage(() => import('./features/registry/HouseholdPage.tsx').then((m) => m.HouseholdPage)),
          },
        ],
      },
      {
        path: '/registry/confirmations',
        label: '年度确认',
        anyOf: ['registry.write'],
        page: lazyPage(() => import('./features/registry/ConfirmationsPage.tsx').then((m) => m.ConfirmationsPage)),
      },
      {
        path: '/registry/transfer',
        label: '导入导出',
        anyOf: ['registry.write', 'registry.export'],
        page: lazyPage(() => import('./features/registry-import/TransferPage.tsx').then((m) => m.TransferPage)),
      },
      {
        path: '/registry/comparisons',
        label: '数据比对',
        anyOf: ['registry.read'],
        page: lazyPage(() => import('./features/registry-import/ComparisonPage.tsx').then((m) => m.ComparisonPage)),
      },
    ],
  },
  {
    key: 'campaign',
    label: '走访慰问',
    icon: <GiftOutlined />,
    children: [
      {
        path: '/campaigns',
        label: '慰问活动',
        anyOf: ['campaign.read'],
        page: lazyPage(() => import('./features/campaigns/CampaignsPage.tsx').then((m) => m.CampaignsPage)),
        subRoutes: [
          {
            path: ':id',
            page: lazyPage(() =>
              import('./features/campaigns/CampaignDetailPage.tsx').then((m) => m.CampaignDetailPage),
            ),
          },
        ],
      },
      {
        path: '/campaigns/rosters',
        label: '慰问名单',
        anyOf: ['campaign.read'],
        page: lazyPage(() => import('./features/campaigns/CampaignsPage.tsx').then((m) => m.RostersPage)),
      },
      {
        path: '/campaigns/visits',
        label: '走访登记',
        anyOf: ['campaign.visit'],
        page: lazyPage(() => import('./features/campaigns/VisitsPage.tsx').then((m) => m.VisitsPage)),
        subRoutes: [
          {
            path: ':campaignId/:entryId',
            page: lazyPage(() => import('./features/campaigns/VisitFormPage.tsx').then((m) => m.VisitFormPage)),
          },
        ],
      },
      {
        path: '/campaigns/progress',
        label: '进度与打印',
        anyOf: ['campaign.read'],
        page: lazyPage(() =>
          import('./features/campaigns/CampaignProgressPage.tsx').then((m) => m.CampaignProgressPage),
        ),
      },
    ],
  },
  {
    key: 'honours',
    label: '光荣牌与立功喜报',
    icon: <FlagOutlined />,
    children: [
      {
        path: '/honours/plaques',
        label: '光荣牌',
        anyOf: ['registry.read'],
        page: lazyPage(() => import('./features/honours/PlaquesPage.tsx').then((m) => m.PlaquesPage)),
      },
      {
        path: '/honours/merits',
        label: '立功喜报',
        anyOf: ['registry.read'],
        page: lazyPage(() => import('./features/honours/MeritsPage.tsx').then((m) => m.MeritsPage)),
      },
    ],
  },
  {
    key: 'troops',
    label: '拥军',
    icon: <SafetyCertificateOutlined />,
    children: [
      {
        path: '/troops/units',
        label: '驻区部队',
        anyOf: ['militaryUnits.read'],
        page: lazyPage(() => import('./features/org/MilitaryUnitsPage.tsx').then((m) => m.MilitaryUnitsPage)),
      },
      {
        path: '/troops/requests',
        label: '部队诉求',
        anyOf: ['troops.read'],
        page: lazyPage(() => import('./features/troops/RequestsPage.tsx').then((m) => m.RequestsPage)),
        subRoutes: [
          {
            path: ':id',
            page: lazyPage(() => import('./features/troops/RequestDetailPage.tsx').then((m) => m.RequestDetailPage)),
          },
        ],
      },
      {
        path: '/troops/meetings',
        label: '军地会议',
        anyOf: ['troops.read'],
        page: lazyPage(() => import('./features/troops/MeetingsPage.tsx').then((m) => m.MeetingsPage)),
        subRoutes: [
          {
            path: ':id',
            page: lazyPage(() => import('./features/troops/MeetingDetailPage.tsx').then((m) => m.MeetingDetailPage)),
          },
        ],
      },
      {
        path: '/troops/programmes',
        label: '专项活动',
        anyOf: ['troops.read', 'activities.read'],
        page: lazyPage(() => import('./features/troops/ProgrammesPage.tsx').then((m) => m.ProgrammesPage)),
      },
    ],
  },
  {
    key: 'army-people',
    label: '拥政爱民',
    icon: <HeartOutlined />,
    children: [
      {
        path: '/army-people/pairings',
        label: '结对帮扶',
        anyOf: ['activities.read'],
        page: lazyPage(() => import('./features/army-people/PairingsPage.tsx').then((m) => m.PairingsPage)),
        subRoutes: [
          {
            path: ':id',
            page: lazyPage(() =>
              import('./features/army-people/PairingDetailPage.tsx').then((m) => m.PairingDetailPage),
            ),
          },
        ],
      },
      {
        path: '/army-people/activities',
        label: '双拥活动',
        anyOf: ['activities.read'],
        page: lazyPage(() => import('./features/army-people/ActivitiesPage.tsx').then((m) => m.ActivitiesPage)),
        subRoutes: [
          {
            path: ':id',
            page: lazyPage(() =>
              import('./features/army-people/ActivityDetailPage.tsx').then((m) => m.ActivityDetailPage),
            ),
          },
        ],
      },
      {
        path: '/army-people/supporters',
        label: '社会力量',
        anyOf: ['troops.read', 'activities.read'],
        page: lazyPage(() => import('./features/army-people/SupportersPage.tsx').then((m) => m.SupportersPage)),
      },
      {
        path: '/army-people/honorees',
        label: '双拥模范',
        anyOf: ['troops.read', 'activities.read'],
        page: lazyPage(() => import('./features/army-people/HonoreesPage.tsx').then((m) => m.HonoreesPage)),
      },
    ],
  },
  {
    key: 'notices',
    label: '通知与任务',
    icon: <NotificationOutlined />,
    children: [
      {
        path: '/notices',
        label: '通知公告',
        anyOf: ['notices.read'],
        page: lazyPage(() => import('./features/notices/NoticesPage.tsx').then((m) => m.NoticesPage)),
        subRoutes: [
          {
            path: 'import',
            page: lazyPage(() => import('./features/notices/NoticeImportPage.tsx').then((m) => m.NoticeImportPage)),
          },
          {
            path: ':id',
            page: lazyPage(() => import('./features/notices/NoticeDetailPage.tsx').then((m) => m.NoticeDetailPage)),
          },
          {
            path: ':id/matrix',
            page: lazyPage(() => import('./features/notices/NoticeMatrixPage.tsx').then((m) => m.NoticeMatrixPage)),
          },
        ],
      },
      {
        path: '/notices/tasks',
        label: '任务落实',
        anyOf: ['notices.read'],
        page: lazyPage(() => import('./features/notices/TasksPage.tsx').then((m) => m.TasksPage)),
      },
    ],
  },
  {
    key: 'reports',
    label: '统计报表',
    icon: <BarChartOutlined />,
    children: [
      {
        path: '/reports/dashboard',
        label: '统计分析',
        anyOf: ['dashboard.read'],
        page: lazyPage(() => import('./features/reports/DashboardPage.tsx').then((m) => m.DashboardPage)),
      },
      {
        path: '/reports/tables',
        label: '统计报表',
        anyOf: ['dashboard.read'],
        page: lazyPage(() => import('./features/reports/ReportsPage.tsx').then((m) => m.ReportsPage)),
        subRoutes: [
          {
            path: 'notice-tasks',
            page: lazyPage(() =>
              import('./features/reports/NoticeTasksListPage.tsx').then((m) => m.NoticeTasksListPage),
            ),
          },
        ],
      },
      {
        path: '/reports/ledger',
        label: '创建台账',
        anyOf: ['dashboard.read'],
        page: lazyPage(() => import('./features/briefings/LedgerPage.tsx').then((m) => m.LedgerPage)),
      },
    ],
  },
  {
    key: 'admin',
    label: '系统管理',
    icon: <AuditOutlined />,
    children: [
      {
        path: '/admin/users',
        label: '用户管理',
        anyOf: ['users.manage'],
        page: lazyPage(() => import('./features/users/UsersPage.tsx').then((m) => m.UsersPage)),
      },
      {
        path: '/admin/audit',
        label: '审计日志',
        anyOf: ['audit.read'],
        page: lazyPage(() => import('./features/audit/AuditPage.tsx').then((m) => m.AuditPage)),
      },
    ],
  },
  {
    path: '/notifications',
    label: '站内消息',
    icon: <AlertOutlined />,
    anyOf: ['notifications.read'],
    hidden: true,
    page: lazyPage(() => import('./features/notifications/NotificationsPage.tsx').then((m) => m.NotificationsPage)),
  },
];

/** Whether a user with these capabilities may open the page. */
export function mayOpen(capabilities: readonly string[], leaf: Pick<NavLeaf, 'anyOf'>): boolean {
  return leaf.anyOf.length === 0 || leaf.anyOf.some((c) => capabilities.includes(c));
}

/** The menu as a user may see it: pages they have a capability for, groups with at least one of them. */
export function visibleNavigation(me: { capabilities: readonly string[] }): NavEntry[] {
  const visible = (leaf: NavLeaf) => !leaf.hidden && mayOpen(me.capabilities, leaf);
  return navigation.flatMap((entry): NavEntry[] => {
    if (!isGroup(entry)) return visible(entry) ? [entry] : [];
    const children = entry.children.filter(visible);
    return children.length > 0 ? [{ ...entry, children }] : [];
  });
}

/** Every page of the navigation, groups flattened. */
export function allLeaves(entries: readonly NavEntry[] = navigation): NavLeaf[] {
  return entries.flatMap((e) => (isGroup(e) ? [...e.children] : [e]));
}

/** The leaf whose path is the longest prefix of `pathname` (so `/registry/persons/12` selects 对象名册). */
export function leafForPath(pathname: string): NavLeaf | undefined {
  let best: NavLeaf | undefined;
  for (const leaf of allLeaves()) {
    const match = leaf.path === '/' ? pathname === '/' : pathname === leaf.path || pathname.startsWith(`${leaf.path}/`);
    if (match && (!best || leaf.path.length > best.path.length)) best = leaf;
  }
  return best;
}
