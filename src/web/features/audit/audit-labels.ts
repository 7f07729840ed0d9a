/** Chinese names of audit actions and entity types; unknown ones are shown as they are. */
export const auditActionLabels: Record<string, string> = {
  'login.success': '登录成功',
  'login.failure': '登录失败',
  logout: '退出登录',
  'password.change': '修改密码',
  create: '新增',
  update: '修改',
  delete: '删除',
  export: '导出',
  import: '导入',
  'view.idNumber': '查看完整身份证号',
  'view.designation': '查看部队番号',
  job: '后台任务',
};

export const auditActionColors: Record<string, string> = {
  'login.failure': 'red',
  delete: 'red',
  export: 'orange',
  'view.idNumber': 'orange',
  'view.designation': 'orange',
  create: 'green',
  update: 'blue',
};

export const entityTypeLabels: Record<string, string> = {
  user: '用户',
  region: '区划',
  unit: '单位',
  person: '优抚对象',
  qualification: '优抚身份',
  household: '家庭户',
  campaign: '慰问活动',
  standard: '慰问标准',
  roster: '慰问名单',
  rosterEntry: '名单条目',
  visit: '走访',
  honorPlaque: '光荣牌',
  meritNotice: '立功喜报',
  request: '部队诉求',
  meeting: '会议',
  pairing: '结对',
  activity: '双拥活动',
  notice: '通知',
  task: '任务',
  setting: '系统设置',
  job: '后台任务',
};

export const label = (labels: Record<string, string>, key: string | null) =>
  key === null ? '—' : (labels[key] ?? key);
