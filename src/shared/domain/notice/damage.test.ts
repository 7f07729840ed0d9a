import { describe, expect, it } from 'vitest';
import { findDamage, findDuplicated, findGarbled } from './damage.ts';
import { normaliseText, type Paragraph, splitParagraphs } from './normalise-text.ts';

function para(text: string): Paragraph {
  const p = splitParagraphs(normaliseText(text))[0];
  if (!p) throw new Error('no paragraph');
  return p;
}

function flagged(text: string): string[] {
  return findDamage(para(text)).map((d) => text.slice(d.at, d.at + d.length));
}

describe('findGarbled', () => {
  it('flags runs of question marks and replacement characters with the characters between them', () => {
    expect(flagged('一是大力营造双拥浓厚氛围??死斠朗幸恢币詠?lái)高度重视拥军优属。')).toEqual([
      '??死斠朗幸恢币詠?lái)',
    ]);
    expect(flagged('各部门要\ufffd\ufffd认真做好。')).toEqual(['\ufffd\ufffd']);
  });

  it('flags a lost character of which only the pinyin is left', () => {
    expect(flagged('主动了解驻市各部队?wèi)?zhàn)备训练中遇到的问题。')).toEqual(['?wèi)?zhàn)']);
    const d = findGarbled(para('部队?zhàn)备训练。'))[0];
    expect(d?.message).toContain('zhàn');
  });

  it('flags UTF-8 text misread as GBK', () => {
    expect(flagged('通知：鍏嬫媺鐟緷甯備竴鐩翠互渚。')).toHaveLength(1);
  });

  it('flags a single ? between characters but not a question', () => {
    expect(flagged('克拉玛依?一直以来高度重视。')).toEqual(['?']);
    expect(flagged('是否已经落实?请于月底前报告。')).toEqual([]);
  });

  it('leaves clean text alone', () => {
    expect(flagged('以"军徽映夕阳"、"军徽映晨曦"为抓手，全国双拥模范城(县)命名，立足"普惠+优待"的思路。')).toEqual([]);
  });

  it('gives offsets in the original text across CRLF, spaces and pinyin annotations', () => {
    const text = '春節(jié)即將來臨\r\n各區(qū) 各部門要 ??死斠朗做好?(lái)工作。';
    const d = findDamage(splitParagraphs(normaliseText(text))[1] as Paragraph);
    expect(d).toHaveLength(1);
    expect(text.slice(d[0]?.at, (d[0]?.at ?? 0) + (d[0]?.length ?? 0))).toBe('??死斠朗做好?(lái)');
  });
});

describe('findDuplicated', () => {
  it('flags a passage repeated back to back', () => {
    const unit = '帮助解决影响部队官兵生活的实际问题,';
    const text = `主动了解部队实际困难,${unit}${unit}${unit}激励他们矢志强军。`;
    const d = findDuplicated(para(text));
    expect(d).toHaveLength(1);
    // a repeat has no single start: the flagged span may be rotated by a character, but covers all copies
    const span = text.slice(d[0]?.at, (d[0]?.at ?? 0) + (d[0]?.length ?? 0));
    expect(span.length).toBeGreaterThanOrEqual(unit.length * 3);
    expect(`,${unit.repeat(3)}`).toContain(span);
    expect(d[0]?.message).toContain('重复');
  });

  it('finds the duplicate even when extraction put spaces and line breaks inside it', () => {
    const text =
      '要帮助解决影响部队 官兵生活、过,人才培养、能力实训等工作,帮助解决影响部队官兵\n生活、过,人才培养、能力实训等工作,帮助解决。';
    const d = findDuplicated(para(text));
    expect(d).toHaveLength(1);
    expect(text.slice(d[0]?.at, (d[0]?.at ?? 0) + (d[0]?.length ?? 0)).replace(/\s/g, '')).toBe(
      '帮助解决影响部队官兵生活、过,人才培养、能力实训等工作,帮助解决影响部队官兵生活、过,人才培养、能力实训等工作,帮助解决',
    );
  });

  it('does not flag short repeats, dashes or legitimate parallel phrases', () => {
    expect(findDuplicated(para('做好事、办实事、解难事，讲文明话，做文明事。'))).toEqual([]);
    expect(findDuplicated(para('关心国防、热爱国防、建设国防、保卫国防。'))).toEqual([]);
    expect(findDuplicated(para('————————————————————————'))).toEqual([]);
    expect(findDuplicated(para('哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈'))).toEqual([]);
  });
});
