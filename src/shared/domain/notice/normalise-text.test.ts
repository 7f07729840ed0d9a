import { describe, expect, it } from 'vitest';
import { isPageNumberLine, normaliseText, splitParagraphs } from './normalise-text.ts';

function paragraphs(text: string): string[] {
  return splitParagraphs(normaliseText(text)).map((p) => p.text);
}

describe('normaliseText', () => {
  it('keeps for every character its offset in the original', () => {
    const original = 'Ａ\r\n節(jié)日\u200b１';
    const m = normaliseText(original);
    expect(m.text).toBe('A\n節日1');
    expect(m.offs).toHaveLength(m.text.length);
    for (let i = 0; i < m.text.length; i++) {
      const ch = m.text[i] ?? '';
      const orig = original[m.offs[i] ?? -1] ?? '';
      if (ch === '\n') expect(orig).toBe('\n');
      else expect(orig.normalize('NFKC')).toBe(ch);
    }
  });

  it('turns CRLF and lone CR into LF', () => {
    expect(normaliseText('一\r\n二\r三\n四').text).toBe('一\n二\n三\n四');
  });

  it('turns full-width digits and letters into ASCII, keeps Chinese punctuation', () => {
    expect(normaliseText('２０２１年１月８日，ＡＢｃ（一）').text).toBe('2021年1月8日，ABc（一）');
  });

  it('strips pinyin annotations after characters, also with full-width brackets and across a line break', () => {
    expect(normaliseText('春節(jié)即將來(lái)臨').text).toBe('春節即將來臨');
    expect(normaliseText('擁軍（yōng）優屬').text).toBe('擁軍優屬');
    expect(normaliseText('戰(zh\nàn)備').text).toBe('戰備');
    expect(normaliseText('的(de)').text).toBe('的');
  });

  it('keeps parentheses that are not pinyin', () => {
    expect(normaliseText('双拥模范城(县)命名').text).toBe('双拥模范城(县)命名');
    expect(normaliseText('世界贸易组织(WTO)').text).toBe('世界贸易组织(WTO)');
    expect(normaliseText('附件(a)').text).toBe('附件(a)');
    expect(normaliseText('双拥(优抚)之家').text).toBe('双拥(优抚)之家');
  });
});

describe('isPageNumberLine', () => {
  it.each(['— 2 —', '- 2 -', '—2—', '－ 12 －', '  - 3 -  ', '第 4 页', '第4页 共5页', '2/5', '- 7'])(
    '%s is a page number',
    (l) => {
      expect(isPageNumberLine(l)).toBe(true);
    },
  );
  it.each(['一、大力营造', '2021年1月8日', '— 双拥 —', '12345678'])('%s is not', (l) => {
    expect(isPageNumberLine(l)).toBe(false);
  });
});

describe('splitParagraphs', () => {
  it('removes spaces that extraction put inside words, keeps them between Latin words', () => {
    expect(paragraphs('各部门、各单位要牢固树立依 法拥军的观念, 进一步加大拥军 优属。')).toEqual([
      '各部门、各单位要牢固树立依法拥军的观念,进一步加大拥军优属。',
    ]);
    expect(paragraphs('关于 2021 年春节期间使用 Windows 10 系统。')).toEqual([
      '关于2021年春节期间使用Windows 10系统。',
    ]);
  });

  it('joins hard-wrapped lines and drops page-number lines between them', () => {
    const text = [
      '为切实保障广大优抚对象、驻区部队官兵过一个欢',
      '乐、祥和的节日，各部门、各单位、驻区各部队要',
      '',
      '— 2 —',
      '',
      '按照党的十九届五中全会精神要求，扎实做好节日',
      '期间拥军优属、拥政爱民工作。',
      '一、大力营造双拥浓厚氛围。',
    ].join('\n');
    expect(paragraphs(text)).toEqual([
      '为切实保障广大优抚对象、驻区部队官兵过一个欢乐、祥和的节日，各部门、各单位、驻区各部队要按照党的十九届五中全会精神要求，扎实做好节日期间拥军优属、拥政爱民工作。',
      '一、大力营造双拥浓厚氛围。',
    ]);
  });

  it('joins a long paragraph that a blank line (page break) cut inside a word', () => {
    const first = `四、深入开展军地共建活动。驻区部队要坚持以人民为中心，加强军警民联防联治，协`;
    expect(paragraphs(`${first}\n\n助地方做好社会治安治理。`)).toEqual([`${first}助地方做好社会治安治理。`]);
  });

  it('does not join header lines: 文号, title, salutation, signature, date', () => {
    const text = [
      '普府办[2021] 4号',
      '上海市普陀区人民政府办公室关于转发区双拥办的通知',
      '区政府各委、办、局,各街道办事处、镇政府:',
      '现转发给你们,请按照执行。',
      '克拉瑪依市退役軍人事務局',
      '克拉瑪依軍分區政治工作部',
      '2021年1月8日',
    ].join('\n');
    expect(paragraphs(text)).toHaveLength(7);
  });

  it('does not join a line with the next section or with 抄送', () => {
    expect(
      paragraphs('各部门要认真做好各项工作，确保落实到位而且不能有任何的折扣和拖延的情况\n二、主动帮助部队排忧解难。'),
    ).toHaveLength(2);
    expect(
      paragraphs('上海市普陀区人民政府办公室各有关单位要认真做好各项工作并且按时报送相关的材料\n抄送：区委各部门。'),
    ).toHaveLength(2);
  });

  it('maps paragraph characters back to the original text through CRLF, spaces and pinyin', () => {
    const original = '一是大力營造雙擁(yōng)濃厚 氛圍。\r\n??死斠朗';
    const [p1, p2] = splitParagraphs(normaliseText(original));
    expect(p1?.text).toBe('一是大力營造雙擁濃厚氛圍。');
    expect(original[p1?.offs[p1.text.indexOf('濃')] ?? -1]).toBe('濃');
    expect(original.slice(p2?.offs[0], (p2?.offs[0] ?? 0) + 2)).toBe('??');
  });
});
