/**
 * Files fed to the spreadsheet reader as uploads really arrive: random bytes, a real workbook cut short or with
 * bytes flipped, cells far larger than any roster's, and a sheet of a million rows. Each time the answer is
 * an AppError with a Chinese message (what to do next), never a crash, and memory stays bounded.
 */
import fc from 'fast-check';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildXlsx } from '../../../test/helpers/roster-files.ts';
import { normalizePersonName } from '../../shared/domain/person-name.ts';
import { AppError } from '../../shared/errors.ts';
import { maxRows, readSpreadsheet } from './excel.ts';

const chinese = /[\u4e00-\u9fff]/;
let roster: Buffer;

beforeAll(async () => {
  roster = await buildXlsx({
    name: '名单',
    rows: [
      ['序号', '姓名', '身份证号', '优抚类别'],
      ...Array.from({ length: 50 }, (_, i) => [i + 1, `测试${i}`, `11010519491231002X`, '烈属']),
    ],
  });
});

/** Reads the bytes; returns null when they were read, or the refusal. A crash (non-AppError) fails the test. */
async function outcome(bytes: Uint8Array, name = 'a.xlsx'): Promise<AppError | null> {
  try {
    await readSpreadsheet(bytes, name);
    return null;
  } catch (e) {
    if (!(e instanceof AppError)) throw new Error(`crash, not a refusal: ${(e as Error).stack}`);
    expect(e.message).toMatch(chinese);
    return e;
  }
}

describe('bad files', () => {
  it('random bytes are refused with a message, under any name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 4096 }),
        fc.constantFrom('a.xlsx', 'a.csv', 'a.xls', 'a'),
        async (bytes, name) => {
          await outcome(bytes, name);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a workbook cut short anywhere, or with bytes flipped, is refused or read — never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: roster.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 8 }),
        async (cut, flips) => {
          await outcome(roster.subarray(0, cut));
          const damaged = Buffer.from(roster);
          for (const [at, x] of flips) damaged[at % damaged.length]! ^= x;
          await outcome(damaged);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('a cell of a million characters is read whole, and the row mapper refuses it as a name', async () => {
    // Varied characters, as pasted text would be: a cell of one repeated character is refused as a zip bomb.
    let huge = '';
    for (let i = 0; i < 1_000_000; i++) huge += String.fromCharCode(0x4e00 + ((i * 7919) % 20000));
    const bytes = await buildXlsx({
      name: '名单',
      rows: [
        ['姓名', '身份证号'],
        [huge, '11010519491231002X'],
      ],
    });
    const read = await readSpreadsheet(bytes, 'huge.xlsx');
    expect(String(read.sheets[0]!.rows[1]!.cells[0])).toBe(huge);
    const name = normalizePersonName(huge);
    expect(name.ok).toBe(false);
    if (!name.ok) expect(name.message).toMatch(chinese);
  });

  it('reads every name of a large roster intact, wherever its bytes fall across the reader’s chunks', async () => {
    const names = Array.from({ length: 20_000 }, (_, i) =>
      [0, 1, 2].map((k) => String.fromCodePoint(0x4e00 + ((i * 31 + k * 7919) % 20000))).join(''),
    );
    names[777] = '张𡒄𪚥';
    const bytes = await buildXlsx({ name: '名单', rows: [['姓名'], ...names.map((n) => [n])] });
    const read = await readSpreadsheet(bytes, 'large.xlsx');
    const got = read.sheets[0]!.rows.slice(1).map((r) => r.cells[0]);
    expect(got.filter((n, i) => n !== names[i])).toEqual([]);
  });

  it(`a sheet of 1,000,000 rows stops at ${maxRows.toLocaleString('en-US')} with a message, in bounded memory`, async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 1_000_000; r++)
      rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>张${r}</t></is></c></row>`);
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    );
    zip.file(
      'xl/workbook.xml',
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    );
    zip.file(
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
    );
    rows.length = 0;
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const refusal = await outcome(bytes, 'million.xlsx').finally(() => clearInterval(sampler));
    expect(refusal?.message).toContain('行，请把名单拆成几个文件');
    // The reader streams: what it holds is bounded by the row limit, not by the file.
    expect((peak - before) / 1024 / 1024).toBeLessThan(400);
  }, 120_000);
});
