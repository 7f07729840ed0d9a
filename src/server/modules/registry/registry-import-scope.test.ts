/** Import against the registry: merges, in-file duplicates, other districts, the importer's scope; who may upload and see. */
import { describe, expect, it } from 'vitest';
import { createPerson } from '../../../../test/helpers/factories.ts';
import { buildXlsx, download, makeId, upload } from '../../../../test/helpers/roster-files.ts';
import type { Role } from '../../../shared/permissions.ts';
import { createPerson as registerPerson } from './registry.service.ts';
import { importWorld } from './registry-import.fixture.ts';

const w = importWorld();

describe('duplicates, the registry and scope', () => {
  it('previews merges, refuses in-file duplicates, other districts and rows outside the importer’s scope', async () => {
    const known = await createPerson(w.ctx, { regionId: w.r.communities[0][0], name: '钱一' });
    const elsewhere = await createPerson(w.ctx, { regionId: w.r.communities[1][0], name: '钱二' });
    const fresh = makeId('19620202', 'M');
    const again = makeId('19630303', 'F');
    const bytes = await buildXlsx({
      rows: [
        ['姓名', '身份证号', '优抚类别', '联系电话', '街道', '社区'],
        [known.name, known.idNumber, '退役士兵、参战', '13900139000', '甲街道', '甲一社区'],
        ['冯新', fresh, '烈士遗属', null, '甲街道', '甲二社区'],
        ['冯又', fresh, '烈士遗属', null, '甲街道', '甲二社区'],
        [elsewhere.name, elsewhere.idNumber, '退役士兵', null, '乙街道', '乙一社区'],
        ['陈外', makeId('19640404', 'M'), '退役士兵', null, '乙街道', '乙一社区'],
        ['陈错', makeId('19650505', 'M'), '退役士兵', null, '甲街道', '不存在社区'],
        ['陈默', again, '退役士兵', null, null, null],
      ],
      textColumns: [2],
    });
    const v = await w.validate(w.users.street, bytes);
    expect(v.job.status, JSON.stringify(v.job)).toBe('succeeded');
    const byRow = Object.fromEntries(v.rows.map((x) => [x.row, x]));
    expect(byRow[2]).toMatchObject({ status: 'accepted', action: 'merge', personId: known.id });
    expect(byRow[2]!.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ label: '联系电话', before: null, after: '139****9000' })]),
    );
    expect(byRow[3]).toMatchObject({ status: 'accepted', action: 'create' });
    const codes = (row: number) => byRow[row]!.issues.map((i) => i.code);
    expect(codes(4)).toEqual(['duplicate-in-file']);
    expect(byRow[4]!.issues[0]!.message).toContain('与第 3 行');
    expect(codes(5)).toEqual(['exists-outside-scope']);
    expect(codes(6)).toEqual(['out-of-scope']);
    expect(byRow[6]!.issues[0]).toMatchObject({ column: '社区', columnLetter: 'F' });
    expect(codes(7)).toEqual(['region-unknown']);
    // No 街道/社区: the street worker's own street.
    expect(byRow[8]).toMatchObject({ status: 'accepted', action: 'create' });

    const refused = await v.item.counts;
    expect(refused).toMatchObject({ rows: 7, accepted: 3, refused: 4, create: 2, merge: 1 });
    const job = await w.commit(w.users.street, v.importId);
    expect(job.result).toMatchObject({ created: 2, updated: 1 });
    const merged = await w.personByIdNumber(known.idNumber);
    expect(w.ctx.cipher.decrypt(merged!.phone_enc!)).toBe('13900139000');
    expect(await w.personByIdNumber(again)).toMatchObject({
      residence_region_id: w.r.streets[0],
      hukou_region_id: w.r.streets[0],
    });
    expect(await w.personByIdNumber(elsewhere.idNumber)).toMatchObject({ name: '钱二' });
  });

  it('asks for the 伤残等级 of a new disabled veteran, not of one already registered with it', async () => {
    const registered = makeId('19450505', 'M');
    await registerPerson(w.ctx, w.officeActor, {
      name: '卫国',
      idNumber: registered,
      residenceRegionId: w.r.communities[0][0],
      hukouRegionId: w.r.communities[0][0],
      qualifications: [{ category: '残疾军人', disabilityGrade: '六级', disabilityNature: '因公' }],
    });
    const v = await w.validate(
      w.users.office,
      await buildXlsx({
        rows: [
          ['姓名', '身份证号', '优抚类别', '伤残等级', '社区'],
          ['卫国', registered, '残疾军人', null, '甲一社区'],
          ['卫民', makeId('19460606', 'M'), '伤残军人', null, '甲一社区'],
        ],
      }),
    );
    expect(v.rows[0]).toMatchObject({ status: 'accepted', action: 'unchanged' });
    expect(v.rows[1]!.issues).toEqual([
      expect.objectContaining({ code: 'disability-grade-missing', column: '伤残等级', columnLetter: 'D' }),
    ]);
  });

  it('shows an import to its owner only', async () => {
    const v = await w.validate(
      w.users.office,
      await buildXlsx({
        rows: [
          ['姓名', '身份证号', '优抚类别'],
          ['许一', makeId(), '退役士兵'],
        ],
      }),
    );
    expect((await w.users.street.client.get(`/api/registry/imports/${v.importId}`)).status).toBe(404);
    expect((await w.users.street.client.post(`/api/registry/imports/${v.importId}/commit`)).status).toBe(404);
    expect((await download(w.app, w.users.street, `/api/registry/imports/${v.importId}/error-sheet`)).statusCode).toBe(
      404,
    );
    expect((await w.users.office.client.delete(`/api/registry/imports/${v.importId}`)).status).toBe(200);
    expect((await w.users.office.client.post(`/api/registry/imports/${v.importId}/commit`)).status).toBe(409);
  });

  it('lets only the roles that write the registry upload', async () => {
    const bytes = await buildXlsx({
      rows: [
        ['姓名', '身份证号', '优抚类别'],
        ['许二', makeId(), '退役士兵'],
      ],
    });
    const expected: Record<Role, number> = {
      admin: 200,
      office: 200,
      street: 200,
      community: 200,
      department: 403,
      troop: 403,
      leader: 403,
      auditor: 403,
    };
    for (const role of Object.keys(expected) as Role[]) {
      const res = await upload(w.app, w.users[role], '/api/registry/imports?fileName=a.xlsx', bytes);
      expect([role, res.statusCode]).toEqual([role, expected[role]]);
    }
  });
});
