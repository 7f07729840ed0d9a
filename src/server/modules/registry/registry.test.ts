import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type {
  PersonDetail,
  PersonListItem,
  PersonVersionItem,
  QualificationInput,
} from '../../../shared/api/registry.api.ts';
import { idCheckDigit } from '../../../shared/domain/id-number.ts';
import type { Actor } from '../../platform/access.ts';
import * as registry from './registry.service.ts';

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
let office: TestClient;
let street: TestClient;
let community: TestClient;
let leader: TestClient;
let officeActor: Actor;

let seq = 100;
/** A valid 18-digit number (GB 11643) born on `birth`, odd sequence = male. */
function idNumber(birth = '19500305', sex: 'M' | 'F' = 'M', prefix = '310107'): string {
  seq += 2;
  const body = `${prefix}${birth}${String(seq + (sex === 'M' ? 1 : 0)).padStart(3, '0')}`;
  return body + idCheckDigit(body);
}

const veteran: QualificationInput = { category: '退役士兵' };

function person(overrides: Record<string, unknown> = {}) {
  return {
    name: '测试人员',
    idNumber: idNumber(),
    residenceRegionId: r.communities[0][0],
    hukouRegionId: r.communities[0][0],
    qualifications: [veteran],
    ...overrides,
  };
}

