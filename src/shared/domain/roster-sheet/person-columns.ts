import type { HeaderDictionary } from './header.ts';

/** The people roster's columns (with the header variants offices use) and what a person row reads into. */
export const personFields = [
  'serial',
  'idNumber',
  'name',
  'sex',
  'birthDate',
  'category',
  'disabilityGrade',
  'disabilityNature',
  'relation',
  'servicemanName',
  'certificateNo',
  'enlistmentDate',
  'hukou',
  'address',
  'phone',
  'street',
  'community',
  'livingSituation',
  'notes',
] as const;
export type PersonField = (typeof personFields)[number];

/** Header names per field, with the variants offices use (繁體 headers match through their 简体 key). */
export const personColumns: HeaderDictionary<PersonField> = {
  serial: ['序号', '序', '编号', 'NO', 'NO.', '顺序号'],
  idNumber: [
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '公民身份证号码',
    '公民身份证号',
    '证件号码',
    '证件号',
    '身份证',
    '身份证件号码',
    '身份号码',
  ],
  name: ['姓名', '名字', '人员姓名', '优抚对象姓名', '对象姓名', '户主姓名'],
  sex: ['性别'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '出生时间', '生日'],
  category: [
    '优抚类别',
    '人员类别',
    '类别',
    '优抚对象类别',
    '对象类别',
    '身份类别',
    '优抚对象类型',
    '人员类型',
    '类型',
  ],
  disabilityGrade: ['伤残等级', '残疾等级', '等级', '评残等级'],
  disabilityNature: ['伤残性质', '残疾性质', '性质', '致残性质'],
  relation: ['与军人关系', '关系', '亲属关系', '与烈士关系', '与军人的关系', '与牺牲军人关系', '家属关系'],
  servicemanName: ['军人姓名', '烈士姓名', '牺牲军人姓名', '现役军人姓名', '病故军人姓名'],
  certificateNo: ['证书编号', '证件编号', '证书号', '残疾军人证号', '优待证号', '证号', '证书号码'],
  enlistmentDate: ['入伍时间', '入伍日期', '入伍年月'],
  hukou: ['户籍地', '户籍地址', '户籍所在地', '户口所在地', '户籍', '户口地址', '户籍地详址'],
  address: ['居住地址', '现住址', '现居住地址', '家庭住址', '住址', '居住地', '现居住地', '家庭地址', '详细地址'],
  phone: ['联系电话', '手机号码', '电话', '手机', '联系方式', '手机号', '电话号码', '联系电话(手机)'],
  street: ['街道', '镇', '街道/镇', '街镇', '所属街道', '街道镇', '乡镇街道', '街道(镇)', '所在街道'],
  community: ['社区', '村', '社区/村', '居委', '居委会', '村居', '所属社区', '社区(村)', '村(居)委会', '所在社区'],
  livingSituation: ['生活状况', '生活情况', '家庭状况', '生活状态'],
  notes: ['备注', '说明'],
};

/** The usual header of each field, for messages about a column the sheet does not have. */
export const personFieldLabels: Record<PersonField, string> = {
  serial: '序号',
  idNumber: '身份证号',
  name: '姓名',
  sex: '性别',
  birthDate: '出生日期',
  category: '优抚类别',
  disabilityGrade: '伤残等级',
  disabilityNature: '伤残性质',
  relation: '与军人关系',
  servicemanName: '军人姓名',
  certificateNo: '证书编号',
  enlistmentDate: '入伍时间',
  hukou: '户籍地',
  address: '居住地址',
  phone: '联系电话',
  street: '街道',
  community: '社区',
  livingSituation: '生活状况',
  notes: '备注',
};

export const requiredPersonFields: readonly PersonField[] = ['idNumber', 'name'];

export interface QualificationDraft {
  categoryCode: string;
  disabilityGrade: number | null;
  disabilityNature: string | null;
  relation: string | null;
  servicemanName: string | null;
  certificateNo: string | null;
  /** 入伍时间, ISO (possibly `YYYY-MM`). */
  startDate: string | null;
  flags: string[];
}

export interface PersonDraft {
  row: number;
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  qualifications: QualificationDraft[];
  phone: string | null;
  phone2: string | null;
  hukouText: string | null;
  address: string | null;
  streetText: string | null;
  communityText: string | null;
  livingSituations: string[];
  notes: string | null;
}
