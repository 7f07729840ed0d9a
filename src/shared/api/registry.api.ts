import { z } from 'zod';
import { isIsoDate } from '../domain/campaign/dates.ts';
import { paged, pageQuery } from './common.api.ts';

/** Home page figures: the registry counted within the viewer's scope. */
export const registrySummary = z.object({
  total: z.number().int(),
  alive: z.number().int(),
  byCategory: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
  /** Living people per region below the viewer's: `count` by 户籍 street (policy), `residenceCount` by residence
   * street (visits; 户籍 when no residence is recorded). */
  byRegion: z.array(
    z.object({
      regionId: z.number().int(),
      name: z.string(),
      count: z.number().int(),
      residenceCount: z.number().int(),
    }),
  ),
});
export type RegistrySummary = z.infer<typeof registrySummary>;

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD，如 1950-03-12')
  .refine(isIsoDate, '该日期不存在，请核对');

/** Optional free text: blank becomes null. */
const text = (max: number) =>
  z
    .string()
    .max(max, `最多 ${max} 个字`)
    .nullable()
    .default(null)
    .transform((v) => (v === null || v.trim() === '' ? null : v.trim()));

export const sexes = ['M', 'F'] as const;
export const sexLabels: Record<(typeof sexes)[number], string> = { M: '男', F: '女' };

// ---------------------------------------------------------------------------------------------------------------
// Person: create / edit

export const qualificationInput = z.strictObject({
  /** The qualification being edited; omitted for a new one. */
  id: z.number().int().positive().optional(),
  /** Category code, name or an alias offices use (烈属, 伤残军人 …). */
  category: z.string().trim().min(1, '请选择优抚类别').max(40),
  /** 1–10, or as written: 4级, 四级. */
  disabilityGrade: z
    .union([z.number(), z.string().max(20)])
    .nullable()
    .default(null),
  disabilityNature: text(20),
  relation: text(20),
  servicemanName: text(40),
  certificateNo: text(40),
  startDate: isoDate.nullable().default(null),
  endDate: isoDate.nullable().default(null),
  /** Flag codes or names: combat / 参战 … */
  flags: z.array(z.string().max(40)).max(10).default([]),
});
export type QualificationInput = z.input<typeof qualificationInput>;

export const savePersonRequest = z.strictObject({
  name: z.string().max(100),
  /** Required when creating; omitted on edit keeps the stored number. */
  idNumber: z.string().max(40).optional(),
  /** Optional: cross-checked against the ID number (both are derived from it). */
  sex: z.enum(sexes).nullable().optional(),
  birthDate: isoDate.nullable().optional(),
  phone: text(40),
  phone2: text(40),
  hukouRegionId: z.number().int().positive().nullable().default(null),
  /** 户籍 address outside the region tree, or the detail below the community. */
  hukouAddress: text(200),
  residenceRegionId: z.number().int().positive().nullable().default(null),
  address: text(200),
  householdId: z.number().int().positive().nullable().default(null),
  householdRole: text(20),
  /** Omitted on edit keeps the current situation (it changes through assessments). */
  livingSituations: z.array(z.string().max(20)).max(20).optional(),
  /** Omitted keeps the current state; a date marks the person deceased, null alive. */
  deathDate: isoDate.nullable().optional(),
  notes: text(1000),
  qualifications: z.array(qualificationInput).max(20),
  /** The version the editor saw: a newer one on the server answers 409 CONFLICT. */
  version: z.number().int().positive().optional(),
});
/** What a caller passes (defaults not yet applied): the HTTP body, an import row. */
export type PersonInput = z.input<typeof savePersonRequest>;

