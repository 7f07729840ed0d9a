import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildXlsx, encodeGbk, readXlsx } from '../../../test/helpers/roster-files.ts';
import {
  annotateSheet,
  decodeText,
  neutralizeFormula,
  parseCsv,
  readSpreadsheet,
  sniffKind,
  watermarkLine,
  writeXlsx,
} from './excel.ts';

async function collect(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await write(out);
  await ended;
  return Buffer.concat(chunks);
}

describe('formula injection', () => {
  it('prefixes what a spreadsheet would run', () => {
    for (const v of ['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralizeFormula(v)).toBe(`'${v}`);
    for (const v of ['张三', '1+1', '021-62541234', '']) expect(neutralizeFormula(v)).toBe(v);
  });
});

describe('reading', () => {
  it('tells file kinds by their bytes', () => {
    expect(sniffKind(Buffer.from('PK\u0003\u0004rest'))).toBe('xlsx');
    expect(sniffKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('xls');
    expect(sniffKind(Buffer.from('姓名,身份证号\n'), 'a.csv')).toBe('csv');
    expect(sniffKind(Buffer.from('%PDF-1.7\u0000'), 'a.pdf')).toBe('unknown');
    expect(sniffKind(Buffer.from('<html><body>'), 'a.xlsx')).toBe('unknown');
  });

  it('decodes UTF-8, UTF-8 with BOM, UTF-16 and GBK', () => {
    expect(decodeText(Buffer.from('张三'))).toEqual({ text: '张三', encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('张三')])).text).toBe('张三');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('张三', 'utf16le')])).text).toBe('张三');
    expect(decodeText(encodeGbk('优抚对象，张三'))).toEqual({ text: '优抚对象，张三', encoding: 'gbk' });
  });

  it('parses csv with quotes, embedded delimiters and line breaks, and tab-separated text', () => {
    expect(parseCsv('a,b\r\n"x,1","say ""hi""\nthere"\r\n')).toEqual([
      ['a', 'b'],
      ['x,1', 'say "hi"\nthere'],
    ]);
    expect(parseCsv('姓名\t身份证号\n张三\t110\n')).toEqual([
      ['姓名', '身份证号'],
      ['张三', '110'],
    ]);
  });

  it('reads every sheet with merges, visible sheets first', async () => {
    const bytes = await buildXlsx(
      { name: '说明', rows: [['本表填写说明']] },
      { name: '名册', rows: [['标题'], ['姓名', '身份证号']], merges: ['A1:B1'] },
    );
    const { kind, sheets } = await readSpreadsheet(bytes, 'a.xlsx');
    expect(kind).toBe('xlsx');
    expect(sheets.map((s) => s.name)).toEqual(['说明', '名册']);
    expect(sheets[1]!.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 2 }]);
  });

  it('refuses what it cannot read with a message that says what to do', async () => {
    await expect(readSpreadsheet(Buffer.alloc(0), 'a.xlsx')).rejects.toThrow('空的');
    await expect(
      readSpreadsheet(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.xls'),
    ).rejects.toThrow('另存为');
    await expect(readSpreadsheet(Buffer.from('PK\u0003\u0004broken'), 'a.xlsx')).rejects.toThrow('损坏');
    await expect(readSpreadsheet(Buffer.alloc(100, 1), 'a.xlsx', { maxBytes: 10 })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    await expect(readSpreadsheet(Buffer.from('a,b\n'.repeat(20)), 'a.csv', { maxRows: 10 })).rejects.toThrow(
      '拆成几个文件',
    );
  });
});

describe('writing', () => {
  it('streams rows after a watermark line, text kept as text', async () => {
    const at = new Date('2026-11-25T10:30:00Z');
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      n: i + 1,
      id: `31010719500312${String(i).padStart(4, '0')}`,
    }));
    const bytes = await collect((out) =>
      writeXlsx(out, {
        sheetName: '名单',
        watermark: watermarkLine('张三（双拥办工作人员）', at),
        columns: [
          { header: '序号', value: (r) => r.n },
          { header: '身份证号', value: (r) => r.id },
          { header: '备注', value: (r) => (r.n === 1 ? '=cmd|"/c calc"!A1' : null) },
        ],
        rows,
      }),
    );
    const ws = await readXlsx(bytes);
    expect(ws.getCell('A1').value).toBe(
      '导出人：张三（双拥办工作人员）　导出时间：2026-11-25 18:30（北京时间）　含个人信息，注意保密，仅限工作使用，不得外传',
    );
    expect(ws.getCell('B2').value).toBe('身份证号');
    expect(ws.getCell('B3').value).toBe('310107195003120000');
    expect(ws.getCell('C3').value).toBe('\'=cmd|"/c calc"!A1');
    expect(ws.getCell('A5002').value).toBe(5000);
  });

  it('gives a csv back as xlsx with the error column, merged values filled in', async () => {
    const bytes = await annotateSheet({
      bytes: Buffer.from('x'),
      kind: 'csv',
      sheetName: '名单',
      headerRow: 1,
      notes: new Map([[2, { message: '身份证号：校验位错误', columns: [1], severity: 'error' as const }]]),
      grid: {
        name: '名单',
        rows: [
          { row: 1, cells: ['姓名', '身份证号'] },
          { row: 2, cells: ['张三', '310107195003120012'] },
        ],
        merges: [],
      },
    });
    const ws = await readXlsx(bytes);
    expect(ws.getCell('C1').value).toBe('错误说明');
    expect(ws.getCell('C2').value).toBe('身份证号：校验位错误');
    expect(ws.getCell('B2').value).toBe('310107195003120012');
  });
});