async function create(client: TestClient, body: Record<string, unknown>) {
  const res = await client.post<{ id: number; version: number }>('/api/persons', body);
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const list = async (client: TestClient, query: string) =>
  client.get<{ items: PersonListItem[]; total: number }>(`/api/persons?${query}`);

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  await ctx.db.insertInto('settings').values({ key: 'deployment.regionCode', value: '310107' }).execute();
  const u = {
    office: await createUser(ctx, { role: 'office', regionId: r.district }),
    street: await createUser(ctx, { role: 'street', regionId: r.streets[0] }),
    community: await createUser(ctx, { role: 'community', regionId: r.communities[0][0] }),
    leader: await createUser(ctx, { role: 'leader', regionId: r.district }),
  };
  office = await login(app, u.office.username, u.office.password);
  street = await login(app, u.street.username, u.street.password);
  community = await login(app, u.community.username, u.community.password);
  leader = await login(app, u.leader.username, u.leader.password);
  // The office's actor as the server builds it from a session, for the service-level tests.
  officeActor = {
    userId: u.office.id,
    username: u.office.username,
    displayName: `测试${u.office.username}`,
    role: 'office',
    regionId: r.district,
    unitId: null,
    regionIds: (await ctx.db.selectFrom('regions').select('id').execute()).map((x) => x.id),
    ip: null,
    requestId: null,
  };
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('registering a person', () => {
  it('reads the ID number, name, phones and qualification as clerks type them', async () => {
    const id18 = idNumber('19480229', 'F');
    const messy = `${id18.slice(0, 6).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))} ${id18.slice(6).toLowerCase()}`;
    const id = await create(office, {
      name: '李 秀英',
      idNumber: messy,
      phone: '+86 138 0013 8000',
      phone2: '（021）6234 5678',
      residenceRegionId: r.communities[0][1],
      hukouRegionId: r.communities[0][1],
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
    const res = await office.get<PersonDetail>(`/api/persons/${id}`);
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
    const row = await ctx.db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(id18.slice(6, 14));
    expect(JSON.stringify(row)).not.toContain('13800138000');
    // Nor in the history or the audit log, which keep masked values only.
    const versions = await ctx.db.selectFrom('person_versions').selectAll().where('person_id', '=', id).execute();
    const audit = await ctx.db
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
    const id = await create(office, person({ name: '王老兵', idNumber: '310107350101031' }));
    const full = await office.post<{ idNumber: string }>(`/api/persons/${id}/reveal`);
    expect(full.body.idNumber).toBe(`31010719350101031${idCheckDigit('31010719350101031')}`);
  });

  it('refuses what is wrong, field by field, saying what to do', async () => {
    const bad = idNumber();
    const res = await office.post<{ error: { code: string; details: { path: string; message: string }[] } }>(
      '/api/persons',
      {
        name: '=HYPERLINK("http://x")',
        idNumber: `${bad.slice(0, 17)}${bad[17] === '0' ? '1' : '0'}`,
        sex: 'F',
        phone: '62345678',
        residenceRegionId: r.communities[0][0],
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
    expect(await ctx.db.selectFrom('persons').select('id').where('name', 'like', '%HYPERLINK%').execute()).toEqual([]);
  });

  it('cross-checks the stated sex and birth date against the number', async () => {
    const res = await office.post<{ error: { details: { path: string; message: string }[] } }>(
      '/api/persons',
      person({ idNumber: idNumber('19500305', 'M'), sex: 'F', birthDate: '1950-03-06' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.path).sort()).toEqual(['birthDate', 'sex']);
  });

  it('refuses a second registration of the same number, in any spelling', async () => {
    const number = idNumber('19600101');
    await create(office, person({ idNumber: number }));
    const again = await office.post<{ error: { code: string; message: string } }>(
      '/api/persons',
      person({ idNumber: ` ${number.toLowerCase()} ` }),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已登记');
    // A 15-digit number that upgrades to one already registered is the same person.
    const old15 = '310107600101123';
    await create(office, person({ idNumber: old15 }));
    const upgraded = `31010719600101123${idCheckDigit('31010719600101123')}`;
    expect((await office.post('/api/persons', person({ idNumber: upgraded }))).status).toBe(409);
  });

  it('keeps rare characters intact and finds them', async () => {
    const a = await create(office, person({ name: '王𪚥' }));
    const b = await create(office, person({ name: '𡒄 明' }));
    expect((await office.get<PersonDetail>(`/api/persons/${a}`)).body.name).toBe('王𪚥');
    expect((await office.get<PersonDetail>(`/api/persons/${b}`)).body.name).toBe('𡒄明');
    const found = await list(office, `q=${encodeURIComponent('王𪚥')}`);
    expect(found.body.items.map((i) => i.id)).toEqual([a]);
    expect(found.body.items[0]!.name).toBe('王𪚥');
    const byRare = await list(office, `q=${encodeURIComponent('𡒄')}`);
    expect(byRare.body.items.map((i) => i.id)).toEqual([b]);
  });

  it('only lets a street register people it is responsible for', async () => {
    const res = await street.post<{ error: { details: { path: string }[] } }>(
      '/api/persons',
      person({ residenceRegionId: r.communities[1][0], hukouRegionId: r.communities[1][0] }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]!.path).toBe('residenceRegionId');
    // Living in its street with 户籍 elsewhere is fine.
    expect((await street.post('/api/persons', person({ hukouRegionId: r.communities[1][0] }))).status).toBe(200);
  });
});

describe('search', () => {
  let zhang: number;
  let zhangDeceased: number;
  let zhangNumber: string;
  beforeAll(async () => {
    zhangNumber = idNumber('19520817');
    zhang = await create(office, person({ name: '張國強', idNumber: zhangNumber, phone: '13912345678' }));
    zhangDeceased = await create(office, person({ name: '张国华' }));
    await office.post(`/api/persons/${zhangDeceased}/deceased`, { deathDate: '2025-12-01' });
  });

  it('finds a name typed in either script, by initials and by full pinyin', async () => {
    for (const q of ['张国强', '張國強', '张国', 'zgq', 'ZGQ', 'zhangguoqiang', 'zhangguo']) {
      const res = await list(office, `q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(
        res.body.items.map((i) => i.id),
        q,
      ).toContain(zhang);
    }
    expect((await list(office, 'q=zs')).body.items.map((i) => i.id)).not.toContain(zhang);
  });

  it('finds by the last 4 or 6 of the ID number, the full number and the phone', async () => {
    for (const q of [zhangNumber.slice(-4), zhangNumber.slice(-6), zhangNumber, '139 1234 5678', '+8613912345678']) {
      const res = await list(office, `q=${encodeURIComponent(q)}`);
      expect(
        res.body.items.map((i) => i.id),
        q,
      ).toContain(zhang);
    }
    expect((await list(office, 'q=13912345670')).body.items).toEqual([]);
  });

  it('leaves the deceased out of the active list but finds them on request', async () => {
    expect((await list(office, `q=zgh`)).body.items).toEqual([]);
    const deceased = await list(office, `q=zgh&status=deceased`);
    expect(deceased.body.items.map((i) => i.id)).toEqual([zhangDeceased]);
    expect(deceased.body.items[0]!.deathDate).toBe('2025-12-01');
    expect((await list(office, `q=zgh&status=all`)).body.items).toHaveLength(1);
  });

  it('masks numbers in every list, whatever the role', async () => {
    const res = await list(office, `q=zgq`);
    const item = res.body.items.find((i) => i.id === zhang)!;
    expect(item.idNumber).toBe(`310107********${zhangNumber.slice(-4)}`);
    expect(item.phone).toBe('139****5678');
    expect(JSON.stringify(res.body)).not.toContain(zhangNumber.slice(6, 14));
  });

  it('filters by category, street, community, living situation and 本区户籍', async () => {
    const martyr = await create(office, {
      ...person({ name: '赵烈属', residenceRegionId: r.communities[1][1], hukouRegionId: null }),
      hukouAddress: '江苏省南京市玄武区',
      livingSituations: ['獨居', '低保'],
      qualifications: [{ category: '烈属', relation: '母亲', servicemanName: '赵 卫国' }],
    });
    const ids = async (q: string) => (await list(office, q)).body.items.map((i) => i.id);
    expect(await ids('category=martyr_family')).toEqual([martyr]);
    expect(await ids(`category=${encodeURIComponent('烈属')}`)).toEqual([martyr]);
    expect(await ids(`regionId=${r.streets[1]}&q=zls`)).toEqual([martyr]);
    expect(await ids(`regionId=${r.communities[1][1]}`)).toEqual([martyr]);
    expect(await ids(`regionId=${r.communities[1][0]}&q=zls`)).toEqual([]);
    expect(await ids(`livingSituation=${encodeURIComponent('独居')}`)).toEqual([martyr]);
    expect(await ids(`hukouLocal=no&q=zls`)).toEqual([martyr]);
    expect(await ids(`hukouLocal=yes&q=zls`)).toEqual([]);
    expect(await ids(`regionId=${r.communities[1][1]}&regionBasis=hukou`)).toEqual([]);
    const detail = (await office.get<PersonDetail>(`/api/persons/${martyr}`)).body;
    expect(detail.hukouLocal).toBe(false);
    expect(detail.qualifications[0]).toMatchObject({ relation: '父母', servicemanName: '赵卫国' });
    expect(detail.livingSituations).toEqual(['独居', '低保']);
    expect(detail.assessments).toHaveLength(1);
  });

  it('pages through results with a total', async () => {
    for (let i = 0; i < 5; i++) await create(office, person({ name: `钱多${'一二三四五'[i]}` }));
    const first = await list(office, 'q=qd&pageSize=2&page=1');
    const third = await list(office, 'q=qd&pageSize=2&page=3');
    expect(first.body.total).toBe(5);
    expect(first.body.items).toHaveLength(2);
    expect(third.body.items).toHaveLength(1);
    const all = new Set([...first.body.items, ...third.body.items].map((i) => i.id));
    expect(all.size).toBe(3);
  });

  it('says what it understands when a query is not one of them', async () => {
    const res = await list(office, `q=${encodeURIComponent('12-ab')}`);
    expect(res.status).toBe(400);
    expect((res.body as unknown as { error: { message: string } }).error.message).toContain('拼音');
  });
});

describe('editing, history and the deceased', () => {
  it('versions every change with who, when, before and after', async () => {
    const id = await create(office, person({ name: '孙建军', phone: '13700001111' }));
    const before = (await office.get<PersonDetail>(`/api/persons/${id}`)).body;
    const edit = await street.put<{ version: number; changed: boolean }>(`/api/persons/${id}`, {
      name: '孙建君',
      phone: '13700002222',
      residenceRegionId: before.residenceRegionId,
      hukouRegionId: before.hukouRegionId,
      qualifications: [{ id: before.qualifications[0]!.id, category: 'retired_soldier', flags: ['立功受奖'] }],
      version: before.version,
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ version: 2, changed: true });

    const history = await leader.get<{ items: PersonVersionItem[] }>(`/api/persons/${id}/history`);
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
    const same = await street.put<{ changed: boolean }>(`/api/persons/${id}`, {
      name: '孙建君',
      phone: '13700002222',
      residenceRegionId: before.residenceRegionId,
      hukouRegionId: before.hukouRegionId,
      qualifications: [{ id: before.qualifications[0]!.id, category: '退役士兵', flags: ['merit_family'] }],
    });
    expect(same.body.changed).toBe(false);
    expect((await office.get<{ items: unknown[] }>(`/api/persons/${id}/history`)).body.items).toHaveLength(2);

    // An editor working from the old version is told to reload instead of overwriting.
    const stale = await office.put<{ error: { code: string } }>(`/api/persons/${id}`, {
      ...person({ name: '孙某' }),
      idNumber: undefined,
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect((await office.get<PersonDetail>(`/api/persons/${id}`)).body.name).toBe('孙建君');
  });

  it('marks a person deceased with a date, and can undo a mistaken mark', async () => {
    const id = await create(office, person({ name: '周德胜' }));
    const future = await office.post(`/api/persons/${id}/deceased`, { deathDate: '2999-01-01' });
    expect(future.status).toBe(400);
    expect((await office.post(`/api/persons/${id}/deceased`, { deathDate: '2025-06-30' })).status).toBe(200);
    let p = (await office.get<PersonDetail>(`/api/persons/${id}`)).body;
    expect(p).toMatchObject({ alive: false, deathDate: '2025-06-30' });
    expect((await list(office, 'q=zds')).body.items).toEqual([]);
    expect((await office.post(`/api/persons/${id}/deceased`, { deathDate: null })).status).toBe(200);
    p = (await office.get<PersonDetail>(`/api/persons/${id}`)).body;
    expect(p).toMatchObject({ alive: true, deathDate: null });
    const history = (await office.get<{ items: PersonVersionItem[] }>(`/api/persons/${id}/history`)).body.items;
    expect(history.map((h) => h.action)).toEqual(['alive', 'deceased', 'create']);
    expect(history[1]!.changes[0]).toMatchObject({ label: '状态', before: '在世', after: '已故（2025-06-30）' });
  });
});

describe('masking and revealing', () => {
  let id: number;
  let number: string;
  beforeAll(async () => {
    number = idNumber('19450815');
    id = await create(office, person({ name: '吴守国', idNumber: number, phone: '13812345678' }));
  });

  it('reveals the full number to a cleared role, and records that it did', async () => {
    const res = await street.post<{ idNumber: string }>(`/api/persons/${id}/reveal`);
    expect(res.status).toBe(200);
    expect(res.body.idNumber).toBe(number);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'view.idNumber')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_type).toBe('person');
    expect(audit[0]!.actor_name).toMatch(/^测试street/);
    expect(JSON.stringify(audit[0])).not.toContain(number);
  });

  it('refuses roles not cleared for full numbers, and writes nothing', async () => {
    const before = await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'view.idNumber').execute();
    expect((await community.post(`/api/persons/${id}/reveal`)).status).toBe(403);
    expect((await leader.post(`/api/persons/${id}/reveal`)).status).toBe(403);
    const after = await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'view.idNumber').execute();
    expect(after.length).toBe(before.length);
  });

  it('shows phones in full to those who call people, masked to leaders', async () => {
    const byLeader = (await leader.get<PersonDetail>(`/api/persons/${id}`)).body;
    expect(byLeader.phone).toBe('138****5678');
    expect(byLeader.phonesMasked).toBe(true);
    expect(byLeader.permissions).toEqual({ edit: false, revealIdNumber: false });
    expect(JSON.stringify(byLeader)).not.toContain('13812345678');
    const byCommunity = (await community.get<PersonDetail>(`/api/persons/${id}`)).body;
    expect(byCommunity.phone).toBe('13812345678');
    expect(byCommunity.idNumber).toBe(`310107********${number.slice(-4)}`);
    expect(byCommunity.permissions).toEqual({ edit: true, revealIdNumber: false });
  });
});

describe('living situation and annual confirmation', () => {
  it('keeps assessments over time; the newest is the current situation', async () => {
    const id = await create(office, person({ name: '郑桂兰', idNumber: idNumber('19360101', 'F') }));
    const add = (assessedOn: string, situations: string[], needs?: string) =>
      community.post(`/api/persons/${id}/assessments`, { assessedOn, situations, needs: needs ?? null });
    expect((await add('2025-03-01', ['空巢'])).status).toBe(200);
    expect((await add('2026-01-10', ['独居', '失能'], '需要助餐')).status).toBe(200);
    // Entered late, an older assessment goes into the archive without replacing the newer one.
    expect((await add('2024-05-01', ['低保'])).status).toBe(200);
    const bad = await add('2026-01-10', ['富裕']);
    expect(bad.status).toBe(400);
    const p = (await community.get<PersonDetail>(`/api/persons/${id}`)).body;
    expect(p.livingSituations).toEqual(['独居', '失能']);
    expect(p.assessments.map((a) => a.assessedOn)).toEqual(['2026-01-10', '2025-03-01', '2024-05-01']);
    expect(p.assessments[0]).toMatchObject({ needs: '需要助餐', source: '人工评估' });
    const history = (await community.get<{ items: PersonVersionItem[] }>(`/api/persons/${id}/history`)).body.items;
    expect(history.filter((h) => h.action === 'assessment')).toHaveLength(3);
    expect(history[1]!.changes.find((c) => c.field === 'livingSituations')).toEqual({
      field: 'livingSituations',
      label: '生活状况',
      before: '空巢',
      after: '独居、失能',
    });
  });

  it('lists who still needs the year’s confirmation and records it', async () => {
    const year = Number(new Date().toISOString().slice(0, 4)) - 1;
    const disabled = await create(office, {
      ...person({ name: '冯残军' }),
      qualifications: [{ category: '残疾军人', disabilityGrade: 6, disabilityNature: '因公' }],
    });
    const plain = await create(office, person({ name: '冯普通' }));
    const pending = await office.get<{
      items: { person: { id: number }; confirmation: unknown }[];
      counts: { total: number; done: number };
    }>(`/api/registry/confirmations?year=${year}&q=fcj`);
    expect(pending.body.items.map((i) => i.person.id)).toEqual([disabled]);
    expect(pending.body.counts).toEqual({ total: 1, done: 0 });

    const confirm = await community.post<{ result: string; confirmedByName: string }>(
      `/api/persons/${disabled}/confirmations`,
      { year, result: 'confirmed', method: '上门', confirmedOn: `${year}-12-20`, notes: null },
    );
    expect(confirm.status).toBe(200);
    expect(confirm.body.confirmedByName).toMatch(/^测试community/);
    const after = await office.get<{ items: unknown[]; counts: { total: number; done: number } }>(
      `/api/registry/confirmations?year=${year}&q=fcj`,
    );
    expect(after.body.items).toEqual([]);
    expect(after.body.counts).toEqual({ total: 1, done: 1 });
    const done = await office.get<{ items: { confirmation: { result: string; method: string } }[] }>(
      `/api/registry/confirmations?year=${year}&q=fcj&status=done`,
    );
    expect(done.body.items[0]!.confirmation).toMatchObject({ result: 'confirmed', method: '上门' });

    const notPeriodic = await office.post<{ error: { code: string; message: string } }>(
      `/api/persons/${plain}/confirmations`,
      { year, result: 'confirmed', confirmedOn: `${year}-12-20` },
    );
    expect(notPeriodic.status).toBe(409);
    expect(notPeriodic.body.error.message).toContain('无需年度确认');

    await office.post(`/api/persons/${disabled}/deceased`, { deathDate: `${year}-12-25` });
    const deceased = await office.post(`/api/persons/${disabled}/confirmations`, {
      year: year + 1,
      result: 'confirmed',
      confirmedOn: `${year + 1}-01-02`,
    });
    expect(deceased.status).toBe(409);
    const history = (await office.get<{ items: PersonVersionItem[] }>(`/api/persons/${disabled}/history`)).body.items;
    expect(history.find((h) => h.action === 'confirmation')!.changes[0]).toMatchObject({
      label: `${year} 年度确认`,
      before: '未确认',
    });
  });
});

describe('households', () => {
  it('groups people with their place in the household', async () => {
    const created = await community.post<{ id: number }>('/api/households', {
      name: '陈明户',
      regionId: r.communities[0][0],
      address: '梅岭北路 100 弄 1 号',
    });
    expect(created.status).toBe(200);
    const hid = created.body.id;
    const wife = await create(community, person({ name: '林芳', idNumber: idNumber('19550101', 'F') }));
    const head = await create(community, person({ name: '陈明' }));
    const edit = async (id: number, name: string, role: string) => {
      const p = (await community.get<PersonDetail>(`/api/persons/${id}`)).body;
      return community.put(`/api/persons/${id}`, {
        name,
        residenceRegionId: p.residenceRegionId,
        hukouRegionId: p.hukouRegionId,
        householdId: hid,
        householdRole: role,
        qualifications: p.qualifications.map((q) => ({ id: q.id, category: q.categoryCode })),
      });
    };
    expect((await edit(wife, '林芳', '配偶')).status).toBe(200);
    expect((await edit(head, '陈明', '户主')).status).toBe(200);
    const h = await community.get<{ memberCount: number; members: { id: number; role: string }[] }>(
      `/api/households/${hid}`,
    );
    expect(h.body.memberCount).toBe(2);
    expect(h.body.members.map((m) => [m.id, m.role])).toEqual([
      [head, '户主'],
      [wife, '配偶'],
    ]);
    const p = (await community.get<PersonDetail>(`/api/persons/${wife}`)).body;
    expect(p.household).toMatchObject({ id: hid, name: '陈明户' });
    expect(p.householdRole).toBe('配偶');
    const found = await community.get<{ items: { id: number }[] }>(`/api/households?q=${encodeURIComponent('陈明')}`);
    expect(found.body.items.map((i) => i.id)).toEqual([hid]);
    // A household elsewhere cannot be joined.
    const other = await office.post<{ id: number }>('/api/households', {
      name: '外街户',
      regionId: r.communities[1][0],
    });
    const join = await community.put<{ error: { details: { path: string }[] } }>(`/api/persons/${wife}`, {
      name: '林芳',
      residenceRegionId: p.residenceRegionId,
      hukouRegionId: p.hukouRegionId,
      householdId: other.body.id,
      qualifications: p.qualifications.map((q) => ({ id: q.id, category: q.categoryCode })),
    });
    expect(join.status).toBe(400);
    expect(join.body.error.details[0]!.path).toBe('householdId');
  });
});

describe('the service used by import and export', () => {
  it('writes nothing when the caller’s transaction fails part-way', async () => {
    const number = idNumber('19700101');
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await registry.savePersonInTransaction(trx, ctx, officeActor, person({ name: '导入甲', idNumber: number }), {
          source: '导入：测试.xlsx',
        });
        throw new Error('row 2 failed');
      }),
    ).rejects.toThrow('row 2 failed');
    expect(await registry.findPersonIdByIdNumber(ctx.db, ctx, officeActor, number)).toBeNull();
  });

  it('merges a row into the person with that number, previews it, and notes the source', async () => {
    const number = idNumber('19710101');
    const id = await create(office, person({ name: '导入乙', idNumber: number }));
    const input = {
      ...(await registry.getPersonInput(ctx.db, ctx, officeActor, id)),
      idNumber: number,
      phone: '13600001111',
    };
    const preview = await ctx.db
      .transaction()
      .execute((trx) =>
        registry.savePersonInTransaction(trx, ctx, officeActor, input, { upsertByIdNumber: true, dryRun: true }),
      );
    expect(preview).toMatchObject({ id, changed: true, created: false });
    expect(preview.changes).toEqual([{ field: 'phone', label: '联系电话', before: null, after: '136****1111' }]);
    expect((await office.get<PersonDetail>(`/api/persons/${id}`)).body.phone).toBeNull();

    const saved = await ctx.db.transaction().execute((trx) =>
      registry.savePersonInTransaction(trx, ctx, officeActor, input, {
        upsertByIdNumber: true,
        source: '导入：2026年名册.xlsx',
      }),
    );
    expect(saved).toMatchObject({ id, version: 2, created: false });
    const history = (await office.get<{ items: PersonVersionItem[] }>(`/api/persons/${id}/history`)).body.items;
    expect(history[0]!.source).toBe('导入：2026年名册.xlsx');
    expect(
      await registry.checkPersonInput(ctx.db, ctx, officeActor, { ...input, idNumber: '123' }, { personId: id }),
    ).toEqual([expect.objectContaining({ path: 'idNumber' })]);
  });

  it('keeps a qualification (and what refers to it) when an import row names its category again', async () => {
    const number = idNumber('19720101');
    const id = await create(office, person({ name: '导入丙', idNumber: number }));
    const before = (await office.get<PersonDetail>(`/api/persons/${id}`)).body.qualifications[0]!;
    await ctx.db
      .transaction()
      .execute((trx) =>
        registry.savePersonInTransaction(
          trx,
          ctx,
          officeActor,
          person({ name: '导入丙', idNumber: number, qualifications: [{ category: '复退军人', flags: ['参战'] }] }),
          { upsertByIdNumber: true, source: '导入：测试.xlsx' },
        ),
      );
    const after = (await office.get<PersonDetail>(`/api/persons/${id}`)).body.qualifications;
    expect(after).toEqual([expect.objectContaining({ id: before.id, categoryCode: 'retired_soldier' })]);
    expect(after[0]!.flags.map((f) => f.code)).toEqual(['combat']);
  });

  it('streams the scoped, masked list in batches for export', async () => {
    const streetActor: Actor = {
      ...officeActor,
      role: 'street',
      regionId: r.streets[1],
      regionIds: [r.streets[1], ...r.communities[1]],
    };
    const seen: PersonListItem[] = [];
    let batches = 0;
    for await (const batch of registry.streamPersons(ctx, streetActor, { regionBasis: 'any', status: 'all' }, 1)) {
      batches++;
      seen.push(...batch);
    }
    const expected = await list(office, `regionId=${r.streets[1]}&status=all&pageSize=200`);
    expect(seen.map((s) => s.id).sort()).toEqual(expected.body.items.map((i) => i.id).sort());
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(batches).toBe(seen.length);
    expect(seen.every((s) => /^\d{6}\*{8}[\dX]{4}$/.test(s.idNumber))).toBe(true);
  });
});
