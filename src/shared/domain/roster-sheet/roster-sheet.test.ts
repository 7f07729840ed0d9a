import { describe, expect, it } from 'vitest';
import { idCheckDigit } from '../id-number.ts';
import { readComparisonSheet, readReportedStatus } from './comparison-sheet.ts';
import { applyMerges, type CellValue, columnLetter, type SheetGrid } from './grid.ts';
import { findHeader } from './header.ts';
import { readIdCell } from './id-cell.ts';
import { personColumns } from './person-columns.ts';
import { readPersonSheet } from './person-sheet.ts';
import { classifyRow } from './row-kind.ts';

const now = new Date('2026-11-25T00:00:00Z');

/** A valid 18-digit ID for a birth date and sequence (odd = male). */
function id(birth = '19500312', seq = 1): string {
  const body = `310107${birth}${String(seq).padStart(3, '0')}`;
  return body + idCheckDigit(body);
}

function grid(rows: CellValue[][], merges: SheetGrid['merges'] = [], first = 1): SheetGrid {
  return { name: 'Sheet1', rows: rows.map((cells, i) => ({ row: first + i, cells })), merges };
}

const header = ['序号', '姓名', '性别', '身份证号', '出生日期', '优抚类别', '伤残等级', '联系电话', '街道', '社区'];

describe('columns and cells', () => {
  it('names columns like Excel', () => {
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
    expect(columnLetter(701)).toBe('ZZ');
  });

  it('fills merged ranges with the top-left value', () => {
    const rows = applyMerges(
      grid(
        [
          ['标题', null, null],
          ['甲街道', 'x', null],
          [null, 'y', null],
        ],
        [
          { top: 1, left: 1, bottom: 1, right: 3 },
          { top: 2, left: 1, bottom: 3, right: 1 },
        ],
      ),
    );
    expect(rows[0]!.cells).toEqual(['标题', '标题', '标题']);
    expect(rows[2]!.cells[0]).toBe('甲街道');
  });
});

