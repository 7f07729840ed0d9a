import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** PDF checks with poppler-utils: what a reader extracts, the page count and size, the embedded fonts. */
const dir = mkdtempSync(path.join(tmpdir(), 'sy-pdf-'));
let seq = 0;

function save(bytes: Buffer | Uint8Array): string {
  const file = path.join(dir, `doc-${++seq}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

/** The text that `pdftotext` extracts (with `-layout` when asked). */
export function pdfText(bytes: Buffer | Uint8Array, layout = false): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), save(bytes), '-'], { encoding: 'utf8' });
}

export function pdfInfo(bytes: Buffer | Uint8Array): { pages: number; pageSize: string } {
  const info = execFileSync('pdfinfo', [save(bytes)], { encoding: 'utf8' });
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), pageSize: /Page size:\s+(.+)/.exec(info)?.[1] ?? '' };
}

/** One line per font as `pdffonts` lists it. */
export function pdfFonts(bytes: Buffer | Uint8Array): string[] {
  const out = execFileSync('pdffonts', [save(bytes)], { encoding: 'utf8' });
  return out.split('\n').slice(2).filter(Boolean);
}
