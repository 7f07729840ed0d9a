/** Small synthetic notices, one robustness point each. */
import { describe, expect, it } from 'vitest';
import { parseMarker, parseNotice } from './parse-notice.ts';

const full = [
  '沪退役军人发［２０２４］１２号',
  '',
  '上海市退役军人事务局',
  '关于做好2025年春节走访慰问工作的通知',
  '',
  '各区退役军人事务局，各有关单位：',
  '',
  '　　为做好2025年春节走访慰问工作，现将有关事项通知如下。',
  '　　一、总体要求',
  '　　坚持以人民为中心，把党和政府的关怀送到优抚对象心坎上。',
  '　　二、慰问对象',
  '　　（一）本市户籍的烈士遗属、因公牺牲军人遗属、病故军人遗属；',
  '　　（二）残疾军人、在乡复员军人、带病回乡退伍军人。',
  '　　三、工作要求',
  '　　1.各区要严格执行慰问标准，不得擅自扩大范围。',
  '　　2.请于2025年1月20日前报送慰问情况。',
  '　　特此通知。',
  '',
  '　　附件：1．春节慰问对象名单',
  '　　　　　2．慰问标准',
  '',
  '上海市退役军人事务局',
  '二〇二四年十二月二十五日',
  '',
  '（此件主动公开）',
  '',
  '抄送：市双拥办。',
  '上海市退役军人事务局办公室　　2024年12月26日印发',
  '',
].join('\n');

describe('a complete notice laid out by GB/T 9704', () => {
  const n = parseNotice(full);

  it('reads the header, full-width digits and ［］ brackets included', () => {
    expect(n.docNumber).toBe('沪退役军人发〔2024〕12号');
    expect(n.title).toBe('上海市退役军人事务局关于做好2025年春节走访慰问工作的通知');
    expect(n.recipients).toEqual(['各区退役军人事务局', '各有关单位']);
  });

  it('reads the signature with a Chinese-numeral date, and the 版记', () => {
    expect(n.issuers).toEqual(['上海市退役军人事务局']);
    expect(n.date).toBe('2024-12-25');
    expect(n.cc).toEqual(['市双拥办']);
    expect(n.printDate).toBe('2024-12-26');
  });

  it('makes heading sections tasks with their sub-items as body; 工作要求 becomes requirements', () => {
    expect(n.tasks.map((t) => [t.no, t.title])).toEqual([
      [1, '总体要求'],
      [2, '慰问对象'],
    ]);
    expect(n.tasks[1]?.body).toBe(
      '（一）本市户籍的烈士遗属、因公牺牲军人遗属、病故军人遗属；\n（二）残疾军人、在乡复员军人、带病回乡退伍军人。',
    );
    expect(n.requirements).toEqual([
      '1.各区要严格执行慰问标准，不得擅自扩大范围。',
      '2.请于2025年1月20日前报送慰问情况。',
    ]);
    expect(n.preamble).toBe('为做好2025年春节走访慰问工作，现将有关事项通知如下。');
  });

  it('keeps 附件 out of the tasks and drops 特此通知', () => {
    expect(n.attachments).toEqual(['1．春节慰问对象名单', '2．慰问标准']);
    expect(n.body).not.toContain('特此通知');
  });

  it('has nothing to warn about', () => {
    expect(n.warnings).toEqual([]);
    expect(n.inner).toBeNull();
  });
});

describe('文号 brackets', () => {
  it.each([
    ['普府办〔2021〕4号', '普府办〔2021〕4号'],
    ['普府办[2021] 4号', '普府办〔2021〕4号'],
    ['普府办［2021］4号', '普府办〔2021〕4号'],
    ['普府办【2021】4号', '普府办〔2021〕4号'],
    ['普府办(2021)4号', '普府办〔2021〕4号'],
    ['普府办 〔 ２０２１ 〕 第 ４ 号', '普府办〔2021〕第4号'],
    ['克退役軍人發〔2024〕12號', '克退役軍人發〔2024〕12號'],
  ])('%s → %s', (raw, expected) => {
    const n = parseNotice(
      `${raw}\n关于做好春节走访慰问工作的通知\n各区：\n一、做好走访。各区要认真组织。\n上海市退役军人事务局\n2024年12月25日`,
    );
    expect(n.docNumber).toBe(expected);
  });
});