export const markDeceasedRequest = z.strictObject({
  /** The date of death; null revokes a mistaken mark (the person is alive again). */
  deathDate: isoDate.nullable(),
  version: z.number().int().positive().optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Person: reading

export const categoryRef = z.object({ code: z.string(), name: z.string() });

export const personListItem = z.object({
  id: z.number().int(),
  name: z.string(),
  sex: z.enum(sexes),
  birthDate: z.string(),
  /** Always masked in lists: 310107********0311. */
  idNumber: z.string(),
  /** Always masked in lists: 138****5678. */
  phone: z.string().nullable(),
  categories: z.array(categoryRef),
  hukouRegionId: z.number().int().nullable(),
  hukouRegionName: z.string().nullable(),
  /** Street (街道/镇) by 户籍: where policy applies. */
  hukouStreetName: z.string().nullable(),
  hukouLocal: z.boolean(),
  residenceRegionId: z.number().int().nullable(),
  residenceRegionName: z.string().nullable(),
  /** Street (街道/镇) by residence: where visits go. */
  residenceStreetName: z.string().nullable(),
  householdId: z.number().int().nullable(),
  alive: z.boolean(),
  deathDate: z.string().nullable(),
  livingSituations: z.array(z.string()),
});
export type PersonListItem = z.infer<typeof personListItem>;
export const personList = paged(personListItem);

export const personStatuses = ['alive', 'deceased', 'all'] as const;
/** `residenceOnly`: living in the region with 户籍 outside it (the 报表 row of people in scope only by residence). */
export const regionBases = ['any', 'hukou', 'residence', 'residenceOnly'] as const;

export const personListQuery = z.strictObject({
  ...pageQuery,
  /** Name (简/繁), pinyin initials or full pinyin, ID last 4 or 6, full ID, phone. */
  q: z.string().trim().max(40).optional(),
  category: z.string().trim().max(40).optional(),
  /** A street or community: people whose 户籍 or residence (see regionBasis) lies in it. */
  regionId: z.coerce.number().int().positive().optional(),
  regionBasis: z.enum(regionBases).default('any'),
  livingSituation: z.string().trim().max(20).optional(),
  status: z.enum(personStatuses).default('alive'),
  hukouLocal: z.enum(['yes', 'no']).optional(),
});
export type PersonListQuery = z.infer<typeof personListQuery>;
export type PersonFilterInput = Omit<PersonListQuery, 'page' | 'pageSize'>;

export const qualificationItem = z.object({
  id: z.number().int(),
  categoryCode: z.string(),
  categoryName: z.string(),
  disabilityGrade: z.number().int().nullable(),
  disabilityNature: z.string().nullable(),
  relation: z.string().nullable(),
  servicemanName: z.string().nullable(),
  certificateNo: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  flags: z.array(categoryRef),
});
export type QualificationItem = z.infer<typeof qualificationItem>;

export const assessmentItem = z.object({
  id: z.number().int(),
  assessedOn: z.string(),
  situations: z.array(z.string()),
  notes: z.string().nullable(),
  needs: z.string().nullable(),
  source: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type AssessmentItem = z.infer<typeof assessmentItem>;

export const confirmationResults = ['confirmed', 'suspended', 'stopped'] as const;
export type ConfirmationResult = (typeof confirmationResults)[number];
export const confirmationResultLabels: Record<ConfirmationResult, string> = {
  confirmed: '已确认，继续发放',
  suspended: '暂停发放，待核实',
  stopped: '终止发放',
};
export const confirmationMethods = ['上门', '电话', '视频', '来访', '其他'] as const;

export const confirmationItem = z.object({
  id: z.number().int(),
  year: z.number().int(),
  result: z.enum(confirmationResults),
  method: z.string().nullable(),
  confirmedOn: z.string(),
  notes: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  updatedAt: z.string(),
});
export type ConfirmationItem = z.infer<typeof confirmationItem>;

export const householdMember = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.string().nullable(),
  sex: z.enum(sexes),
  birthDate: z.string(),
  alive: z.boolean(),
  categories: z.array(categoryRef),
});

export const personDetail = z.object({
  id: z.number().int(),
  name: z.string(),
  sex: z.enum(sexes),
  birthDate: z.string(),
  /** Masked; the full number only through POST /api/persons/:id/reveal. */
  idNumber: z.string(),
  /** Full for roles that contact people (registry.write), masked for the others. */
  phone: z.string().nullable(),
  phone2: z.string().nullable(),
  phonesMasked: z.boolean(),
  hukouRegionId: z.number().int().nullable(),
  hukouRegionName: z.string().nullable(),
  hukouStreetName: z.string().nullable(),
  hukouAddress: z.string().nullable(),
  /** 本区户籍: the 户籍 region lies within the deployment's own region. */
  hukouLocal: z.boolean(),
  residenceRegionId: z.number().int().nullable(),
  residenceRegionName: z.string().nullable(),
  residenceStreetName: z.string().nullable(),
  address: z.string().nullable(),
  household: z
    .object({
      id: z.number().int(),
      name: z.string(),
      address: z.string().nullable(),
      members: z.array(householdMember),
    })
    .nullable(),
  householdRole: z.string().nullable(),
  alive: z.boolean(),
  deathDate: z.string().nullable(),
  livingSituations: z.array(z.string()),
  notes: z.string().nullable(),
  qualifications: z.array(qualificationItem),
  /** Holds a category on periodic payments: re-confirmed every year. */
  periodic: z.boolean(),
  assessments: z.array(assessmentItem),
  confirmations: z.array(confirmationItem),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  permissions: z.object({ edit: z.boolean(), revealIdNumber: z.boolean() }),
});
export type PersonDetail = z.infer<typeof personDetail>;

export const savePersonResponse = z.object({ id: z.number().int(), version: z.number().int(), changed: z.boolean() });

export const revealResponse = z.object({ idNumber: z.string() });

export const fieldChange = z.object({
  field: z.string(),
  label: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type FieldChange = z.infer<typeof fieldChange>;

export const versionActions = ['create', 'update', 'deceased', 'alive', 'assessment', 'confirmation'] as const;
export type VersionAction = (typeof versionActions)[number];
export const versionActionLabels: Record<VersionAction, string> = {
  create: '登记',
  update: '修改',
  deceased: '标记已故',
  alive: '撤销已故标记',
  assessment: '生活状况评估',
  confirmation: '年度确认',
};

export const personVersionItem = z.object({
  version: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.enum(versionActions),
  source: z.string().nullable(),
  changes: z.array(fieldChange),
});
export type PersonVersionItem = z.infer<typeof personVersionItem>;
export const personHistory = z.object({ items: z.array(personVersionItem) });

// ---------------------------------------------------------------------------------------------------------------
// Assessments and annual confirmation

export const addAssessmentRequest = z.strictObject({
  assessedOn: isoDate,
  situations: z.array(z.string().max(20)).max(20),
  notes: text(1000),
  needs: text(1000),
});
export type AddAssessmentInput = z.input<typeof addAssessmentRequest>;

export const saveConfirmationRequest = z.strictObject({
  year: z.number().int().min(2000).max(2200),
  result: z.enum(confirmationResults),
  method: z.enum(confirmationMethods).nullable().default(null),
  confirmedOn: isoDate,
  notes: text(500),
});

export const confirmationStatuses = ['pending', 'done', 'all'] as const;
export const confirmationListQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2200),
  status: z.enum(confirmationStatuses).default('pending'),
  regionId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(40).optional(),
});
export const confirmationListItem = z.object({
  person: personListItem,
  confirmation: confirmationItem.nullable(),
});
export const confirmationList = paged(confirmationListItem).extend({
  /** Counts over the whole filter (all pages), for the progress line. */
  counts: z.object({ total: z.number().int(), done: z.number().int() }),
});

// ---------------------------------------------------------------------------------------------------------------
// Households

export const householdItem = z.object({
  id: z.number().int(),
  name: z.string(),
  regionId: z.number().int().nullable(),
  regionName: z.string().nullable(),
  streetName: z.string().nullable(),
  address: z.string().nullable(),
  memberCount: z.number().int(),
});
export type HouseholdItem = z.infer<typeof householdItem>;
export const householdList = paged(householdItem);
export const householdListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(40).optional(),
  regionId: z.coerce.number().int().positive().optional(),
});
export const householdDetail = householdItem.extend({ members: z.array(householdMember) });
export type HouseholdDetail = z.infer<typeof householdDetail>;
export const saveHouseholdRequest = z.strictObject({
  name: z.string().trim().min(1, '请填写户名，如“张三户”').max(60),
  regionId: z.number({ error: '请选择所在社区/村' }).int().positive(),
  address: text(200),
});

// ---------------------------------------------------------------------------------------------------------------
// Dictionary for forms and filters

export const registryDictionary = z.object({
  categories: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      group: z.string(),
      aliases: z.array(z.string()),
      periodic: z.boolean(),
      details: z.array(z.enum(['disability', 'relation', 'enlistment'])),
    }),
  ),
  flags: z.array(categoryRef),
  livingSituations: z.array(z.string()),
  relations: z.array(z.string()),
  disabilityNatures: z.array(z.string()),
  householdRoles: z.array(z.string()),
  confirmationMethods: z.array(z.string()),
});
export type RegistryDictionary = z.infer<typeof registryDictionary>;
