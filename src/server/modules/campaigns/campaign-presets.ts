/**
 * Campaign presets from the two seed notices (issue 4 item 10). They are data: categories, conditions, letters
 * and task types as the notices order them, with placeholder amounts (0, `amountSet: false`) that the office
 * sets before generating the roster — an amount is never a constant in code.
 */
import type { PresetKey } from '../../../shared/api/campaigns.api.ts';
import type { DedupPolicy } from '../../../shared/domain/campaign/roster.ts';
import type { StandardInput } from '../../../shared/domain/campaign/standards.ts';

export interface CampaignPreset {
  key: PresetKey;
  name: string;
  /** 统计用区划代码 of the deployment it was written for. */
  regionCode: string;
  /** The notice it follows. */
  source: string;
  description: string;
  dedupPolicy: DedupPolicy;
  taskTypes: string[];
  signatory: string;
  standards: StandardInput[];
}

const localAlive = [
  { kind: 'hukouLocal' as const, value: true },
  { kind: 'alive' as const, value: true },
];

/** A goods line whose unit price the office fills in. */
const giftPlaceholder = { name: '慰问品', quantity: 1, unitPriceCents: 0, unit: '份' };

const putuoLetter = [
  '尊敬的{{姓名}}{{称谓}}：',
  '值此新春佳节来临之际，谨向您和您的家人致以节日的问候和美好的祝愿！',
  '您作为{{类别}}，为国防和军队建设作出了贡献。区委、区政府始终关心您的生活，衷心感谢您长期以来对双拥工作的理解和支持。',
  '祝您新春愉快，身体健康，阖家幸福！',
  '{{落款单位}}',
  '{{日期}}',
].join('\n');

const karamayLetter = [
  '尊敬的{{姓名}}{{称谓}}：',
  '新春佳节即将来临，谨向您和您的家人致以节日的问候！感谢您和家人为国防和军队建设作出的奉献。',
  '祝您春节快乐，身体健康，万事如意！',
  '{{落款单位}}',
  '{{日期}}',
].join('\n');

export const campaignPresets: readonly CampaignPreset[] = [
  {
    key: 'putuo',
    name: '普陀区春节走访慰问（按普府办〔2021〕4号）',
    regionCode: '310107',
    source: '普府办〔2021〕4号 三、扎实抓好政策待遇落实',
    description:
      '为本区户籍的烈士遗属、因公牺牲军人遗属、病故军人遗属、残疾军人、现役军人直系亲属家庭送上春节慰问信、发放慰问品；做好边海防官兵家庭关心慰问；组织送立功受奖喜报。按户发放，取最高标准。',
    dedupPolicy: 'household',
    taskTypes: ['visit', 'merit_notice'],
    signatory: '上海市普陀区拥军优属拥政爱民工作领导小组办公室',
    standards: [
      {
        name: '烈士遗属',
        priority: 50,
        categories: ['martyr_family'],
        conditions: localAlive,
        package: { cashCents: 0, goods: [giftPlaceholder], letterTemplate: putuoLetter },
      },
      {
        name: '因公牺牲军人遗属',
        priority: 45,
        categories: ['duty_death_family'],
        conditions: localAlive,
        package: { cashCents: 0, goods: [giftPlaceholder], letterTemplate: putuoLetter },
      },
      {
        name: '病故军人遗属',
        priority: 40,
        categories: ['illness_death_family'],
        conditions: localAlive,
        package: { cashCents: 0, goods: [giftPlaceholder], letterTemplate: putuoLetter },
      },
      {
        name: '残疾军人',
        priority: 30,
        categories: ['disabled_veteran'],
        conditions: localAlive,
        package: { cashCents: 0, goods: [giftPlaceholder], letterTemplate: putuoLetter },
      },
      {
        name: '边海防官兵家庭关心慰问',
        priority: 25,
        categories: ['serviceman_family'],
        conditions: [...localAlive, { kind: 'flag', anyOf: ['border_family'] }],
        package: { cashCents: 0, goods: [giftPlaceholder], letterTemplate: putuoLetter },
      },
      {
        name: '现役军人直系亲属家庭',
        priority: 20,
        categories: ['serviceman_family'],
        conditions: [...localAlive, { kind: 'relation', anyOf: ['父母', '抚养人', '配偶', '子女'] }],
        package: { cashCents: 0, goods: [giftPlaceholder], letterTemplate: putuoLetter },
      },
    ],
  },
  {
    key: 'karamay',
    name: '克拉玛依市春节走访慰问（按 2025 年春节通知）',
    regionCode: '650200',
    source: '克拉玛依市退役军人事务局、克拉玛依军分区政治工作部 2025 年春节通知 四、倾力关心关爱优抚对象',
    description:
      '看望慰问老复员军人、烈士遗属和因公牺牲、病故军人遗属；常态化开展送立功喜报、挂光荣牌、贴新春楹联年画。按人发放。',
    dedupPolicy: 'person',
    taskTypes: ['visit', 'merit_notice', 'plaque', 'couplets'],
    signatory: '克拉玛依市退役军人事务局',
    standards: [
      {
        name: '烈士遗属',
        priority: 50,
        categories: ['martyr_family'],
        conditions: localAlive,
        package: { cashCents: 0, goods: [giftPlaceholder], letterTemplate: karamayLetter },
      },
      {
        name: '因公牺牲和病故军人遗属',
        priority: 40,
        categories: ['duty_death_family', 'illness_death_family'],
        conditions: localAlive,
        package: { cashCents: 0, goods: [giftPlaceholder], letterTemplate: karamayLetter },
      },
      {
        name: '老复员军人',
        priority: 30,
        categories: ['demobilized_soldier'],
        conditions: localAlive,
        package: { cashCents: 0, goods: [giftPlaceholder], letterTemplate: karamayLetter },
      },
    ],
  },
];

export function findPreset(key: string | null | undefined): CampaignPreset | undefined {
  return campaignPresets.find((p) => p.key === key);
}