describe('dates', () => {
  it('reads a date on the same line as the issuer, and a Chinese-numeral one', () => {
    expect(
      parseNotice('关于春节慰问的通知\n一、做好走访。\n克拉玛依市退役军人事务局 二〇二四年十二月二十五日').date,
    ).toBe('2024-12-25');
    expect(parseNotice('关于春节慰问的通知\n一、做好走访。\n克拉玛依市退役军人事务局\n2025 年 1 月 3 日').date).toBe(
      '2025-01-03',
    );
  });

  it('flags an impossible date instead of guessing', () => {
    const text = '关于春节慰问的通知\n一、做好走访。\n上海市退役军人事务局\n2021年2月30日';
    const n = parseNotice(text);
    expect(n.date).toBeNull();
    const w = n.warnings.find((x) => x.code === 'date_invalid');
    expect(text.slice(w?.at, (w?.at ?? 0) + (w?.length ?? 0))).toBe('2021年2月30日');
  });

  it('falls back to the print date, saying so', () => {
    const n = parseNotice(
      '关于春节慰问的通知\n各区：\n一、做好走访。\n上海市退役军人事务局\n抄送：市双拥办。\n上海市退役军人事务局办公室 2025年1月8日印发',
    );
    expect(n.date).toBe('2025-01-08');
    expect(n.warnings.map((w) => w.code)).toContain('date_from_print');
  });
});

describe('issuers', () => {
  it('splits joint issuers on one line, merges a name broken over lines', () => {
    const n = parseNotice(
      '关于春节慰问的通知\n各区：\n一、做好走访。\n克拉玛依市退役军人事务局　　克拉玛依军分区政治工作部\n2025年1月3日',
    );
    expect(n.issuers).toEqual(['克拉玛依市退役军人事务局', '克拉玛依军分区政治工作部']);
    const m = parseNotice(
      '关于春节慰问的通知\n各区：\n一、做好走访。\n上海市普陀区拥军优属拥政爱民\n工作领导小组办公室\n2021年1月5日',
    );
    expect(m.issuers).toEqual(['上海市普陀区拥军优属拥政爱民工作领导小组办公室']);
    const k = parseNotice('关于春节慰问的通知\n各区：\n一、做好走访。\n上海市普陀区人民政府 办公室 2021年1月5日');
    expect(k.issuers).toEqual(['上海市普陀区人民政府办公室']);
  });
});

describe('section numbering', () => {
  it.each([
    ['一、', '二、', '三、'],
    ['（一）', '（二）', '（三）'],
    ['(一)', '(二)', '(三)'],
    ['一是', '二是', '三是'],
    ['1.', '2.', '3.'],
    ['1、', '2、', '3、'],
    ['１．', '２．', '３．'],
    ['第一，', '第二，', '第三，'],
  ])('%s %s %s', (a, b, c) => {
    const n = parseNotice(
      `关于春节慰问的通知\n各区：\n${a}做好走访。各街道要上门。\n${b}发放慰问金。各部门要配合。\n${c}加强宣传。驻区部队要参与。`,
    );
    expect(n.tasks.map((t) => [t.no, t.title])).toEqual([
      [1, '做好走访'],
      [2, '发放慰问金'],
      [3, '加强宣传'],
    ]);
    expect(n.tasks.map((t) => t.suggestedAssignees)).toEqual([['street'], ['department'], ['military']]);
  });

  it('parses markers', () => {
    expect(parseMarker('十二、总结')).toEqual({ style: 'dun', no: 12, length: 3 });
    expect(parseMarker('（十）加强')?.no).toBe(10);
    expect(parseMarker('1.5万元')).toBeNull();
    expect(parseMarker('十分重要')).toBeNull();
    expect(parseMarker('2024年')).toBeNull();
  });

  it('keeps lower-level items inside the top-level section', () => {
    const n = parseNotice(
      '关于春节慰问的通知\n各区：\n一、做好走访\n（一）上门走访。\n（二）集中慰问。\n二、加强宣传\n1.报纸。\n2.网络。',
    );
    expect(n.tasks.map((t) => t.title)).toEqual(['做好走访', '加强宣传']);
    expect(n.tasks[0]?.body).toBe('（一）上门走访。\n（二）集中慰问。');
  });

  it('flags irregular numbering', () => {
    const text = '关于春节慰问的通知\n各区：\n一、做好走访。\n三、加强宣传。';
    const n = parseNotice(text);
    expect(n.tasks.map((t) => t.no)).toEqual([1, 3]);
    const w = n.warnings.find((x) => x.code === 'numbering_irregular');
    expect(text.slice(w?.at, (w?.at ?? 0) + 2)).toBe('三、');
  });

  it('takes the first clause as title when the lead sentence is long', () => {
    const n = parseNotice(
      '关于春节慰问的通知\n各区：\n一、各区要在春节前组织开展走访慰问，对辖区内的烈士遗属、因公牺牲军人遗属、病故军人遗属、残疾军人逐户上门走访慰问并送上慰问金和慰问品。',
    );
    expect(n.tasks[0]?.title).toBe('各区要在春节前组织开展走访慰问');
    expect(n.tasks[0]?.body.startsWith('各区要在春节前组织开展走访慰问，对辖区内')).toBe(true);
  });
});

