import { defaultLetterTitle, type LetterFields, letterBlocks } from '../../../shared/domain/letter-template.ts';
import { mm, type PdfBuilder } from '../../platform/pdf.ts';

/**
 * 慰问信, one per page (a long letter continues on the next), in a GB/T 9704-like layout: A4, margins 37 mm top,
 * 28 mm left, 26 mm right, 35 mm bottom (版心 156 × 225 mm, 22 lines of 28 characters); title in the title font
 * (标宋/黑体 style) at 2号 (22 pt), centred; body at 3号 (16 pt), paragraphs indented two characters and
 * justified; 落款 centred over the date, the date 右空四字. A pure layout: it takes plain data.
 */

export interface LetterInput {
  /** Default 慰问信. */
  title?: string | undefined;
  template: string;
  fields: LetterFields;
}

export const letterPage = {
  top: mm(37),
  left: mm(28),
  right: mm(26),
  bottom: mm(35),
  titleSize: 22,
  bodySize: 16,
  /** 225 mm / 22 lines. */
  linePitch: mm(225) / 22,
} as const;

/** Draws one letter, starting a new page. */
export function drawLetter(pdf: PdfBuilder, letter: LetterInput): void {
  const { top, left, right, bottom, titleSize, bodySize, linePitch } = letterPage;
  const width = pdf.width - left - right;
  const limit = pdf.height - bottom;
  pdf.addPage();
  let y = top;
  const nextLine = (pitch: number) => {
    if (y + pitch > limit + 0.01) {
      pdf.addPage();
      y = top;
    }
    const baseline = y + pitch * 0.72;
    y += pitch;
    return baseline;
  };

  const titlePitch = titleSize * 1.5;
  for (const line of pdf.wrap(letter.title ?? defaultLetterTitle, titleSize, width, { role: 'title' })) {
    pdf.drawLine(line, left, nextLine(titlePitch), titleSize, { role: 'title', width, align: 'center' });
  }
  y += linePitch * 0.6;

  const blocks = letterBlocks(letter.template, letter.fields);
  let signatureDone = false;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind === 'signature' || block.kind === 'date') {
      if (signatureDone) continue;
      signatureDone = true;
      const signature = block.kind === 'signature' ? block.text : null;
      const date = block.kind === 'date' ? block.text : blocks[i + 1]?.kind === 'date' ? blocks[i + 1]!.text : null;
      drawSignature(pdf, signature, date, width, nextLine);
      continue;
    }
    const indent = block.kind === 'paragraph' ? bodySize * 2 : 0;
    const lines = pdf.wrap(block.text, bodySize, width, { indent });
    for (let n = 0; n < lines.length; n++) {
      const offset = n === 0 ? indent : 0;
      pdf.drawLine(lines[n]!, left + offset, nextLine(linePitch), bodySize, { width: width - offset, justify: true });
    }
  }
}

/** 落款: one blank line, then the issuer centred over the date; the date 右空四字. */
function drawSignature(
  pdf: PdfBuilder,
  signature: string | null,
  date: string | null,
  width: number,
  nextLine: (pitch: number) => number,
): void {
  const { left, bodySize, linePitch } = letterPage;
  nextLine(linePitch);
  const right = left + width - bodySize * 4;
  const dateWidth = date ? pdf.measure(date, bodySize) : 0;
  const center = right - dateWidth / 2;
  if (signature) {
    for (const line of pdf.wrap(signature, bodySize, width - bodySize * 2)) {
      const w = line.width * bodySize;
      let x = center - w / 2;
      if (x + w > left + width - bodySize * 2) x = left + width - bodySize * 2 - w;
      pdf.drawLine(line, Math.max(left, x), nextLine(linePitch), bodySize);
    }
  }
  if (date) pdf.drawLine(date, right - dateWidth, nextLine(linePitch), bodySize);
}

/**
 * Draws every letter; yields to the event loop every 50 letters (a server stays responsive while it prints
 * thousands) and reports progress.
 */
export async function drawLetters(
  pdf: PdfBuilder,
  letters: Iterable<LetterInput>,
  total: number,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  let done = 0;
  for (const letter of letters) {
    drawLetter(pdf, letter);
    done++;
    if (done % 50 === 0) {
      onProgress?.(done, total);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  onProgress?.(done, total);
}
