/**
 * Contracts of campaign visits (走访登记), 回访抽查, follow-up cases and progress. Money is integer 分.
 */
import { z } from 'zod';
import { myTaskItem, taskTypeProgress, visitTasksField } from './campaign-tasks.api.ts';
import { isoDate, optionalText } from './campaigns.api.ts';
import { paged, pageQuery } from './common.api.ts';

export const visitModes = ['home', 'gathering', 'mail', 'proxy'] as const;
export type VisitMode = (typeof visitModes)[number];
export const visitModeLabels: Record<VisitMode, string> = {
  home: '上门',
  gathering: '集中',
  mail: '邮寄',
  proxy: '代领',
};

/** A signature drawn on screen (PNG) or a photo (JPEG/PNG) as a data URL. */
const dataUrl = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what}过大，请重新拍摄或签名（不超过 ${Math.floor((max * 3) / 4 / 1024)} KB）`)
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, `${what}格式无效，请重新签名或拍照`);

export const maxSignatureChars = 300_000;
export const maxPhotoChars = 600_000;

export const deliveredGoods = z.object({
  name: z.string().trim().min(1).max(100),
  quantity: z.number().int().min(0).max(1000),
  unit: z.string().trim().max(10),
});

export const receiverSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('self') }),
  z.strictObject({
    kind: z.literal('proxy'),
    name: z.string().trim().min(1, '请填写代领人姓名').max(40),
    relation: z.string().trim().min(1, '请填写代领人与本人的关系').max(20),
    /** The proxy's 身份证号 (optional; checked when given). */
    idNumber: z.string().trim().max(20).nullable().default(null),
  }),
]);

/** A need raised at the door that goes to a department as a request (部队诉求, about one family). */
export const visitNeedRequest = z.strictObject({
  /** A request kind of the troops module (随军家属就业、子女入学入托、军休服务、医疗 …). */
  kindCode: z.string().trim().min(1, '请选择诉求类别').max(40),
  content: z.string().trim().min(2, '请写明需要办理的事项').max(2000),
  /** A phone number the department may call; the registry's own number is not copied. */
  contactPhone: z.string().trim().max(32).nullable().default(null),
});

/** A request opened from a visit, as the visit shows it. */
export const visitRequestRef = z.object({
  id: z.number().int(),
  kindName: z.string(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
});
export type VisitRequestRef = z.infer<typeof visitRequestRef>;

export const recordVisitRequest = z
  .strictObject({
    /** A uuid made on the device when the visit was recorded: the same key twice is the same visit. */
    clientKey: z.uuid('缺少有效的离线编号（clientKey），请刷新页面后重新登记'),
    visitedOn: isoDate,
    mode: z.enum(visitModes),
    cashCents: z.number().int().min(0, '慰问金不能为负数').max(100_000_000),
    goods: z.array(deliveredGoods).max(20).default([]),
    receiver: receiverSchema,
    signature: dataUrl(maxSignatureChars, '签名').nullable().default(null),
    photo: dataUrl(maxPhotoChars, '照片').nullable().default(null),
    /** The living situation seen (生活状况), written to the registry's assessments; null = not assessed. */
    livingSituations: z.array(z.string().max(20)).max(20).nullable().default(null),
    livingNotes: optionalText(500),
    /** Needs raised (诉求): a follow-up item for the street. */
    needs: optionalText(1000),
    /** Needs that a department must handle (转为诉求): each becomes a troop request about this family. */
    requests: z.array(visitNeedRequest).max(5, '一次走访最多转交 5 项诉求').default([]),
    /** 专项活动 tags; left out = the campaign's default tags. */
    programmeIds: z.array(z.number().int().positive()).max(10).optional(),
    note: optionalText(500),
    recordedOffline: z.boolean().default(false),
    /** Campaign tasks of this family ticked as done on the visit (送立功喜报, 挂光荣牌, 贴春联年画). */
    tasks: visitTasksField,
  })
  .superRefine((v, ctx) => {
    if (v.signature === null && v.photo === null) {
      ctx.addIssue({ code: 'custom', path: ['signature'], message: '请让签收人在屏幕上签名，或拍摄签收照片' });
    }
    if (v.mode === 'proxy' && v.receiver.kind !== 'proxy') {
      ctx.addIssue({ code: 'custom', path: ['receiver'], message: '代领须填写代领人姓名和关系' });
    }
  });
export type RecordVisitRequest = z.input<typeof recordVisitRequest>;

export const visitItem = z.object({
  id: z.number().int(),
  entryId: z.number().int(),
  clientKey: z.string(),
  visitedOn: z.string(),
  mode: z.enum(visitModes),
  cashCents: z.number().int(),
  goods: z.array(deliveredGoods),
  goodsCents: z.number().int(),
  receiverKind: z.enum(['self', 'proxy']),
  receiverName: z.string(),
  proxyRelation: z.string().nullable(),
  proxyIdMasked: z.string().nullable(),
  hasSignature: z.boolean(),
  hasPhoto: z.boolean(),
  livingSituations: z.array(z.string()).nullable(),
  needs: z.string().nullable(),
  caseId: z.number().int().nullable(),
  /** The requests opened from this visit's needs, with their current status. */
  requests: z.array(visitRequestRef),
  programmes: z.array(z.object({ id: z.number().int(), name: z.string() })),
  recordedOffline: z.boolean(),
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
  /** true when this answer is the visit recorded earlier under the same clientKey (a repeated sync). */
  replayed: z.boolean(),
});
export type VisitItem = z.infer<typeof visitItem>;

// ---------------------------------------------------------------------------------------------------------------
// The visitor's phone list

export const myVisitQuery = z.strictObject({
  campaignId: z.coerce.number().int().positive().optional(),
  /** mine = assigned to me; region = everything in my region. */
  scope: z.enum(['mine', 'region']).default('mine'),
  status: z.enum(['pending', 'delivered', 'all']).default('pending'),
  q: z.string().trim().max(40).optional(),
});

export const myVisitItem = z.object({
  entryId: z.number().int(),
  campaignId: z.number().int(),
  campaignName: z.string(),
  personName: z.string(),
  address: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  age: z.number().int().nullable(),
  alive: z.boolean(),
  streetName: z.string(),
  communityName: z.string(),
  categoryName: z.string(),
  standardName: z.string(),
  cashCents: z.number().int(),
  goods: z.array(z.object({ name: z.string(), quantity: z.number(), unit: z.string() })),
  visitStatus: z.enum(['pending', 'delivered']),
  deliveredAt: z.string().nullable(),
  assignedToMe: z.boolean(),
  windowEnd: z.string(),
});
export type MyVisitItem = z.infer<typeof myVisitItem>;
export const myVisitList = z.object({
  items: z.array(myVisitItem),
  total: z.number().int(),
  /** Tasks (送喜报, 挂光荣牌 …) to do on their own: no roster entry of mine to tick them on. */
  tasks: z.array(myTaskItem),
});

/** What the visit form offers: request kinds for families, programmes, and each campaign's default tags. */
export const visitFormOptions = z.object({
  requestKinds: z.array(z.object({ code: z.string(), name: z.string() })),
  programmes: z.array(z.object({ id: z.number().int(), name: z.string() })),
  campaignProgrammes: z.array(z.object({ campaignId: z.number().int(), programmeIds: z.array(z.number().int()) })),
});
export type VisitFormOptions = z.infer<typeof visitFormOptions>;

export const campaignProgrammesBody = z.strictObject({
  programmeIds: z.array(z.number().int().positive()).max(10),
});
export const campaignProgrammes = z.object({
  programmeIds: z.array(z.number().int()),
  programmes: z.array(z.object({ id: z.number().int(), name: z.string() })),
});

// ---------------------------------------------------------------------------------------------------------------
// 回访抽查 and follow-up cases

export const verificationOutcomes = ['confirmed', 'not_received', 'amount_differs', 'unreachable'] as const;
export const verificationOutcomeLabels: Record<(typeof verificationOutcomes)[number], string> = {
  confirmed: '确认已收到',
  not_received: '称未收到',
  amount_differs: '金额不符',
  unreachable: '无法联系',
};

export const sampleRequest = z.strictObject({
  size: z.number().int().min(1, '抽查数量至少为 1').max(500, '一次最多抽查 500 户'),
  streetId: z.number().int().positive().nullable().default(null),
});

export const verificationItem = z.object({
  id: z.number().int(),
  entryId: z.number().int(),
  personName: z.string(),
  phoneMasked: z.string().nullable(),
  streetName: z.string(),
  communityName: z.string(),
  batch: z.number().int(),
  drawnAt: z.string(),
  visitedOn: z.string(),
  deliveredCashCents: z.number().int(),
  outcome: z.enum(verificationOutcomes).nullable(),
  reportedCashCents: z.number().int().nullable(),
  note: z.string().nullable(),
  caseId: z.number().int().nullable(),
  checkedByName: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type VerificationItem = z.infer<typeof verificationItem>;
export const verificationList = z.object({ items: z.array(verificationItem) });

export const recordOutcomeRequest = z
  .strictObject({
    outcome: z.enum(verificationOutcomes),
    reportedCashCents: z.number().int().min(0).nullable().default(null),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'amount_differs' && v.reportedCashCents === null) {
      ctx.addIssue({ code: 'custom', path: ['reportedCashCents'], message: '金额不符时请填写对方所说的实收金额' });
    }
  });

export const caseItem = z.object({
  id: z.number().int(),
  entryId: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  streetName: z.string(),
  communityName: z.string(),
  source: z.enum(['visit', 'verification']),
  title: z.string(),
  detail: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  resolution: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type CaseItem = z.infer<typeof caseItem>;
export const caseList = z.object({ items: z.array(caseItem) });
export const caseListQuery = z.strictObject({ status: z.enum(['open', 'resolved', 'all']).default('open') });
export const resolveCaseRequest = z.strictObject({
  resolution: z.string().trim().min(2, '请填写办理结果').max(1000),
});

// ---------------------------------------------------------------------------------------------------------------
// Progress

export const progressRow = z.object({
  key: z.string(),
  label: z.string(),
  planned: z.number().int(),
  delivered: z.number().int(),
  plannedCashCents: z.number().int(),
  deliveredCashCents: z.number().int(),
  plannedGoodsCents: z.number().int(),
  deliveredGoodsCents: z.number().int(),
  /** 慰问信份数: entries whose standard has a letter (one letter per entry, as the letters PDF prints them). */
  letters: z.number().int(),
});
export type ProgressRow = z.infer<typeof progressRow>;

export const progressQuery = z.strictObject({ asOf: isoDate.optional() });
export const progressResponse = z.object({
  asOf: z.string(),
  /** before_due: visits still on time; overdue: past the due date; after_window: the window is over (漏访). */
  phase: z.enum(['before_window', 'before_due', 'overdue', 'after_window']),
  overall: progressRow,
  byStreet: z.array(progressRow),
  byCommunity: z.array(progressRow),
  byCategory: z.array(progressRow),
  byStandard: z.array(progressRow),
  overdue: z.number().int(),
  missed: z.number().int(),
  deceased: z.number().int(),
  openCases: z.number().int(),
  verification: z.object({ drawn: z.number().int(), checked: z.number().int(), problems: z.number().int() }),
  /** Each task type of the campaign, done/planned by street and community. */
  tasks: z.array(taskTypeProgress),
});
export type ProgressResponse = z.infer<typeof progressResponse>;

export const progressListKinds = ['pending', 'overdue', 'missed', 'deceased'] as const;
export const progressListQuery = z.strictObject({
  ...pageQuery,
  kind: z.enum(progressListKinds),
  asOf: isoDate.optional(),
  streetId: z.coerce.number().int().positive().optional(),
});
export const progressListItem = z.object({
  entryId: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  streetName: z.string(),
  communityName: z.string(),
  standardName: z.string(),
  cashCents: z.number().int(),
  assignedUserName: z.string().nullable(),
  visitStatus: z.enum(['pending', 'delivered']),
  deathDate: z.string().nullable(),
});
export const progressList = paged(progressListItem);

// ---------------------------------------------------------------------------------------------------------------
// A person's campaign history (the person page): every roster entry across campaigns, with its visit

export const personCampaignItem = z.object({
  entryId: z.number().int(),
  campaignId: z.number().int(),
  campaignName: z.string(),
  year: z.number().int(),
  campaignStatus: z.string(),
  standardName: z.string(),
  categoryName: z.string(),
  streetName: z.string(),
  communityName: z.string(),
  /** The package as planned for the entry, in 分. */
  plannedCashCents: z.number().int(),
  plannedGoodsCents: z.number().int(),
  plannedGoods: z.array(z.object({ name: z.string(), quantity: z.number(), unit: z.string() })),
  /** removed = taken off the roster (kept with the reason); otherwise pending or delivered. */
  status: z.enum(['pending', 'delivered', 'removed']),
  removedReason: z.string().nullable(),
  visit: visitItem.nullable(),
});
export type PersonCampaignItem = z.infer<typeof personCampaignItem>;

export const personCampaignHistory = z.object({ items: z.array(personCampaignItem) });
export type PersonCampaignHistory = z.infer<typeof personCampaignHistory>;
