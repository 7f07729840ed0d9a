import { describe, expect, it } from 'vitest';
import { parseNotice } from './parse-notice.ts';
import { readSeed } from './seeds.fixture.ts';
import type { NoticeWarning } from './types.ts';

const putuo = readSeed('000_');
const karamay = readSeed('004_');

function damaged(text: string, w: NoticeWarning): string {
  return text.slice(w.at, w.at + w.length);
}

describe('seed 000: 上海市普陀区 2021, a forwarding notice extracted from PDF', () => {
  const n = parseNotice(putuo);

  it('reads the cover letter: 文号, title, issuer, date, 主送, 抄送, 印发', () => {
    expect(n.docNumber).toBe('普府办〔2021〕4号');
    expect(n.title).toBe(
      '上海市普陀区人民政府办公室关于转发区双拥办制定的《普陀区关于2021年春节期间组织开展拥军优属、拥政爱民活动的通知》的通知',
    );
    expect(n.issuers).toEqual(['上海市普陀区人民政府办公室']);
    expect(n.date).toBe('2021-01-08');
    expect(n.printDate).toBe('2021-01-08');
    expect(n.recipients).toEqual(['区政府各委、办、局', '各街道办事处、镇政府']);
    expect(n.cc).toEqual([
      '区委各部门',
      '区人大常委会办公室',
      '区政协办公室',
      '区法院',
      '区检察院',
      '区各人民团体、各民主党派',
    ]);
    expect(n.preamble).toBe(
      '区双拥办制定的《普陀区关于2021年春节期间组织开展拥军优属、拥政爱民活动的通知》已经区政府同意,现转发给你们,请按照执行。',
    );
    expect(n.script).toBe('simplified');
  });

  it('keeps the forwarded notice as the inner layer with its own issuer and date', () => {
    const inner = n.inner;
    expect(inner).not.toBeNull();
    expect(inner?.title).toBe('普陀区关于2021年春节期间组织开展拥军优属、拥政爱民活动的通知');
    expect(inner?.issuers).toEqual(['上海市普陀区拥军优属拥政爱民工作领导小组办公室']);
    expect(inner?.date).toBe('2021-01-05');
    expect(inner?.docNumber).toBeNull();
    expect(inner?.inner).toBeNull();
    expect(inner?.cc).toEqual([]);
    expect(inner?.preamble?.startsWith('为切实保障广大优抚对象、驻区部队官兵过一个欢乐、祥和的节日')).toBe(true);
  });

  it('makes the four numbered sections tasks (on the inner notice, and carried up to the cover letter)', () => {
    const titles = ['大力营造双拥浓厚氛围', '主动帮助部队排忧解难', '扎实抓好政策待遇落实', '深入开展军地共建活动'];
    expect(n.inner?.tasks.map((t) => t.title)).toEqual(titles);
    expect(n.inner?.tasks.map((t) => t.no)).toEqual([1, 2, 3, 4]);
    expect(n.tasksSource).toBe('inner');
    expect(n.tasks.map((t) => t.title)).toEqual(titles);
    expect(n.requirements).toEqual([]);
    const [t1, t2, t3, t4] = n.tasks;
    expect(t1?.body.startsWith('各部门、各单位、驻区各部队要强化大局意识')).toBe(true);
    expect(t1?.body.endsWith('密切军政军民鱼水深情。')).toBe(true);
    expect(t2?.body.endsWith('激励他们矢志强军、建功立业。')).toBe(true);
    // spaces that extraction put inside words are gone
    expect(t3?.body).toContain('牢固树立依法拥军的观念,进一步加大');
    expect(t3?.body).toContain('推动军人成为全社会尊崇的职业');
    // section 四 is broken by a blank line inside 协助: joined again, not a requirement
    expect(t4?.body).toContain('加强军警民联防联治,协助地方做好社会治安治理');
    expect(t4?.body.endsWith('巩固发展坚如磐石的军政军民关系。')).toBe(true);
    expect(putuo.slice(t1?.at, (t1?.at ?? 0) + 2)).toBe('一、');
    expect(putuo.slice(t4?.at, (t4?.at ?? 0) + 2)).toBe('四、');
  });

  it('suggests assignees from who the text tells to act', () => {
    expect(n.tasks.map((t) => t.suggestedAssignees)).toEqual([
      ['department', 'military'],
      ['department', 'social'],
      ['department'],
      ['military'],
    ]);
  });

  it('flags the duplicated passage of section 二 at its place in the original, without repairing it', () => {
    const dup = n.warnings.filter((w) => w.code === 'duplicated_text');
    expect(dup).toHaveLength(1);
    const w = dup[0] as NoticeWarning;
    const unit = '实训等工作,帮助解决影响部队官兵生活、过,人才培养、能力';
    expect(damaged(putuo, w)).toBe(`${unit.repeat(3)}实训等工作,帮助解决影响部队官兵生活、过`);
    expect(w.at).toBe(putuo.indexOf('实训等工作'));
    expect(w.message).toContain('重复');
    // the inner notice carries the same warning; the text stays as it was
    expect(n.inner?.warnings).toContainEqual(w);
    expect(n.tasks[1]?.body).toContain(unit.repeat(3));
  });

  it('reports nothing else as damaged or missing', () => {
    expect(n.warnings.map((w) => w.code)).toEqual(['duplicated_text']);
  });

  it('offers a simplified search text', () => {
    expect(n.searchText).toContain('加强优抚信息系统建设');
    expect(n.searchText).not.toMatch(/拥军 优属/);
  });
});

