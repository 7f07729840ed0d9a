import type { RegionLevel, UnitKind } from '../db/schema.ts';

/**
 * The two demo deployments. Region codes above the community level are the real 统计用区划代码
 * (shared/data/regions.json); communities, departments, military units and people are fictional.
 */
export interface DemoRegion {
  code: string;
  name: string;
  level: RegionLevel;
  children?: DemoRegion[];
}

export interface DemoUnit {
  kind: UnitKind;
  name: string;
  /** Military units: the confidential 番号 (fictional). */
  designation?: string;
  contactName?: string;
  contactPhone?: string;
  address?: string;
}

export interface DemoDeployment {
  key: 'putuo' | 'karamay';
  script: 'simplified' | 'traditional';
  /** Province/municipality → city or district root; the deployment's own region is `ownCode`. */
  tree: DemoRegion;
  ownCode: string;
  units: DemoUnit[];
  /** Codes used for accounts: the street and community that demo street/community users belong to. */
  demoStreetCode: string;
  demoCommunityCode: string;
}

const communities = (streetCode: string, names: string[], level: RegionLevel = 'community'): DemoRegion[] =>
  names.map((name, i) => ({ code: `${streetCode.slice(0, 9)}${String(i + 1).padStart(3, '0')}`, name, level }));

export const putuo: DemoDeployment = {
  key: 'putuo',
  script: 'simplified',
  ownCode: '310107',
  demoStreetCode: '310107015000',
  demoCommunityCode: '310107015001',
  tree: {
    code: '310000',
    name: '上海市',
    level: 'province',
    children: [
      {
        code: '310107',
        name: '普陀区',
        level: 'district',
        children: [
          {
            code: '310107005000',
            name: '曹杨新村街道',
            level: 'street',
            children: communities('310107005000', ['曹杨一村居委会', '兰溪路居委会', '枣阳路居委会']),
          },
          {
            code: '310107014000',
            name: '长风新村街道',
            level: 'street',
            children: communities('310107014000', ['长风一村居委会', '怒江苑居委会', '金沙居委会']),
          },
          {
            code: '310107015000',
            name: '长寿路街道',
            level: 'street',
            children: communities('310107015000', ['梅芳里居委会', '武宁居委会', '普雄居委会', '西康居委会']),
          },
          {
            code: '310107016000',
            name: '甘泉路街道',
            level: 'street',
            children: communities('310107016000', ['甘泉一村居委会', '南泉居委会', '黄陵居委会']),
          },
          {
            code: '310107017000',
            name: '石泉路街道',
            level: 'street',
            children: communities('310107017000', ['石泉一居委会', '宜川路居委会', '管弄居委会']),
          },
          {
            code: '310107020000',
            name: '宜川路街道',
            level: 'street',
            children: communities('310107020000', ['中山北路居委会', '陕西北路居委会', '宜川一村居委会']),
          },
          {
            code: '310107021000',
            name: '万里街道',
            level: 'street',
            children: communities('310107021000', ['万里城居委会', '富平居委会', '万里雅苑居委会']),
          },
          {
            code: '310107022000',
            name: '真如镇街道',
            level: 'street',
            children: communities('310107022000', ['真如居委会', '杏山居委会', '星河湾居委会']),
          },
          {
            code: '310107102000',
            name: '长征镇',
            level: 'town',
            children: communities('310107102000', ['梅川居委会', '中海居委会', '新曹杨村'], 'community'),
          },
          {
            code: '310107103000',
            name: '桃浦镇',
            level: 'town',
            children: communities('310107103000', ['桃浦新村居委会', '李子园居委会', '桃浦村'], 'community'),
          },
        ],
      },
    ],
  },
  units: [
    { kind: 'office', name: '普陀区双拥工作领导小组办公室', contactName: '王主任', contactPhone: '021-52560001' },
    { kind: 'department', name: '普陀区退役军人事务局', contactName: '李科长', contactPhone: '021-52560002' },
    { kind: 'department', name: '普陀区教育局', contactName: '赵老师', contactPhone: '021-52560003' },
    { kind: 'department', name: '普陀区人力资源和社会保障局', contactName: '钱科长', contactPhone: '021-52560004' },
    { kind: 'department', name: '普陀区卫生健康委员会', contactName: '孙科长', contactPhone: '021-52560005' },
    { kind: 'department', name: '普陀区民政局', contactName: '周科长', contactPhone: '021-52560006' },
    { kind: 'department', name: '上海市公安局普陀分局', contactName: '吴警官', contactPhone: '021-52560007' },
    { kind: 'department', name: '普陀区人民武装部', contactName: '郑参谋', contactPhone: '021-52560008' },
    { kind: 'service_station', name: '长寿路街道退役军人服务站', contactName: '冯站长', contactPhone: '021-52560011' },
    { kind: 'enterprise', name: '上海某拥军优待商户联盟', contactName: '陈经理', contactPhone: '13800000001' },
    { kind: 'social_org', name: '普陀区双拥促进会', contactName: '褚会长', contactPhone: '13800000002' },
    { kind: 'volunteer_team', name: '普陀区“军嫂”志愿服务队', contactName: '卫队长', contactPhone: '13800000003' },
    {
      kind: 'military',
      name: '驻区某部（一）',
      designation: '91001部队',
      contactName: '蒋干事',
      contactPhone: '13900000001',
    },
    {
      kind: 'military',
      name: '驻区某部（二）',
      designation: '91002部队',
      contactName: '沈干事',
      contactPhone: '13900000002',
    },
    {
      kind: 'military',
      name: '驻区某部（三）',
      designation: '91003部队',
      contactName: '韩干事',
      contactPhone: '13900000003',
    },
    {
      kind: 'military',
      name: '武警某中队',
      designation: '武警某总队某支队第九中队',
      contactName: '杨指导员',
      contactPhone: '13900000004',
    },
    {
      kind: 'military',
      name: '某预备役分队',
      designation: '91005部队预备役营',
      contactName: '朱教导员',
      contactPhone: '13900000005',
    },
    {
      kind: 'military',
      name: '某消防救援站',
      designation: '普陀区消防救援支队长寿路站',
      contactName: '秦站长',
      contactPhone: '13900000006',
    },
  ],
};

