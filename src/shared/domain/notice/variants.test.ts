/** The seeds as they might also arrive: CRLF, re-wrapped with page numbers, renumbered, in the other script. */
import { Converter } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { isPageNumberLine } from './normalise-text.ts';
import { parseNotice } from './parse-notice.ts';
import { readSeed } from './seeds.fixture.ts';
import { toSimplified } from './simplify.ts';
import type { NoticeWarning, ParsedNotice } from './types.ts';

const putuo = readSeed('000_');
const karamay = readSeed('004_');
const toTraditional = Converter({ from: 'cn', to: 'tw' });

const putuoTitles = ['大力营造双拥浓厚氛围', '主动帮助部队排忧解难', '扎实抓好政策待遇落实', '深入开展军地共建活动'];
const karamayTitles = ['大力營造雙擁濃厚氛圍', '聚力服務部隊備戰打仗', '助力保障改善民生福祉', '傾力關心關愛優撫對象'];
const karamayRequirement =
  '軍地各級組織開展節日期間各類活動,要嚴格落實安全保密、軍地交往、改進作風等規定要求,做到儉樸節約、務求實效。';

/**
 * Hard-wraps every line at `width` characters (a pinyin annotation takes no width of its own: it sits above its
 * character), inserts a page-number line every `pageLines` lines.
 */
function rewrap(
  text: string,
  width: number,
  options: { indent?: boolean; pageLines?: number; pageStyle?: (n: number) => string } = {},
): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      out.push('');
      continue;
    }
    const chars = ((options.indent ? '\u3000\u3000' : '') + line).match(/[^(]\([a-zà-ǜ]+\)|[\s\S]/gu) ?? [];
    for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  }
  if (!options.pageLines) return out.join('\n');
  const paged: string[] = [];
  let page = 1;
  out.forEach((l, i) => {
    paged.push(l);
    if ((i + 1) % (options.pageLines ?? 1) === 0)
      paged.push('', (options.pageStyle ?? ((n) => `— ${n} —`))(++page), '');
  });
  return paged.join('\n');
}

/** The damaged text a warning points at, without the line breaks and page numbers a variant put inside it. */
function pointedAt(text: string, w: NoticeWarning): string {
  return text
    .slice(w.at, w.at + w.length)
    .split('\n')
    .filter((l) => !isPageNumberLine(l))
    .join('')
    .replace(/[\s\u3000]/g, '');
}

function damage(n: ParsedNotice, text: string): string[] {
  return n.warnings
    .filter((w) => w.code === 'garbled_text' || w.code === 'duplicated_text')
    .map((w) => pointedAt(text, w));
}

const putuoDuplicate = `${'实训等工作,帮助解决影响部队官兵生活、过,人才培养、能力'.repeat(3)}实训等工作,帮助解决影响部队官兵生活、过`;

describe('CRLF line ends', () => {
  it('Putuo with CRLF parses the same, offsets still point into the CRLF text', () => {
    const text = putuo.replace(/\n/g, '\r\n');
    const n = parseNotice(text);
    expect(n.docNumber).toBe('普府办〔2021〕4号');
    expect(n.date).toBe('2021-01-08');
    expect(n.inner?.date).toBe('2021-01-05');
    expect(n.tasks.map((t) => t.title)).toEqual(putuoTitles);
    expect(n.tasks[3]?.body).toContain('协助地方做好社会治安治理');
    expect(damage(n, text)).toEqual([putuoDuplicate]);
    expect(n.tasks.every((t) => !t.body.includes('\r'))).toBe(true);
  });

  it('Karamay with CR only parses the same', () => {
    const text = karamay.replace(/\n/g, '\r');
    const n = parseNotice(text);
    expect(n.tasks.map((t) => t.title)).toEqual(karamayTitles);
    expect(n.issuers).toEqual(['克拉瑪依市退役軍人事務局', '克拉瑪依軍分區政治工作部']);
    expect(damage(n, text)).toEqual(['??死斠朗幸恢币詠?lái)', '?wèi)?zhàn)']);
  });
});

