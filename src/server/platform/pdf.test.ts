import { describe, expect, it } from 'vitest';
import { pdfFonts, pdfInfo, pdfText } from '../../../test/helpers/pdf.ts';
import { AppError } from '../../shared/errors.ts';
import { breakUnits, missingMark, PdfBuilder } from './pdf.ts';
import { parseFontSpec, resolvePdfFonts } from './pdf-fonts.ts';

describe('font resolution', () => {
  it('reads FILE#PostScriptName for collections only', () => {
    expect(parseFontSpec('/a/b.ttc#NotoSerifCJKsc-Regular')).toEqual({
      path: '/a/b.ttc',
      postscriptName: 'NotoSerifCJKsc-Regular',
    });
    expect(parseFontSpec('/a/b#c.ttf')).toEqual({ path: '/a/b#c.ttf' });
  });

  it('says in Chinese which configured font file is missing', () => {
    const attempt = () => resolvePdfFonts({ SHUANGYONG_PDF_FONT: '/nonexistent/font.ttf' });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/SHUANGYONG_PDF_FONT.*不存在/);
    expect(() => resolvePdfFonts({ SHUANGYONG_PDF_FALLBACK_FONT: '/nonexistent/x.ttf' })).toThrow(/不存在/);
  });

  it('says in Chinese what to install when no font is found', () => {
    const nowhere = { npmPackage: false, debianNoto: '/nonexistent', debianHanazono: '/nonexistent' };
    expect(() => resolvePdfFonts({}, nowhere)).toThrow(/未找到可用的中文字体.*fonts-noto-cjk.*SHUANGYONG_PDF_FONT/);
  });

  it('finds a CJK body font and the Extension B fallback on this machine', () => {
    const fonts = resolvePdfFonts({});
    expect(fonts.body.path).toMatch(/\.(ttf|otf|ttc)$/);
    expect(fonts.fallbacks.length).toBeGreaterThan(0);
  });
});

describe('line breaking', () => {
  it('keeps letters and digits together and splits Chinese characters', () => {
    expect(breakUnits('慰问金1,000.00元')).toEqual(['慰', '问', '金', '1,000.00', '元']);
  });

  it('never starts a line with closing punctuation', () => {
    const pdf = new PdfBuilder({ title: 't' });
    const lines = pdf.wrap('一二三四五，六七', 10, 50);
    for (const line of lines.slice(1)) expect(line.source[0]).not.toBe('，');
    expect(lines.map((l) => l.source).join('')).toBe('一二三四五，六七');
  });

  it('never ends a line with an opening bracket', () => {
    const pdf = new PdfBuilder({ title: 't' });
    const lines = pdf.wrap('一二三四（五六）', 10, 50);
    for (const line of lines) expect(line.source.at(-1)).not.toBe('（');
  });
});

describe('PdfBuilder', () => {
  it('prints Extension B characters with the fallback font, extractable as text, on A4', async () => {
    const pdf = new PdfBuilder({ title: '测试' });
    pdf.addPage();
    pdf.drawLine('李𡒄 王𪚥 张三', 72, 100, 16);
    const bytes = await pdf.toBuffer();
    expect(pdf.unprintable).toEqual([]);
    expect(pdfText(bytes)).toContain('李𡒄 王𪚥 张三');
    const info = pdfInfo(bytes);
    expect(info.pages).toBe(1);
    expect(info.pageSize).toContain('(A4)');
    // every embedded font is a subset (ABCDEF+Name) with a ToUnicode map
    for (const line of pdfFonts(bytes)) expect(line).toMatch(/^[A-Z]{6}\+\S+.*yes yes yes/);
  });

  it('reports a character that no font has and prints 〓 instead of a blank box', async () => {
    const pdf = new PdfBuilder({ title: '测试' });
    const strange = String.fromCodePoint(0x31350);
    expect(pdf.findUnprintable(`赵${strange}`)).toEqual([strange]);
    pdf.addPage();
    pdf.drawLine(`赵${strange}`, 72, 100, 16);
    pdf.drawLine(`钱${strange}`, 72, 130, 16);
    const bytes = await pdf.toBuffer();
    expect(pdf.unprintable).toEqual([
      { char: strange, codePoint: 'U+31350', count: 2, samples: [`赵${strange}`, `钱${strange}`] },
    ]);
    expect(pdfText(bytes)).toContain(`赵${missingMark}`);
  });

  it('embeds each font once however many pages use it', async () => {
    const pdf = new PdfBuilder({ title: '测试' });
    for (let i = 0; i < 400; i++) {
      pdf.addPage();
      pdf.drawLine(`第${i}页 李𡒄`, 72, 100, 16);
    }
    const bytes = await pdf.toBuffer();
    expect(pdfFonts(bytes).length).toBe(2);
    expect(bytes.length / 400).toBeLessThan(1500);
  });
});