describe('seed 004: 克拉玛依市 2025, traditional, with pinyin annotations and mojibake', () => {
  const n = parseNotice(karamay);

  it('reads issuers from the two signature lines; 文号, title and date are missing and said so', () => {
    expect(n.issuers).toEqual(['克拉瑪依市退役軍人事務局', '克拉瑪依軍分區政治工作部']);
    expect(n.docNumber).toBeNull();
    expect(n.title).toBeNull();
    expect(n.date).toBeNull();
    const codes = n.warnings.map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['doc_number_missing', 'title_missing', 'date_missing']));
    expect(n.inner).toBeNull();
    expect(n.cc).toEqual([]);
    expect(n.script).toBe('traditional');
  });

  it('takes 主送 from the lead sentence (要求…以) and says where it came from', () => {
    expect(n.recipients).toEqual(['各區退役軍人事務局', '各駐市部隊']);
    const w = n.warnings.find((x) => x.code === 'recipients_inferred');
    expect(w).toBeDefined();
    expect(damaged(karamay, w as NoticeWarning)).toBe('各區(qū)退役軍人事務(wù)局、各駐市部隊');
  });

  it('makes the four 一是…四是 sections tasks, in traditional script, pinyin removed', () => {
    expect(n.tasks.map((t) => t.title)).toEqual([
      '大力營造雙擁濃厚氛圍',
      '聚力服務部隊備戰打仗',
      '助力保障改善民生福祉',
      '傾力關心關愛優撫對象',
    ]);
    expect(n.tasks.map((t) => t.no)).toEqual([1, 2, 3, 4]);
    expect(n.tasksSource).toBe('self');
    for (const t of n.tasks) expect(`${t.title}${t.body}`).not.toMatch(/\((?:jié|qū|wù|duì)\)/);
    expect(n.tasks[1]?.body).toContain('各區各部門要全力支持部隊練兵備戰各項工作');
    expect(n.tasks[3]?.body).toContain('常態化開展送立功喜報、掛光榮牌、貼新春楹聯年畫等活動');
    expect(n.preamble?.startsWith('2025年春節即將來臨之際,克拉瑪依市退役軍人事務局')).toBe(true);
  });

  it('keeps the damaged text of section 一 verbatim in the body', () => {
    expect(n.tasks[0]?.body.startsWith('??死斠朗幸恢币詠?lái)高度重視擁軍優屬、擁政愛民工作')).toBe(true);
    expect(n.tasks[1]?.body).toContain('駐市各部隊?wèi)?zhàn)備訓練');
  });

  it('makes the closing 安全保密、俭朴节约 paragraph a requirement, not part of section 四', () => {
    expect(n.requirements).toEqual([
      '軍地各級組織開展節日期間各類活動,要嚴格落實安全保密、軍地交往、改進作風等規定要求,做到儉樸節約、務求實效。',
    ]);
    expect(n.tasks[3]?.body.endsWith('送上黨和政府的關懷溫暖。')).toBe(true);
  });

  it('flags the mojibake where 克拉瑪依市 stood and the lost 戰, at their offsets in the original', () => {
    const garbled = n.warnings.filter((w) => w.code === 'garbled_text');
    expect(garbled).toHaveLength(2);
    const [a, b] = garbled as [NoticeWarning, NoticeWarning];
    expect(karamay.slice(a.at, a.at + 5)).toBe('??死斠朗');
    expect(damaged(karamay, a)).toBe('??死斠朗幸恢币詠?lái)');
    expect(a.at).toBe(karamay.indexOf('??死斠朗'));
    expect(damaged(karamay, b)).toBe('?wèi)?zhàn)');
    expect(b.message).toContain('zhàn');
  });

  it('suggests assignees from the subjects, or from 主送 when a section names none', () => {
    expect(n.tasks.map((t) => t.suggestedAssignees)).toEqual([
      ['district', 'military'],
      ['district', 'department'],
      ['military'],
      ['district'],
    ]);
  });

  it('gives a simplified search text', () => {
    expect(n.searchText).toContain('大力营造双拥浓厚氛围');
    expect(n.searchText).toContain('克拉玛依市退役军人事务局');
    expect(n.searchText).toContain('做到俭朴节约、务求实效');
  });
});