export const karamay: DemoDeployment = {
  key: 'karamay',
  script: 'traditional',
  ownCode: '650200',
  demoStreetCode: '650203001000',
  demoCommunityCode: '650203001001',
  tree: {
    code: '650000',
    name: '新疆维吾尔自治区',
    level: 'province',
    children: [
      {
        code: '650200',
        name: '克拉玛依市',
        level: 'city',
        children: [
          {
            code: '650202',
            name: '独山子区',
            level: 'district',
            children: [
              {
                code: '650202001000',
                name: '西宁路街道',
                level: 'street',
                children: communities('650202001000', ['西宁路社区', '大庆东路社区']),
              },
            ],
          },
          {
            code: '650203',
            name: '克拉玛依区',
            level: 'district',
            children: [
              {
                code: '650203001000',
                name: '天山路街道',
                level: 'street',
                children: communities('650203001000', ['天山路社区', '油建社区', '迎宾社区']),
              },
              {
                code: '650203002000',
                name: '胜利路街道',
                level: 'street',
                children: communities('650203002000', ['胜利路社区', '红星社区']),
              },
            ],
          },
          {
            code: '650204',
            name: '白碱滩区',
            level: 'district',
            children: [
              {
                code: '650204001000',
                name: '中兴路街道',
                level: 'street',
                children: communities('650204001000', ['中兴路社区', '平北社区']),
              },
            ],
          },
          {
            code: '650205',
            name: '乌尔禾区',
            level: 'district',
            children: [
              {
                code: '650205100000',
                name: '乌尔禾镇',
                level: 'town',
                children: communities('650205100000', ['乌尔禾社区', '查干草村'], 'community'),
              },
            ],
          },
        ],
      },
    ],
  },
  units: [
    { kind: 'office', name: '克拉玛依市双拥工作领导小组办公室', contactName: '王主任', contactPhone: '0990-6230001' },
    { kind: 'department', name: '克拉玛依市退役军人事务局', contactName: '李科长', contactPhone: '0990-6230002' },
    { kind: 'department', name: '克拉玛依市教育局', contactName: '赵科长', contactPhone: '0990-6230003' },
    { kind: 'department', name: '克拉玛依市人力资源和社会保障局', contactName: '钱科长', contactPhone: '0990-6230004' },
    { kind: 'department', name: '克拉玛依市卫生健康委员会', contactName: '孙科长', contactPhone: '0990-6230005' },
    { kind: 'department', name: '克拉玛依军分区', contactName: '周参谋', contactPhone: '0990-6230006' },
    { kind: 'service_station', name: '天山路街道退役军人服务站', contactName: '吴站长', contactPhone: '0990-6230011' },
    { kind: 'volunteer_team', name: '克拉玛依市拥军志愿服务队', contactName: '郑队长', contactPhone: '13800000011' },
    {
      kind: 'military',
      name: '驻克某部（一）',
      designation: '92001部队',
      contactName: '冯干事',
      contactPhone: '13900000011',
    },
    {
      kind: 'military',
      name: '驻克某部（二）',
      designation: '92002部队',
      contactName: '陈干事',
      contactPhone: '13900000012',
    },
    {
      kind: 'military',
      name: '驻克某部（三）',
      designation: '92003部队',
      contactName: '褚干事',
      contactPhone: '13900000013',
    },
    {
      kind: 'military',
      name: '武警某中队',
      designation: '武警新疆总队某支队某中队',
      contactName: '卫指导员',
      contactPhone: '13900000014',
    },
    {
      kind: 'military',
      name: '某边防连',
      designation: '92005部队边防连',
      contactName: '蒋连长',
      contactPhone: '13900000015',
    },
    {
      kind: 'military',
      name: '某消防救援站',
      designation: '克拉玛依市消防救援支队天山路站',
      contactName: '沈站长',
      contactPhone: '13900000016',
    },
  ],
};

export const deployments = { putuo, karamay } as const;
