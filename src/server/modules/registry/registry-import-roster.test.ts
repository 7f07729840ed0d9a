/** A roster as offices keep it (title rows, two-row header, merged cells, 繁體) read, committed and given back marked; the CLI report. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildXlsx, download, makeId, readXlsx } from '../../../../test/helpers/roster-files.ts';
import type { ImportItem, ImportReport, ImportRowItem } from '../../../shared/api/registry-import.api.ts';
import { systemActor } from '../../platform/access.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { importWorld } from './registry-import.fixture.ts';
import { analyseRoster } from './registry-import.service.ts';

const w = importWorld();

describe('a roster as offices keep it', () => {
  const ids = {
    zhang: makeId('19500312', 'M'),
    li: makeId('19600101', 'F'),
    wang: makeId('19500312', 'M'),
    sun: makeId('19550501', 'F'),
    zhou: makeId('19480701', 'M'),
    wu: makeId('19500315', 'M'),
  };
  const fullWidth = (s: string) => s.replace(/[0-9X]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  let importId: number;
  let report: { item: ImportItem; rows: ImportRowItem[] };

  function sheet() {
    return buildXlsx({
      name: '花名册',
      rows: [
        ['2026年测试区优抚对象花名册'],
        ['填报单位：测试区双拥办', null, null, null, null, null, null, '填报日期：2026年1月5日'],
        [
          '序号',
          '姓名',
          '性别',
          '身份证号码',
          '出生年月',
          '人員類別',
          '伤残情况',
          null,
          '聯繫電話',
          '街道',
          '社区',
          '生活状况',
        ],
        [null, null, null, null, null, null, '等级', '性质'],
        ['一、甲街道'],
        [
          1,
          '张  三',
          '男',
          ids.zhang,
          new Date(Date.UTC(1950, 2, 12)),
          '殘疾軍人',
          '四级',
          '因战',
          '138 0013 8000',
          '甲街道',
          '甲一社区',
          '独居、低保',
        ],
        [2, ' 李四 ', '女', fullWidth(ids.li), '1960.01', '烈属', null, null, '021-62541234', null, '甲二社区', null],
        [3, '王五', '男', ids.wang, 18334, '退役士兵', null, null, null, null, '甲一', null],
        [4, '赵六', '男', Number('310107195003120011'), null, '退役士兵', null, null, null, null, '甲一社区', null],
        [],
        ['二、乙街道'],
        [5, '孙七', '女', ids.sun, '1955年5月', '现役军人家属', null, null, null, '乙街道', '乙一社区', null],
        [
          6,
          '周八',
          '男',
          ids.zhou.toLowerCase(),
          '1948-07-01',
          '复员军人',
          null,
          null,
          null,
          '乙街道',
          '乙二社区',
          null,
        ],
        [7, '吴九', '男', ids.wu, 1950.03, '退役士兵', null, null, null, '乙街道', '乙一社区', null],
        ['合计', '7人'],
        ['填表人：某某', null, null, '审核人：某某'],
      ],
      merges: [
        'A1:L1',
        ...['A', 'B', 'C', 'D', 'E', 'F', 'I', 'J', 'K', 'L'].map((c) => `${c}3:${c}4`),
        'G3:H3',
        'A5:L5',
        'J6:J9',
        'A11:L11',
      ],
    });
  }

  beforeAll(async () => {
    const v = await w.validate(w.users.office, await sheet(), '2026年花名册.xlsx');
    expect(v.job.status, JSON.stringify(v.job)).toBe('succeeded');
    importId = v.importId;
    report = v;
  });

  it('finds the two-row header below the title rows and reads the columns by their names', () => {
    expect(report.item).toMatchObject({ status: 'validated', sheetName: '花名册', headerRow: 4 });
    const fields = Object.fromEntries(report.item.columns.map((c) => [c.letter, c.field]));
    expect(fields).toMatchObject({
      A: 'serial',
      B: 'name',
      D: 'idNumber',
      E: 'birthDate',
      F: 'category',
      G: 'disabilityGrade',
      H: 'disabilityNature',
      I: 'phone',
      J: 'street',
      K: 'community',
      L: 'livingSituation',
    });
  });

  it('accounts for every row: people accepted, the number-stored ID refused, the others skipped', () => {
    expect(report.item.counts).toMatchObject({ rows: 12, accepted: 6, refused: 1, skipped: 5, create: 6 });
    const byRow = Object.fromEntries(report.rows.map((x) => [x.row, x]));
    expect(report.rows.filter((x) => x.status === 'skipped').map((x) => [x.row, x.label])).toEqual([
      [5, '分组标题行'],
      [10, '空行'],
      [11, '分组标题行'],
      [15, '合计行'],
      [16, '表尾说明或签字行'],
    ]);
    expect(byRow[9]).toMatchObject({ status: 'refused', label: '赵六' });
    expect(byRow[9]!.issues).toEqual([
      expect.objectContaining({
        column: '身份证号码',
        columnLetter: 'D',
        code: 'id-stored-as-number',
        severity: 'error',
      }),
    ]);
    expect(byRow[9]!.issues[0]!.message).toMatch(/设为“文本”.*重新录入/);
  });

  it('commits the accepted rows with names, dates, 繁體, full-width and merged cells read right', async () => {
    const job = await w.commit(w.users.office, importId);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect(job.result).toMatchObject({ created: 6, updated: 0 });
    const zhang = await w.personByIdNumber(ids.zhang);
    expect(zhang).toMatchObject({
      name: '张三',
      sex: 'M',
      birth_date: '1950-03-12',
      residence_region_id: w.r.communities[0][0],
    });
    expect(JSON.parse(zhang!.living_situations_json)).toEqual(['独居', '低保']);
    expect(w.ctx.cipher.decrypt(zhang!.phone_enc!)).toBe('13800138000');
    const quals = await w.ctx.db.selectFrom('qualifications').selectAll().where('person_id', '=', zhang!.id).execute();
    expect(quals).toEqual([
      expect.objectContaining({ category_code: 'disabled_veteran', disability_grade: 4, disability_nature: '因战' }),
    ]);
    // 甲街道 reached 李四 and 王五 through the merged street cell; 甲一 matched 甲一社区.
    expect(await w.personByIdNumber(ids.li)).toMatchObject({
      name: '李四',
      residence_region_id: w.r.communities[0][1],
    });
    expect(await w.personByIdNumber(ids.wang)).toMatchObject({ residence_region_id: w.r.communities[0][0] });
    expect(await w.personByIdNumber(ids.zhou)).toMatchObject({ birth_date: '1948-07-01' });
    expect(await w.personByIdNumber(ids.wu)).toMatchObject({ residence_region_id: w.r.communities[1][0] });
    const versions = await w.ctx.db
      .selectFrom('person_versions')
      .selectAll()
      .where('person_id', '=', zhang!.id)
      .execute();
    expect(versions[0]).toMatchObject({ action: 'create', source: '导入：2026年花名册.xlsx' });
    // Each new person has its own audit record and the living situations in the assessment archive, as a
    // person registered by hand does; the audit chain still verifies.
    const personAudit = await w.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'person')
      .where('entity_id', '=', String(zhang!.id))
      .execute();
    expect(personAudit).toEqual([
      expect.objectContaining({ action: 'create', summary: '登记优抚对象（导入：2026年花名册.xlsx）' }),
    ]);
    // What the auditor reads: every field the version records, after as shown (ID masked), before empty.
    const changes = JSON.parse(versions[0]!.changes_json) as { label: string; after: string | null }[];
    const after = JSON.parse(personAudit[0]!.after_json!);
    expect(after).toEqual(Object.fromEntries(changes.map((ch) => [ch.label, ch.after])));
    expect(after).toMatchObject({ 姓名: '张三', 身份证号: expect.stringMatching(/^\d{6}\*+\w{4}$/) });
    expect(JSON.parse(personAudit[0]!.before_json!)).toEqual(Object.fromEntries(changes.map((ch) => [ch.label, null])));
    const assessments = await w.ctx.db
      .selectFrom('living_assessments')
      .selectAll()
      .where('person_id', '=', zhang!.id)
      .execute();
    expect(assessments.map((a) => JSON.parse(a.situations_json))).toEqual([['独居', '低保']]);
    expect((await verifyAuditChain(w.ctx.db)).ok).toBe(true);
    const imports = await w.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'import')
      .where('entity_id', '=', String(importId))
      .execute();
    expect(imports).toHaveLength(1);
    expect(JSON.parse(imports[0]!.after_json!)).toMatchObject({
      created: 6,
      updated: 0,
      refused: 1,
      skipped: 5,
      rows: 12,
    });
    const again = await w.users.office.client.post(`/api/registry/imports/${importId}/commit`);
    expect(again.status).toBe(409);
  });

  it('gives the sheet back with an added 错误说明 column and the bad cell marked', async () => {
    const res = await download(w.app, w.users.office, `/api/registry/imports/${importId}/error-sheet`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('2026年花名册-错误说明.xlsx'));
    const ws = await readXlsx(res.rawPayload, '花名册');
    expect(ws.getCell('A1').value).toBe('2026年优抚对象花名册'.replace('2026年', '2026年测试区'));
    expect(ws.getCell('M4').value).toBe('错误说明');
    expect(String(ws.getCell('M9').value)).toContain('身份证号码：身份证号被 Excel 存成了数字');
    expect(ws.getCell('M6').value).toBeNull();
    const fill = ws.getCell('D9').fill as { fgColor?: { argb?: string } };
    expect(fill.fgColor?.argb).toBe('FFFFC7CE');
  });
});

describe('the CLI report', () => {
  it('prints exactly the agreed JSON shape', async () => {
    const bytes = await buildXlsx({
      rows: [
        ['名册'],
        ['序号', '姓名', '身份证号', '优抚类别', '社区'],
        [1, '韩一', makeId('19530303', 'M'), '退役士兵', '甲一社区'],
        [2, '韩二', Number('310107195303030011'), '退役士兵', '甲一社区'],
        ['合计', '2人'],
      ],
    });
    const analysis = await analyseRoster(w.ctx, systemActor(), bytes, 'cli.xlsx');
    const report: ImportReport = analysis.report;
    expect(JSON.stringify(report)).toBe(
      JSON.stringify({
        rows: 3,
        accepted: 1,
        refused: [{ row: 4, column: '身份证号', code: 'id-stored-as-number', message: report.refused[0]!.message }],
        skipped: [5],
      }),
    );
  });
});
