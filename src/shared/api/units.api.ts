import { z } from 'zod';

export const unitKinds = [
  'office',
  'department',
  'street_office',
  'service_station',
  'enterprise',
  'social_org',
  'volunteer_team',
  'military',
] as const;
export type UnitKind = (typeof unitKinds)[number];
export const unitKindLabels: Record<UnitKind, string> = {
  office: '双拥办/退役军人事务局',
  department: '政府部门',
  street_office: '街道/镇',
  service_station: '退役军人服务站',
  enterprise: '企业',
  social_org: '社会组织',
  volunteer_team: '志愿服务队',
  military: '驻区部队',
};

export const unitItem = z.object({
  id: z.number().int(),
  kind: z.enum(unitKinds),
  name: z.string(),
  regionId: z.number().int().nullable(),
  regionName: z.string().nullable(),
  /** Military units: the 番号 for cleared roles, null for everyone else (they see `name`, the alias). */
  designation: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  active: z.boolean(),
});
export type UnitItem = z.infer<typeof unitItem>;
export const unitList = z.object({ items: z.array(unitItem) });
export const unitListQuery = z.strictObject({ kind: z.enum(unitKinds).optional() });

export const saveUnitRequest = z.strictObject({
  kind: z.enum(unitKinds),
  name: z.string().trim().min(1, '请输入名称').max(100),
  regionId: z.number().int().positive().nullable().default(null),
  designation: z.string().trim().max(100).nullable().default(null),
  contactName: z.string().trim().max(64).nullable().default(null),
  contactPhone: z.string().trim().max(32).nullable().default(null),
  address: z.string().trim().max(200).nullable().default(null),
  active: z.boolean().default(true),
});
