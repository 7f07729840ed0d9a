import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../shared/domain/notice/index.ts';
import { chineseCount, decodeText, docxText, readNoticeFile } from './notice-text.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

async function makeDocx(body: string, numbering?: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  if (numbering) zip.file('word/numbering.xml', `<?xml version="1.0"?><w:numbering ${W}>${numbering}</w:numbering>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const p = (text: string, numPr = '') =>
  `<w:p>${numPr ? `<w:pPr><w:numPr>${numPr}</w:numPr></w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;
const num = (numId: number, ilvl = 0) => `<w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/>`;

describe('decodeText', () => {
  it('reads UTF-8, UTF-8 with BOM, UTF-16 with BOM and GBK', () => {
    expect(decodeText(Buffer.from('一、通知'))).toEqual({ text: '一、通知', encoding: 'utf-8' });
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('通知')]))?.text).toBe('通知');
    expect(decodeText(Buffer.from([0xff, 0xfe, ...Buffer.from('通知', 'utf16le')]))?.text).toBe('通知');
    // 你好，双拥 in GBK
    expect(decodeText(Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xcb, 0xab, 0xd3, 0xb5]))).toEqual({
      text: '你好，双拥',
      encoding: 'gb18030',
    });
  });

  it('refuses binary data', () => {
    const binary = Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 37) % 256));
    expect(decodeText(binary)).toBeNull();
  });
});

describe('readNoticeFile', () => {
  it('says what to do with formats it cannot read', async () => {
    await expect(readNoticeFile('a.doc', Buffer.from([1, 2, 3]))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    await expect(readNoticeFile('a.pdf', Buffer.from('%PDF-1.4'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    await expect(readNoticeFile('noext', Buffer.from('%PDF-1.4'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    await expect(readNoticeFile('a.txt', Buffer.alloc(0))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(readNoticeFile('a.docx', Buffer.from('PK\u0003\u0004broken'))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const noBody = await new JSZip().file('x.txt', 'x').generateAsync({ type: 'nodebuffer' });
    await expect(readNoticeFile('a.docx', noBody)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('recognises a .docx uploaded under another name by its content', async () => {
    const bytes = await makeDocx(p('通知'));
    expect(await readNoticeFile('通知', bytes)).toMatchObject({ text: '通知', format: 'docx' });
  });
});

describe('docxText', () => {
  it('keeps paragraphs, line breaks and tabs; leaves out deleted text and field codes; decodes entities', async () => {
    const body = [
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>普府办〔2021〕</w:t></w:r><w:r><w:t xml:space="preserve">4号</w:t></w:r></w:p>',
      '<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:tab/><w:t>A&amp;B &lt;C&gt;</w:t></w:r></w:p>',
      '<w:p><w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText><w:t>保留</w:t></w:r></w:p>',
      '<w:p/>',
      '<w:p><w:r><w:t>末段</w:t></w:r></w:p>',
    ].join('');
    expect(await docxText(await makeDocx(body))).toBe('普府办〔2021〕4号\n第一行\n第二行\tA&B <C>\n保留\n\n末段');
  });

  it('renders Word automatic numbering as the reader sees it (一、 （一） 1.), restarting where Word does', async () => {
    const numbering = [
      '<w:abstractNum w:abstractNumId="0">',
      '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>',
      '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>',
      '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>',
      '</w:abstractNum>',
      '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>',
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
      '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>',
    ].join('');
    const body = [
      p('总体要求', num(1)),
      p('提高认识', num(1, 1)),
      p('细则甲', num(1, 2)),
      p('细则乙', num(1, 2)),
      p('加强领导', num(1, 1)),
      p('工作任务', num(1)),
      p('走访慰问', num(1, 1)),
      p('要点', num(2)),
      p('未编号', num(0)),
    ].join('');
    expect((await docxText(await makeDocx(body, numbering))).split('\n')).toEqual([
      '一、总体要求',
      '（一）提高认识',
      '1.细则甲',
      '2.细则乙',
      '（二）加强领导',
      '二、工作任务',
      '（一）走访慰问',
      '要点',
      '未编号',
    ]);
  });

  it('reads a notice whose sections Word numbered, and parses it into tasks', async () => {
    const numbering =
      '<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>';
    const body = [
      p('测试区双拥办文件'),
      p('测双〔2026〕1号'),
      p('关于做好2026年春节走访慰问工作的通知'),
      p('各街道办事处、镇政府：'),
      p('为做好春节走访慰问工作，现通知如下。'),
      p('摸清底数。各街道要核对优抚对象名单。', num(3)),
      p('走访到户。各街道要逐户走访。', num(3)),
      p('测试区双拥办'),
      p('2026年1月5日'),
    ].join('');
    const n = parseNotice(await docxText(await makeDocx(body, numbering)));
    expect(n.docNumber).toBe('测双〔2026〕1号');
    expect(n.tasks.map((t) => [t.no, t.title])).toEqual([
      [1, '摸清底数'],
      [2, '走访到户'],
    ]);
    expect(n.date).toBe('2026-01-05');
  });

  it('counts in Chinese', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 120].map(chineseCount)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '九十九',
      '一百',
      '一百零一',
      '一百一十',
      '一百二十',
    ]);
  });
});
