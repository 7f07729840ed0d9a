import { isRegionScoped, type Role, roleLabels, roles } from '../../../shared/permissions.ts';

/** What each role's data scope is, shown when an admin picks a role. */
export const roleScopeHints: Record<Role, string> = {
  admin: '可管理全部数据、用户和系统设置。',
  office: '数据范围为所选区划（区或市）及其下级；可使用全部业务模块。',
  street: '数据范围为所选街道/镇及其下属社区/村。',
  community: '数据范围为所选社区/村。',
  department: '处理交办给所属单位的任务和部队诉求；须选择所属单位（政府部门）。',
  troop: '处理所属部队的诉求、结对和活动，不能查看优抚对象；须选择所属单位（驻区部队）。',
  leader: '只读查看所选区划的统计和报表。',
  auditor: '只能查看审计日志。',
};

export const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));

export const roleColors: Record<Role, string> = {
  admin: 'magenta',
  office: 'red',
  street: 'volcano',
  community: 'orange',
  department: 'blue',
  troop: 'green',
  leader: 'gold',
  auditor: 'purple',
};

export const needsRegion = (role: Role | undefined) => role !== undefined && isRegionScoped(role);
export const needsUnit = (role: Role | undefined) => role === 'department' || role === 'troop';
