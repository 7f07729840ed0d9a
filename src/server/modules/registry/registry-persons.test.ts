/** Registering, editing and marking deceased a person: what the form accepts, versions and history. */
import { describe, expect, it } from 'vitest';
import type { PersonDetail, PersonVersionItem } from '../../../shared/api/registry.api.ts';
import { idCheckDigit } from '../../../shared/domain/id-number.ts';
import { create, idNumber, list, registryWorld } from './registry.fixture.ts';

const w = registryWorld();

describe('registering a person', () => {
  it('reads the ID number, name, phones and qualification as clerks type them', async () => {
    const id18 = idNumber('19480229', 'F');
    const messy = `${id18.slice(0, 6).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))} ${id18.slice(6).toLowerCase()}`;
    const id = await create(w.office, {
      name: '李 秀英',
      idNumber: messy,
      phone: '+86 138 0013 8000',
      phone2: '（021）6234 5678',
      residenceRegionId: w.r.communities[0][1],
      hukouRegionId: w.r.communities[0][1],
      qualifications: [
        {
          category: '伤残军人',
          disabilityGrade: '四级',
          disabilityNature: '因戰',
          flags: ['参战'],
          certificateNo: '残军０１２３',
        },
      ],
    });
    const res = await w.office.get<PersonDetail>(`/api/persons/${id}`);
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p.name).toBe('李秀英');
    expect(p.sex).toBe('F');
    expect(p.birthDate).toBe('1948-02-29');
    expect(p.idNumber).toBe(`310107********${id18.slice(-4)}`);
    expect(p.phone).toBe('13800138000');
    expect(p.phone2).toBe('021-62345678');
    expect(p.hukouLocal).toBe(true);
    expect(p.residenceStreetName).toBe('甲街道');
    expect(p.qualifications).toEqual([
      expect.objectContaining({
        categoryCode: 'disabled_veteran',
        categoryName: '残疾军人',
        disabilityGrade: 4,
        disabilityNature: '因战',
        certificateNo: '残军0123',
        flags: [{ code: 'combat', name: '参战/参试' }],
      }),
    ]);
    expect(p.periodic).toBe(true);
    // Nothing of the number is stored in plain text.
    const row = await w.ctx.db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(id18.slice(6, 14));
    expect(JSON.stringify(row)).not.toContain('13800138000');
    // Nor in the history or the audit log, which keep masked values only.
    const versions = await w.ctx.db.selectFrom('person_versions').selectAll().where('person_id', '=', id).execute();
    const audit = await w.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'person')
      .where('entity_id', '=', String(id))
      .execute();
    expect(versions).toHaveLength(1);
    expect(audit.map((a) => a.action)).toEqual(['create']);
    for (const text of [JSON.stringify(versions), JSON.stringify(audit)]) {
      expect(text).not.toContain(id18);
      expect(text).not.toContain('13800138000');
      expect(text).toContain('李秀英');
    }
  });

  it('upgrades a 15-digit number to 18 digits', async () => {
    const id = await create(w.office, w.person({ name: '王老兵', idNumber: '310107350101031' }));
    const full = await w.office.post<{ idNumber: string }>(`/api/persons/${id}/reveal`);
    expect(full.body.idNumber).toBe(`31010719350101031${idCheckDigit('31010719350101031')}`);
  });

  it('refuses what is wrong, field by field, saying what to do', async () => {
    const bad = idNumber();
    const res = await w.office.post<{ error: { code: string; details: { path: string; message: string }[] } }>(
      '/api/persons',
      {
        name: '=HYPERLINK("http://x")',
        idNumber: `${bad.slice(0, 17)}${bad[17] === '0' ? '1' : '0'}`,
        sex: 'F',
        phone: '62345678',
        residenceRegionId: w.r.communities[0][0],
        qualifications: [{ category: '残疾军人', disabilityGrade: '二等甲' }, { category: '不存在的类别' }],
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const byPath = Object.fromEntries(res.body.error.details.map((d) => [d.path, d.message]));
    expect(byPath.name).toMatch(/符号/);
    expect(byPath.idNumber).toMatch(/校验位/);
    expect(byPath.phone).toMatch(/区号/);
    expect(byPath['qualifications.0.disabilityGrade']).toMatch(/5–6 级/);
    expect(byPath['qualifications.1.category']).toMatch(/不在类别字典/);
    expect(await w.ctx.db.selectFrom('persons').select('id').where('name', 'like', '%HYPERLINK%').execute()).toEqual(
      [],
    );
  });

  it('cross-checks the stated sex and birth date against the number', async () => {
    const res = await w.office.post<{ error: { details: { path: string; message: string }[] } }>(
      '/api/persons',
      w.person({ idNumber: idNumber('19500305', 'M'), sex: 'F', birthDate: '1950-03-06' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.path).sort()).toEqual(['birthDate', 'sex']);
  });

  it('refuses a second registration of the same number, in any spelling', async () => {
    const number = idNumber('19600101');
    await create(w.office, w.person({ idNumber: number }));
    const again = await w.office.post<{ error: { code: string; message: string } }>(
      '/api/persons',
      w.person({ idNumber: ` ${number.toLowerCase()} ` }),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已登记');
    // A 15-digit number that upgrades to one already registered is the same person.
    const old15 = '310107600101123';
    await create(w.office, w.person({ idNumber: old15 }));
    const upgraded = `31010719600101123${idCheckDigit('31010719600101123')}`;
    expect((await w.office.post('/api/persons', w.person({ idNumber: upgraded }))).status).toBe(409);
  });

  it('keeps rare characters intact and finds them', async () => {
    const a = await create(w.office, w.person({ name: '王𪚥' }));
    const b = await create(w.office, w.person({ name: '𡒄 明' }));
    expect((await w.office.get<PersonDetail>(`/api/persons/${a}`)).body.name).toBe('王𪚥');
    expect((await w.office.get<PersonDetail>(`/api/persons/${b}`)).body.name).toBe('𡒄明');
    const found = await list(w.office, `q=${encodeURIComponent('王𪚥')}`);
    expect(found.body.items.map((i) => i.id)).toEqual([a]);
    expect(found.body.items[0]!.name).toBe('王𪚥');
    const byRare = await list(w.office, `q=${encodeURIComponent('𡒄')}`);
    expect(byRare.body.items.map((i) => i.id)).toEqual([b]);
  });

  it('only lets a street register people it is responsible for', async () => {
    const res = await w.street.post<{ error: { details: { path: string }[] } }>(
      '/api/persons',
      w.person({ residenceRegionId: w.r.communities[1][0], hukouRegionId: w.r.communities[1][0] }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]!.path).toBe('residenceRegionId');
    // Living in its street with 户籍 elsewhere is fine.
    expect((await w.street.post('/api/persons', w.person({ hukouRegionId: w.r.communities[1][0] }))).status).toBe(200);
  });
});

describe('editing, history and the deceased', () => {
  it('versions every change with who, when, before and after', async () => {
    const id = await create(w.office, w.person({ name: '孙建军', phone: '13700001111' }));
    const before = (await w.office.get<PersonDetail>(`/api/persons/${id}`)).body;
    const edit = await w.street.put<{ version: number; changed: boolean }>(`/api/persons/${id}`, {
      name: '孙建君',
      phone: '13700002222',
      residenceRegionId: before.residenceRegionId,
      hukouRegionId: before.hukouRegionId,
      qualifications: [{ id: before.qualifications[0]!.id, category: 'retired_soldier', flags: ['立功受奖'] }],
      version: before.version,
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ version: 2, changed: true });

    const history = await w.leader.get<{ items: PersonVersionItem[] }>(`/api/persons/${id}/history`);
    expect(history.status).toBe(200);
    const [latest, first] = history.body.items;
    expect(first!.action).toBe('create');
    expect(latest!.action).toBe('update');
    expect(latest!.actorName).toMatch(/^测试street/);
    expect(latest!.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', label: '姓名', before: '孙建军', after: '孙建君' },
        { field: 'phone', label: '联系电话', before: '137****1111', after: '137****2222' },
        {
          field: 'qualification.retired_soldier',
          label: '优抚身份：退役士兵',
          before: '已登记',
          after: '立功受奖军人家庭',
        },
      ]),
    );
    expect(latest!.changes).toHaveLength(3);

    // Saving the same again changes nothing and adds no version.
    const same = await w.street.put<{ changed: boolean }>(`/api/persons/${id}`, {
      name: '孙建君',
      phone: '13700002222',
      residenceRegionId: before.residenceRegionId,
      hukouRegionId: before.hukouRegionId,
      qualifications: [{ id: before.qualifications[0]!.id, category: '退役士兵', flags: ['merit_family'] }],
    });
    expect(same.body.changed).toBe(false);
    expect((await w.office.get<{ items: unknown[] }>(`/api/persons/${id}/history`)).body.items).toHaveLength(2);

    // An editor working from the old version is told to reload instead of overwriting.
    const stale = await w.office.put<{ error: { code: string } }>(`/api/persons/${id}`, {
      ...w.person({ name: '孙某' }),
      idNumber: undefined,
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect((await w.office.get<PersonDetail>(`/api/persons/${id}`)).body.name).toBe('孙建君');
  });

  it('marks a person deceased with a date, and can undo a mistaken mark', async () => {
    const id = await create(w.office, w.person({ name: '周德胜' }));
    const future = await w.office.post(`/api/persons/${id}/deceased`, { deathDate: '2999-01-01' });
    expect(future.status).toBe(400);
    expect((await w.office.post(`/api/persons/${id}/deceased`, { deathDate: '2025-06-30' })).status).toBe(200);
    let p = (await w.office.get<PersonDetail>(`/api/persons/${id}`)).body;
    expect(p).toMatchObject({ alive: false, deathDate: '2025-06-30' });
    expect((await list(w.office, 'q=zds')).body.items).toEqual([]);
    expect((await w.office.post(`/api/persons/${id}/deceased`, { deathDate: null })).status).toBe(200);
    p = (await w.office.get<PersonDetail>(`/api/persons/${id}`)).body;
    expect(p).toMatchObject({ alive: true, deathDate: null });
    const history = (await w.office.get<{ items: PersonVersionItem[] }>(`/api/persons/${id}/history`)).body.items;
    expect(history.map((h) => h.action)).toEqual(['alive', 'deceased', 'create']);
    expect(history[1]!.changes[0]).toMatchObject({ label: '状态', before: '在世', after: '已故（2025-06-30）' });
  });
});