describe('missing parts are flagged, never invented', () => {
  it('a body without sections, title, 文号, issuer or date', () => {
    const text = '春节将至，请大家做好慰问工作。';
    const n = parseNotice(text);
    expect(n.tasks).toEqual([]);
    expect(n.title).toBeNull();
    expect(n.docNumber).toBeNull();
    expect(n.issuers).toEqual([]);
    expect(n.date).toBeNull();
    expect(n.preamble).toBe(text);
    expect(n.warnings.map((w) => w.code).sort()).toEqual(
      [
        'date_missing',
        'doc_number_missing',
        'issuers_missing',
        'recipients_missing',
        'tasks_missing',
        'title_missing',
      ].sort(),
    );
  });

  it('empty and whitespace-only input', () => {
    for (const text of ['', '   \n\r\n\t ', '— 2 —']) {
      const n = parseNotice(text);
      expect(n.tasks).toEqual([]);
      expect(n.warnings.map((w) => w.code)).toEqual(['empty_input']);
    }
  });
});

describe('traditional script and pinyin', () => {
  const text = [
    '關於做好春節(jié)走訪慰問工作的通知',
    '各區(qū)退役軍人事務(wù)局:',
    '一是大力營(yíng)造雙擁濃厚氛圍。各區(qū)要廣泛宣傳。',
    '二是傾力關(guān)心關(guān)愛優撫對象。各街道要上門走訪。',
    '軍地各級(jí)組織開展活動,要嚴格落實安全保密規定。',
    '克拉瑪依市退役軍人事務(wù)局',
    '二〇二四年十二月二十五日',
  ].join('\r\n');
  const n = parseNotice(text);

  it('keeps 繁體 for display, strips the pinyin, offers 简体 for search', () => {
    expect(n.script).toBe('traditional');
    expect(n.title).toBe('關於做好春節走訪慰問工作的通知');
    expect(n.recipients).toEqual(['各區退役軍人事務局']);
    expect(n.tasks.map((t) => t.title)).toEqual(['大力營造雙擁濃厚氛圍', '傾力關心關愛優撫對象']);
    expect(n.requirements).toEqual(['軍地各級組織開展活動,要嚴格落實安全保密規定。']);
    expect(n.issuers).toEqual(['克拉瑪依市退役軍人事務局']);
    expect(n.date).toBe('2024-12-25');
    expect(n.searchText).toContain('关于做好春节走访慰问工作的通知');
    expect(n.tasks.map((t) => t.suggestedAssignees)).toEqual([['district'], ['street']]);
    expect(n.warnings.map((w) => w.code)).toEqual(['doc_number_missing']);
  });
});

describe('forwarding', () => {
  it('keeps outer and inner layers with their own 文号, issuers and dates', () => {
    const text = [
      '克政办发〔2025〕3号',
      '关于转发《市退役军人事务局关于做好春节慰问工作的通知》的通知',
      '各区人民政府，市政府各部门：',
      '现将《市退役军人事务局关于做好春节慰问工作的通知》转发给你们，请认真贯彻执行。',
      '克拉玛依市人民政府办公室',
      '2025年1月10日',
      '克退役军人发〔2025〕1号',
      '市退役军人事务局关于做好春节慰问工作的通知',
      '各区退役军人事务局：',
      '一、做好走访。各区要上门慰问。',
      '二、加强宣传。驻市各部队要配合。',
      '克拉玛依市退役军人事务局',
      '2025年1月6日',
    ].join('\n');
    const n = parseNotice(text);
    expect(n.docNumber).toBe('克政办发〔2025〕3号');
    expect(n.issuers).toEqual(['克拉玛依市人民政府办公室']);
    expect(n.date).toBe('2025-01-10');
    expect(n.recipients).toEqual(['各区人民政府', '市政府各部门']);
    expect(n.inner?.docNumber).toBe('克退役军人发〔2025〕1号');
    expect(n.inner?.title).toBe('市退役军人事务局关于做好春节慰问工作的通知');
    expect(n.inner?.issuers).toEqual(['克拉玛依市退役军人事务局']);
    expect(n.inner?.date).toBe('2025-01-06');
    expect(n.inner?.recipients).toEqual(['各区退役军人事务局']);
    expect(n.tasksSource).toBe('inner');
    expect(n.tasks.map((t) => t.title)).toEqual(['做好走访', '加强宣传']);
    expect(n.warnings).toEqual([]);
  });
});
