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
        page: underConstruction('优抚对象信息管理：掌握优抚对象实际生活情况，确保各项政策落实到位。', [
          '按姓名、拼音首字母（如 zs 查张三）、身份证号片段、电话查询，简繁体均可匹配',
          '身份证号校验（含 15 位升 18 位），性别、出生日期由证号推导并核对',
          '一人多类优抚身份（残疾等级与性质、与军人关系、证件号、起止日期）',
          '生活状况档案（独居、孤老、空巢、失能、低保、特困等）按时间保留',
          '每次修改留痕（修改人、时间、前后内容），身份证号与电话按角色脱敏',
        ]),
      },
      {
        path: '/registry/households',
        label: '家庭户',
        anyOf: ['registry.read'],
        page: underConstruction('按家庭户归集优抚对象，光荣牌与部分慰问品按户计算。', [
          '户成员与户主关系维护',
          '按户查看优抚身份、光荣牌与历年慰问记录',
        ]),
      },
      {
        path: '/registry/confirmations',
        label: '年度确认',
        anyOf: ['registry.write'],
        page: underConstruction('享受定期抚恤补助人员的年度确认。', [
          '按街道、社区生成年度确认清单',
          '逐人登记确认结果与确认方式，未确认人员提醒',
        ]),
      },
      {
        path: '/registry/transfer',
        label: '导入导出',
        anyOf: ['registry.write', 'registry.export'],
        page: underConstruction('按各单位实际使用的 Excel 名册批量导入，任意列表导出为 xlsx。', [
          '兼容标题行、序号列、合并表头、全角字符、多种日期写法',
          '先校验后提交：逐行逐列的中文校验报告，可下载标注错误的原表',
          '按身份证号去重并预览合并；被 Excel 转成数字而丢失精度的证号一律拒绝导入',
          '导出按查看人脱敏并加水印，防范公式注入',
        ]),
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
        page: underConstruction('春节等走访慰问活动的组织：时间窗口、预算与慰问标准。', [
          '活动时间默认按农历（小年至元宵）生成',
          '慰问标准以数据配置：优抚类别 + 条件（伤残等级、本区户籍、在世、年龄、生活状况等）→ 慰问金、慰问品、慰问信模板',
          '发布前试算：按街道统计人数与金额',
        ]),
      },
      {
        path: '/campaigns/rosters',
        label: '慰问名单',
        anyOf: ['campaign.read'],
        page: underConstruction('按慰问标准生成慰问名单，并记录每人入选的依据。', [
          '街道确认 → 双拥办审批 → 锁定，锁定后的调整作为修订留痕',
          '名单条目分派给走访人员',
          '与上年名单比对',
        ]),
      },
      {
        path: '/campaigns/visits',
        label: '走访登记',
        anyOf: ['campaign.visit'],
        page: underConstruction('走访人员在手机上登记每一次走访。', [
          '走访日期、方式（上门/集中/邮寄/代领）、发放的慰问金与慰问品',
          '签收人（本人或代领人及关系）、签名或照片',
          '更新生活状况，登记诉求并转为跟进事项',
        ]),
      },
      {
        path: '/campaigns/progress',
        label: '进度与打印',
        anyOf: ['campaign.read'],
        page: underConstruction('走访进度跟踪与文书打印。', [
          '按街道、社区、类别统计进度；逾期、漏访、名单内已故人员清单',
          '慰问信（套打，A4 公文版式）、签收表（按社区）、发放汇总表（报销用）PDF',
        ]),
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
        page: underConstruction('光荣牌按户悬挂管理（国办发〔2018〕72号）。', [
          '烈士遗属、因公牺牲军人遗属、病故军人遗属、现役军人、退役军人家庭，每户一块',
          '符合条件 → 已悬挂（日期、悬挂人、家属签字）→ 更换 / 收回 / 恢复',
        ]),
      },
      {
        path: '/honours/merits',
        label: '立功喜报',
        anyOf: ['registry.read'],
        page: underConstruction('立功喜报登记与送达。', [
          '登记嘉奖、优秀士兵、三/二/一等功、荣誉称号，收到后 2 个工作日内登记',
          '送喜报到家：日期、参加人员、仪式、奖励金',
        ]),
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
        page: underConstruction('本人数据范围内的统计图表。', [
          '优抚对象按类别、街道分布',
          '走访慰问进度与金额：慰问人数、金额、慰问信份数、走访覆盖率',
          '部队诉求办理时效、双拥活动统计',
        ]),
      },
      {
        path: '/reports/streets',
        label: '街道报表',
        anyOf: ['dashboard.read'],
        page: underConstruction('按街道汇总的报表，可导出 xlsx。', [
          '优抚对象、慰问、诉求等分街道汇总',
          '导出带查看人水印',
        ]),
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