describe('finding the header', () => {
  it('skips title rows and reads header variants, 繁體 and full-width spaces included', () => {
    const g = grid([
      ['2026年优抚对象花名册'],
      ['填报单位：甲街道', null, null, '日期：2026年1月'],
      ['序 号', '姓　名', '性別', '公民身份號碼', '出生年月', '人員類別', '*联系电话（手机）', '户籍地址', '现住址'],
    ]);
    const h = findHeader(g.rows, personColumns, ['idNumber', 'name']);
    expect(h.ok).toBe(true);
    if (!h.ok) return;
    expect(h.headerRows).toEqual([3]);
    expect(h.columns).toMatchObject({
      serial: 0,
      name: 1,
      sex: 2,
      idNumber: 3,
      birthDate: 4,
      category: 5,
      phone: 6,
      hukou: 7,
      address: 8,
    });
  });

  it('joins a two-row header under merged group labels', () => {
    const g = grid(
      [
        ['姓名', '身份证号码', '优抚类别', '伤残情况', null, '联系电话'],
        [null, null, null, '等级', '性质', null],
        ['张三', id(), '残疾军人', '四级', '因战', '13800138000'],
      ],
      [
        { top: 1, left: 1, bottom: 2, right: 1 },
        { top: 1, left: 2, bottom: 2, right: 2 },
        { top: 1, left: 3, bottom: 2, right: 3 },
        { top: 1, left: 4, bottom: 1, right: 5 },
        { top: 1, left: 6, bottom: 2, right: 6 },
      ],
    );
    const result = readPersonSheet(g, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.headerRows).toEqual([1, 2]);
    expect(result.value.columns).toMatchObject({ disabilityGrade: 3, disabilityNature: 4, phone: 5 });
    expect(result.value.drafts).toHaveLength(1);
    expect(result.value.drafts[0]!.qualifications[0]).toMatchObject({
      categoryCode: 'disabled_veteran',
      disabilityGrade: 4,
      disabilityNature: '因战',
    });
  });

  it('says which columns it could not find', () => {
    const r = readPersonSheet(
      grid([
        ['名字', '电话'],
        ['张三', '13800138000'],
      ]),
      now,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('身份证号');
  });
});

describe('rows that are not people', () => {
  it('classifies blank, total, section, note and template rows', () => {
    expect(classifyRow([null, '', ' '], 3, 1)).toBe('blank');
    expect(classifyRow(['合计', null, null, null, '125人'], 3, 1)).toBe('total');
    expect(classifyRow(['合 计：125人'], 3, 1)).toBe('total');
    expect(classifyRow(['一、甲街道', '一、甲街道', '一、甲街道', '一、甲街道'], 3, 1)).toBe('section');
    expect(classifyRow(['甲街道'], 3, 1)).toBe('section');
    expect(classifyRow([null, '二、乙街道'], 3, 1)).toBe('section');
    expect(classifyRow(['填表人：李四', null, '审核人：王五'], 3, 1)).toBe('note');
    expect(classifyRow(['注：本表由社区填写'], 3, 1)).toBe('note');
    expect(classifyRow([15, null, null, null, null, '退役士兵'], 3, 1)).toBe('empty');
    expect(classifyRow([1, '张三', '男', id()], 3, 1)).toBe('person');
    // A name alone is a person whose ID is missing, not a title.
    expect(classifyRow([null, '张三'], 3, 1)).toBe('person');
  });

  it('lists every non-person row by its Excel row number', () => {
    const g = grid([
      ['优抚对象名册'],
      header,
      ['一、甲街道'],
      [1, '张三', '男', id('19500312', 1), '1950.03', '退役士兵', null, '13800138000', '甲街道', '甲一社区'],
      [],
      [2, '李四', '女', id('19600101', 2), null, '烈属', null, null, '甲街道', '甲一社区'],
      header,
      [3, null, null, null, null, null],
      ['合计', '2人'],
      ['填表人：王五'],
    ]);
    const r = readPersonSheet(g, now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rows).toBe(8);
    expect(r.value.drafts.map((d) => d.row)).toEqual([4, 6]);
    expect(r.value.skipped).toEqual([
      { row: 3, kind: 'section' },
      { row: 5, kind: 'blank' },
      { row: 7, kind: 'header' },
      { row: 8, kind: 'empty' },
      { row: 9, kind: 'total' },
      { row: 10, kind: 'note' },
    ]);
  });
});

describe('ID numbers', () => {
  it('refuses an 18-digit number stored as a number and says how to fix it', () => {
    const r = readIdCell(Number('310107195003120011'), now);
    expect(r).toMatchObject({ ok: false, code: 'id-stored-as-number' });
    if (!r.ok) expect(r.message).toMatch(/文本.*重新录入/);
    expect(readIdCell('3.10107E+17', now)).toMatchObject({ ok: false, code: 'id-stored-as-number' });
    // Digits lost earlier, then the column was turned into text.
    expect(readIdCell('310107195003120000', now)).toMatchObject({ ok: false, code: 'id-stored-as-number' });
  });

  it('accepts a 15-digit number cell (exact) and upgrades it, full-width digits and lowercase x', () => {
    const r = readIdCell(310107500312001, now);
    expect(r.ok && r.value.id.length === 18 && r.value.upgradedFrom15).toBe(true);
    const withX = (() => {
      for (let seq = 1; seq < 999; seq++) {
        const v = id('19500312', seq);
        if (v.endsWith('X')) return v;
      }
      return '';
    })();
    expect(readIdCell(withX.toLowerCase(), now)).toMatchObject({ ok: true, value: { id: withX } });
    const fullWidth = id().replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(readIdCell(fullWidth, now)).toMatchObject({ ok: true, value: { id: id() } });
  });
});

describe('person rows', () => {
  const read = (row: CellValue[], head: CellValue[] = header) => {
    const r = readPersonSheet(grid([head, row]), now);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };

  it('reads a clean row, with dates in every form agreeing with the ID', () => {
    for (const birth of [
      '1950-03-12',
      '1950.03',
      '1950年3月',
      '19500312',
      18334,
      new Date(Date.UTC(1950, 2, 12)),
      1950.03,
    ]) {
      const v = read([1, '张 三', '男', id(), birth, '退役士兵', null, '138 0013 8000', '甲街道', '甲一社区']);
      expect(v.issues).toEqual([]);
      expect(v.drafts[0]).toMatchObject({
        name: '张三',
        sex: 'M',
        birthDate: '1950-03-12',
        phone: '13800138000',
        streetText: '甲街道',
        communityText: '甲一社区',
      });
    }
  });

  it('settles an ambiguous 1950.1 against the ID and refuses when the ID disagrees', () => {
    const jan = id('19500112');
    expect(read([1, '张三', '男', jan, 1950.1, '退役士兵']).drafts).toHaveLength(1);
    const may = id('19500512');
    const v = read([1, '张三', '男', may, 1950.1, '退役士兵']);
    expect(v.issues[0]).toMatchObject({ code: 'birth-date-ambiguous', column: '出生日期', severity: 'error' });
  });

  it('refuses a row whose sex or birth date disagrees with the ID', () => {
    const v = read([1, '张三', '女', id(), '1951-03-12', '退役士兵']);
    expect(v.drafts).toHaveLength(0);
    expect(v.issues.map((i) => i.code).sort()).toEqual(['birth-date-mismatch', 'sex-mismatch']);
    expect(v.refused).toEqual([{ row: 2, name: '张三' }]);
  });

  it('reads several categories, aliases, 繁體 and flags; refuses unknown ones', () => {
    const v = read([1, '張三', '男', id(), null, '殘疾軍人、参战', '4级', null]);
    expect(v.drafts[0]!.qualifications).toEqual([
      expect.objectContaining({ categoryCode: 'disabled_veteran', disabilityGrade: 4, flags: ['combat'] }),
    ]);
    expect(v.drafts[0]!.name).toBe('張三');
    const bad = read([1, '张三', '男', id(), null, '优抚户', null]);
    expect(bad.issues[0]).toMatchObject({ code: 'category-unknown', column: '优抚类别' });
    // A missing grade is for the registry to judge (a registered person keeps the stored one).
    const noGrade = read([1, '张三', '男', id(), null, '伤残军人', null]);
    expect(noGrade.issues).toEqual([]);
    expect(noGrade.drafts[0]!.qualifications[0]).toMatchObject({
      categoryCode: 'disabled_veteran',
      disabilityGrade: null,
    });
    const badGrade = read([1, '张三', '男', id(), null, '伤残军人', '二等甲级']);
    expect(badGrade.issues[0]).toMatchObject({ code: 'disability-grade-invalid', column: '伤残等级' });
  });

  it('reports each problem with its row, column and a Chinese message', () => {
    const v = read([1, '=HYPERLINK("x")', '男', id(), null, '退役士兵', null, '6234567']);
    const codes = v.issues.map((i) => [i.row, i.column, i.code]);
    expect(codes).toEqual([
      [2, '姓名', 'name-invalid'],
      [2, '联系电话', 'phone-invalid'],
    ]);
    expect(v.issues[1]!.message).toContain('区号');
  });

  it('needs a category column', () => {
    const v = read([1, '张三', '男', id()], ['序号', '姓名', '性别', '身份证号']);
    expect(v.issues[0]).toMatchObject({ code: 'category-missing', columnIndex: null });
  });
});

describe('comparison lists', () => {
  it('reads statuses as other departments write them', () => {
    expect(readReportedStatus('已死亡')).toBe('deceased');
    expect(readReportedStatus('户口迁出')).toBe('moved_out');
    expect(readReportedStatus('在押服刑')).toBe('imprisoned');
    expect(readReportedStatus('失踪')).toBe('other');
    expect(readReportedStatus('')).toBeNull();
  });

  it('reads ID numbers, statuses and dates, refusing broken IDs', () => {
    const r = readComparisonSheet(
      grid([
        ['公安局户籍注销人员名单'],
        ['序号', '姓名', '公民身份号码', '注销原因', '注销日期'],
        [1, '张三', id(), '死亡', '2026.01'],
        [2, '李四', Number('310107195003120011'), '迁出', null],
      ]),
      now,
    );
    // 注销原因 is not a status header: the sheet needs one.
    expect(r.ok).toBe(false);
    const ok = readComparisonSheet(
      grid([
        ['序号', '姓名', '公民身份号码', '人员状态', '变动日期'],
        [1, '张三', id(), '死亡', '2026.01'],
        [2, '李四', Number('310107195003120011'), '迁出', null],
      ]),
      now,
    );
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.value.drafts).toEqual([
      { row: 2, idNumber: id(), status: 'deceased', statusText: '死亡', date: '2026-01', note: null },
    ]);
    expect(ok.value.issues[0]).toMatchObject({ row: 3, code: 'id-stored-as-number' });
  });
});
