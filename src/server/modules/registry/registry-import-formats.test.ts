/** Files that are not rosters (empty, PDF, .xls, too big, zip bomb, Word, no header), csv encodings, a LibreOffice-saved roster. */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildXlsx, download, encodeGbk, makeId, readXlsx, upload } from '../../../../test/helpers/roster-files.ts';
import { systemActor } from '../../platform/access.ts';
import { inspectXlsx } from '../../platform/excel.ts';
import { importWorld } from './registry-import.fixture.ts';
import { analyseRoster } from './registry-import.service.ts';

const w = importWorld();

describe('files that are not rosters', () => {
  it('refuses empty files, non-spreadsheets and old .xls at once, with what to do', async () => {
    const empty = await upload(w.app, w.users.office, '/api/registry/imports?fileName=a.xlsx', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(JSON.parse(empty.body).error.message).toContain('空的');
    const pdf = await upload(
      w.app,
      w.users.office,
      '/api/registry/imports?fileName=a.pdf',
      Buffer.from('%PDF-1.7\n\u0000\u0001binary'),
    );
    expect(pdf.statusCode).toBe(415);
    expect(JSON.parse(pdf.body).error.message).toContain('不是电子表格');
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const xls = await upload(w.app, w.users.office, '/api/registry/imports?fileName=a.xls', ole);
    expect(xls.statusCode).toBe(415);
    expect(JSON.parse(xls.body).error.message).toMatch(/另存为.*xlsx/);
    const big = await upload(
      w.app,
      w.users.office,
      '/api/registry/imports?fileName=a.xlsx',
      Buffer.alloc(21 * 1024 * 1024, 1),
    );
    expect(big.statusCode).toBe(413);
    expect(JSON.parse(big.body).error.message).toContain('20 MB');
  });

  it('refuses a zip bomb before parsing it', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>');
    zip.file(
      'xl/_rels/workbook.xml.rels',
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    );
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(8 * 1024 * 1024, 0x20));
    const bomb = await zip.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const v = await w.validate(w.users.office, bomb, 'bomb.xlsx');
    expect(v.job).toMatchObject({ status: 'failed', errorCode: 'PAYLOAD_TOO_LARGE' });
    expect(v.job.message).toContain('压缩炸弹');
    expect(v.item).toMatchObject({ status: 'failed' });
    // A directory that lies about the sheet's size is caught by the bytes that really come out.
    const lying = Buffer.from(bomb);
    const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    for (let at = lying.indexOf(central); at >= 0; at = lying.indexOf(central, at + 4)) {
      const name = lying.subarray(at + 46, at + 46 + lying.readUInt16LE(at + 28)).toString();
      if (name === 'xl/worksheets/sheet1.xml') lying.writeUInt32LE(1000, at + 24);
    }
    await expect(inspectXlsx(lying, 1024 * 1024)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('tells a Word document from a workbook', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    const v = await w.validate(w.users.office, await zip.generateAsync({ type: 'nodebuffer' }), 'a.docx');
    expect(v.job).toMatchObject({ status: 'failed', errorCode: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(v.job.message).toContain('不是电子表格');
  });

  it('says what the header lacks', async () => {
    const v = await w.validate(
      w.users.office,
      await buildXlsx({
        rows: [
          ['名字', '电话'],
          ['张三', '13800138000'],
        ],
      }),
    );
    expect(v.job).toMatchObject({ status: 'failed', errorCode: 'VALIDATION_FAILED' });
    expect(v.job.message).toContain('身份证号');
  });
});

describe('csv', () => {
  it('reads GBK (as Excel saves on a Chinese Windows) and UTF-8 with BOM', async () => {
    const id1 = makeId('19510101', 'M');
    const id2 = makeId('19520202', 'F');
    const text = `姓名,身份证号,优抚类别,社区\r\n张三丰,${id1},退役士兵,甲一社区\r\n"李,四",${id2},烈属,甲一社区\r\n王五,3.10107E+17,退役士兵,甲一社区\r\n`;
    const gbk = await w.validate(w.users.office, encodeGbk(text), '名单.csv');
    expect(gbk.job.status, JSON.stringify(gbk.job)).toBe('succeeded');
    expect(gbk.rows.map((x) => [x.row, x.status, x.label])).toEqual([
      [2, 'accepted', '张三丰'],
      [3, 'refused', '李,四'],
      [4, 'refused', '王五'],
    ]);
    expect(gbk.rows[2]!.issues[0]!.code).toBe('id-stored-as-number');
    const utf8 = await w.validate(
      w.users.office,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      '名单.csv',
    );
    expect(utf8.rows[0]).toMatchObject({ status: 'accepted', label: '张三丰' });
    // The error report of a csv is an xlsx with IDs kept as text.
    const res = await download(w.app, w.users.office, `/api/registry/imports/${gbk.importId}/error-sheet`);
    const ws = await readXlsx(res.rawPayload);
    expect(ws.getCell('E1').value).toBe('错误说明');
    expect(ws.getCell('B2').value).toBe(id1);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A file saved by a real office suite (Debian's LibreOffice): its own zip layout, shared strings after the
// sheet, styles, merged ranges and date cells. Skipped with a message when soffice is absent (never under CI).

const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
const onCi = process.env.CI === 'true';
if (!soffice && !onCi) {
  console.warn('跳过 LibreOffice 测试：未安装 soffice（apt-get install libreoffice-calc-nogui 后可运行）。');
}

describe.skipIf(!soffice && !onCi)('a roster saved by LibreOffice', () => {
  it('reads it like the original', { timeout: 120_000 }, async () => {
    expect(soffice, 'CI=true needs LibreOffice (soffice) for this test').not.toBe('');
    const dir = mkdtempSync(path.join(tmpdir(), 'sy-lo-'));
    try {
      const ids = [makeId('19490101', 'M'), makeId('19510202', 'F')];
      const original = await buildXlsx({
        name: '名册',
        rows: [
          ['2026年优抚对象名册'],
          ['序号', '姓名', '身份证号', '出生日期', '优抚类别', '街道', '社区'],
          [1, '林一', ids[0], new Date(Date.UTC(1949, 0, 1)), '退役士兵', '甲街道', '甲一社区'],
          [2, '林二', ids[1], '1951.02', '烈属', null, '甲二社区'],
          [3, '林三', Number('310107195303030011'), null, '退役士兵', null, '甲二社区'],
          ['合计', '3人'],
        ],
        merges: ['A1:G1', 'F3:F5'],
      });
      writeFileSync(path.join(dir, 'roster.xlsx'), original);
      await promisify(execFile)(
        soffice,
        [
          '--headless',
          `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
          '--convert-to',
          'xlsx',
          '--outdir',
          path.join(dir, 'out'),
          path.join(dir, 'roster.xlsx'),
        ],
        { timeout: 100_000 },
      );
      const saved = readFileSync(path.join(dir, 'out', 'roster.xlsx'));
      const app = await (await JSZip.loadAsync(saved)).file('docProps/app.xml')?.async('string');
      expect(app).toContain('LibreOffice');
      const analysis = await analyseRoster(w.ctx, systemActor(), saved, 'roster.xlsx');
      expect(analysis.report).toMatchObject({
        rows: 4,
        accepted: 2,
        refused: [expect.objectContaining({ row: 5, code: 'id-stored-as-number' })],
        skipped: [6],
      });
      const accepted = analysis.rows.filter((x) => x.status === 'accepted');
      expect(accepted.map((x) => [x.label, x.input?.residenceRegionId])).toEqual([
        ['林一', w.r.communities[0][0]],
        ['林二', w.r.communities[0][1]],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