describe('hard-wrapped at a fixed width with page-number lines', () => {
  for (const width of [24, 28, 37]) {
    it(`Putuo wrapped at ${width} with — n — page lines`, () => {
      const text = rewrap(putuo, width, { pageLines: 17 });
      const n = parseNotice(text);
      expect(n.docNumber).toBe('普府办〔2021〕4号');
      expect(n.title).toBe(
        '上海市普陀区人民政府办公室关于转发区双拥办制定的《普陀区关于2021年春节期间组织开展拥军优属、拥政爱民活动的通知》的通知',
      );
      expect(n.issuers).toEqual(['上海市普陀区人民政府办公室']);
      expect(n.recipients).toEqual(['区政府各委、办、局', '各街道办事处、镇政府']);
      expect(n.inner?.title).toBe('普陀区关于2021年春节期间组织开展拥军优属、拥政爱民活动的通知');
      expect(n.inner?.issuers).toEqual(['上海市普陀区拥军优属拥政爱民工作领导小组办公室']);
      expect(n.inner?.date).toBe('2021-01-05');
      expect(n.tasks.map((t) => t.title)).toEqual(putuoTitles);
      expect(n.tasks.map((t) => t.body).join('')).not.toMatch(/—/);
      expect(n.cc).toHaveLength(6);
      expect(damage(n, text)).toEqual([putuoDuplicate]);
    });

    it(`Karamay wrapped at ${width}, indented paragraphs, - n - page lines`, () => {
      const text = rewrap(karamay, width, { indent: true, pageLines: 11, pageStyle: (p) => `- ${p} -` });
      const n = parseNotice(text);
      expect(n.tasks.map((t) => t.title)).toEqual(karamayTitles);
      expect(n.requirements).toEqual([karamayRequirement]);
      expect(n.issuers).toEqual(['克拉瑪依市退役軍人事務局', '克拉瑪依軍分區政治工作部']);
      expect(n.recipients).toEqual(['各區退役軍人事務局', '各駐市部隊']);
      expect(damage(n, text)).toEqual(['??死斠朗幸恢币詠?lái)', '?wèi)?zhàn)']);
    });
  }

  it('Karamay wrapped without indentation still finds the tasks and the damage', () => {
    const text = rewrap(karamay, 30, { pageLines: 9 });
    const n = parseNotice(text);
    expect(n.tasks.map((t) => t.title)).toEqual(karamayTitles);
    expect(n.issuers).toEqual(['克拉瑪依市退役軍人事務局', '克拉瑪依軍分區政治工作部']);
    expect(damage(n, text)).toEqual(['??死斠朗幸恢币詠?lái)', '?wèi)?zhàn)']);
  });
});

describe('renumbered sections', () => {
  const styles: [string, (cn: string, n: number) => string][] = [
    ['（一）', (cn) => `（${cn}）`],
    ['(一)', (cn) => `(${cn})`],
    ['1.', (_cn, n) => `${n}.`],
    ['1、', (_cn, n) => `${n}、`],
    ['１．', (_cn, n) => `${String.fromCharCode(0xff10 + n)}．`],
    ['一是', (cn) => `${cn}是`],
  ];
  const cns = ['一', '二', '三', '四'];
  for (const [name, marker] of styles) {
    it(`Putuo with ${name}`, () => {
      const text = putuo.replace(/^([一二三四])、/gm, (_m, cn: string) => marker(cn, cns.indexOf(cn) + 1));
      const n = parseNotice(text);
      expect(n.tasks.map((t) => t.title)).toEqual(putuoTitles);
      expect(n.tasks.map((t) => t.no)).toEqual([1, 2, 3, 4]);
    });
    it(`Karamay with ${name}`, () => {
      const text = karamay.replace(/^([一二三四])是/gm, (_m, cn: string) => marker(cn, cns.indexOf(cn) + 1));
      const n = parseNotice(text);
      expect(n.tasks.map((t) => t.title)).toEqual(karamayTitles);
      expect(n.requirements).toEqual([karamayRequirement]);
    });
  }
});

describe('converted script', () => {
  it('Karamay in simplified: same structure, simplified titles', () => {
    const text = toSimplified(karamay);
    const n = parseNotice(text);
    expect(n.script).toBe('simplified');
    expect(n.tasks.map((t) => t.title)).toEqual([
      '大力营造双拥浓厚氛围',
      '聚力服务部队备战打仗',
      '助力保障改善民生福祉',
      '倾力关心关爱优抚对象',
    ]);
    expect(n.issuers).toEqual(['克拉玛依市退役军人事务局', '克拉玛依军分区政治工作部']);
    expect(n.requirements[0]).toContain('做到俭朴节约、务求实效');
    expect(damage(n, text)).toHaveLength(2);
  });

  it('Putuo in traditional: same structure, traditional display, simplified search text', () => {
    const text = toTraditional(putuo);
    const n = parseNotice(text);
    expect(n.script).toBe('traditional');
    expect(n.docNumber).toBe('普府辦〔2021〕4號');
    expect(n.issuers).toEqual(['上海市普陀區人民政府辦公室']);
    expect(n.date).toBe('2021-01-08');
    expect(n.inner?.issuers).toEqual(['上海市普陀區擁軍優屬擁政愛民工作領導小組辦公室']);
    expect(n.tasks.map((t) => toSimplified(t.title))).toEqual(putuoTitles);
    expect(n.tasks[0]?.title).toBe('大力營造雙擁濃厚氛圍');
    expect(n.searchText).toContain('大力营造双拥浓厚氛围');
    expect(damage(n, text)).toHaveLength(1);
  });
});

describe('full-width digits and other brackets in the seeds', () => {
  it('Putuo with ［２０２１］ and full-width dates', () => {
    const text = putuo
      .replace('普府办[2021] 4号', '普府办［２０２１］４号')
      .replace(/(\d)/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const n = parseNotice(text);
    expect(n.docNumber).toBe('普府办〔2021〕4号');
    expect(n.date).toBe('2021-01-08');
    expect(n.inner?.date).toBe('2021-01-05');
    expect(n.inner?.title).toBe('普陀区关于2021年春节期间组织开展拥军优属、拥政爱民活动的通知');
  });
});
