/**
 * Roles and what each may do (DESIGN.md §2). Data scope (which records) is applied separately by the
 * repository layer; this file only answers "may this role do this kind of thing at all".
 */
export const roles = ['admin', 'office', 'street', 'community', 'department', 'troop', 'leader', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: '系统管理员',
  office: '双拥办工作人员',
  street: '街道/镇工作人员',
  community: '社区/村工作人员',
  department: '部门联络员',
  troop: '部队联络员',
  leader: '领导',
  auditor: '审计员',
};

export const capabilities = [
  'users.manage',
  'regions.read',
  'regions.manage',
  'units.read',
  'units.manage',
  'militaryUnits.read',
  'militaryUnits.manage',
  /** May see the real 番号 of military units and the units of servicemen (安全保密). */
  'militaryUnits.seeDesignation',
  'registry.read',
  'registry.write',
  'registry.export',
  'registry.viewFullId',
  'campaign.read',
  'campaign.manage',
  'campaign.visit',
  'troops.read',
  'troops.write',
  'notices.read',
  'notices.manage',
  'notices.report',
  'activities.read',
  'activities.write',
  'dashboard.read',
  'audit.read',
  'notifications.read',
] as const;
export type Capability = (typeof capabilities)[number];

const everyoneButAuditor: Capability[] = ['notifications.read'];

const matrix: Record<Role, readonly Capability[]> = {
  admin: capabilities.filter((c) => c !== 'audit.read'),
  office: [
    ...everyoneButAuditor,
    'regions.read',
    'units.read',
    'units.manage',
    'militaryUnits.read',
    'militaryUnits.manage',
    'militaryUnits.seeDesignation',
    'registry.read',
    'registry.write',
    'registry.export',
    'registry.viewFullId',
    'campaign.read',
    'campaign.manage',
    'campaign.visit',
    'troops.read',
    'troops.write',
    'notices.read',
    'notices.manage',
    'notices.report',
    'activities.read',
    'activities.write',
    'dashboard.read',
  ],
  street: [
    ...everyoneButAuditor,
    'regions.read',
    'units.read',
    'militaryUnits.read',
    'registry.read',
    'registry.write',
    'registry.export',
    'registry.viewFullId',
    'campaign.read',
    'campaign.visit',
    'notices.read',
    'notices.report',
    'activities.read',
    'activities.write',
    'dashboard.read',
  ],
  community: [
    ...everyoneButAuditor,
    'regions.read',
    'units.read',
    'registry.read',
    'registry.write',
    'campaign.read',
    'campaign.visit',
    'notices.read',
    'notices.report',
    'dashboard.read',
  ],
  department: [
    ...everyoneButAuditor,
    'units.read',
    'militaryUnits.read',
    'troops.read',
    'troops.write',
    'notices.read',
    'notices.report',
    'activities.read',
  ],
  troop: [
    ...everyoneButAuditor,
    'units.read',
    'militaryUnits.read',
    'militaryUnits.seeDesignation',
    'troops.read',
    'troops.write',
    'notices.read',
    'notices.report',
    'activities.read',
    'activities.write',
  ],
  leader: [
    ...everyoneButAuditor,
    'regions.read',
    'units.read',
    'militaryUnits.read',
    'militaryUnits.seeDesignation',
    'registry.read',
    'campaign.read',
    'troops.read',
    'notices.read',
    'activities.read',
    'dashboard.read',
  ],
  auditor: ['audit.read'],
};

const lookup = new Map<Role, ReadonlySet<Capability>>(roles.map((r) => [r, new Set(matrix[r])]));

export function can(role: Role, capability: Capability): boolean {
  return lookup.get(role)?.has(capability) ?? false;
}

/** Roles whose data scope is a region subtree (the others are scoped by their unit, or see everything). */
export function isRegionScoped(role: Role): boolean {
  return role === 'office' || role === 'street' || role === 'community' || role === 'leader';
}
