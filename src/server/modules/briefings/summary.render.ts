/**
 * The campaign summary as a document: .docx (editable in WPS/Word) and PDF, both in the GB/T 9704-like layout of
 * the office's 公文: A4, margins 37/26/35/28 mm (top/right/bottom/left), title 2号 (22 pt) 小标宋/黑体 centred,
 * body 3号 (16 pt) 仿宋 with a two-character first-line indent and 22 lines per page, then the 落款 unit
 * centred over the date, the date 右空四字. Pure layout over plain data.
 */
import { docx } from '../../platform/lazy.ts';
import { PdfBuilder, type UnprintableChar } from '../../platform/pdf.ts';
import { drawLetter } from '../campaign-documents/letters.layout.ts';

export interface SummaryDocument {
  title: string;
  paragraphs: string[];
  signatory: string;
  /** Already in 公文 form: 2026年2月20日. */
  date: string;
}

const bodyFont = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312', cs: '仿宋' };
const titleFont = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体', cs: '黑体' };
/** Half-points: 3号 = 16 pt, 2号 = 22 pt. */
const bodySize = 32;
const titleSize = 44;
/** One body character (16 pt) in twips. */
const charWidth = 16 * 20;

export async function summaryDocx(doc: SummaryDocument): Promise<Buffer> {
  const { AlignmentType, convertMillimetersToTwip, Document, LineRuleType, Packer, Paragraph, TextRun } = docx();
  /** 225 mm of 版心 / 22 lines, in twips (exact line pitch, as 公文 templates set it). */
  const linePitch = Math.round(convertMillimetersToTwip(225) / 22);
  const run = (text: string, title = false) =>
    new TextRun({ text, font: title ? titleFont : bodyFont, size: title ? titleSize : bodySize });
  const spacing = { line: linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(linePitch * 1.4), lineRule: LineRuleType.EXACT, after: linePitch },
      children: [run(doc.title, true)],
    }),
    ...doc.paragraphs.map(
      (text) =>
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: charWidth * 2 },
          spacing,
          children: [run(text)],
        }),
    ),
    new Paragraph({ spacing, children: [run('')] }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: charWidth * 2 },
      spacing,
      children: [run(doc.signatory)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: charWidth * 4 },
      spacing,
      children: [run(doc.date)],
    }),
  ];
  const document = new Document({
    creator: '双拥工作平台',
    title: doc.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              right: convertMillimetersToTwip(26),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/**
 * The PDF reuses the 慰问信 layout (same 公文 page, title, justified paragraphs and 落款): the summary is laid out
 * as a letter without salutation. Returns the characters no font could print, as letters do.
 */
export async function summaryPdf(doc: SummaryDocument): Promise<{ bytes: Buffer; unprintable: UnprintableChar[] }> {
  const pdf = new PdfBuilder({ title: doc.title, subject: '工作总结' });
  // A first paragraph ending in '：' would read as a salutation: the summary has none, so keep it a paragraph.
  const body = doc.paragraphs.map((p) => (/[：:]$/.test(p) ? `${p}\u200b` : p));
  drawLetter(pdf, {
    title: doc.title,
    template: [...body, '{{落款单位}}', '{{日期}}'].join('\n'),
    fields: { 姓名: '', 称谓: '', 类别: '', 落款单位: doc.signatory, 日期: doc.date },
  });
  return { bytes: await pdf.toBuffer(), unprintable: pdf.unprintable };
}
