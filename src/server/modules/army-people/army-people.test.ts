import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActivityCalendar,
  ActivityDetail,
  ActivitySummary,
  HonoreeItem,
  PairingDetail,
  SupporterDetail,
} from '../../../shared/api/army-people.api.ts';
import type { ProgrammeSummary, RequestDetail } from '../../../shared/api/troops.api.ts';
import { addDays, localDateOf } from '../../../shared/domain/troops/local-date.ts';
import { type ExcelTypes, excelJs } from '../../platform/exceljs.ts';
import {
  aliases,
  buildWorld,
  designations,
  pdfBytes,
  pngBytes,
  type UserKey,
  uploadAs,
  type World,
} from '../troops/troops.fixture.ts';

let w: World;
let programmes: Map<string, number>;
const today = () => localDateOf(new Date().toISOString());
const client = (key: UserKey) => w.users[key].client;

beforeAll(async () => {
  w = await buildWorld();
  const res = await client('office').get<{ items: { id: number; name: string }[] }>('/api/troops/programmes');
  programmes = new Map(res.body.items.map((p) => [p.name, p.id]));
});
afterAll(async () => {
  await w.close();
});

describe('pairings (结对)', () => {
  it('flags pairs overdue for a contact until one is logged', async () => {
    const started = addDays(today(), -40);
    const created = await client('troop').post<PairingDetail>('/api/army-people/pairings', {
      regionId: w.r.communities[0][0],
      beneficiaryKind: 'person',
      beneficiaryName: '孙奶奶',
      categoryCode: 'lonely_elderly',
      programmeIds: [programmes.get('军徽映夕阳')],
      cadenceDays: 30,
      startedOn: started,
      phone: '13912345678',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({
      militaryUnit: { id: w.units.m1, designation: designations.m1 },
      categoryName: '孤老',
      nextDueOn: addDays(started, 30),
      overdue: true,
      daysOverdue: 10,
      canEdit: true,
    });

    const overdue = await client('office').get<{ items: { id: number }[] }>('/api/army-people/pairings?overdue=true');
    expect(overdue.body.items.map((p) => p.id)).toContain(created.body.id);

    const logged = await client('troop').post<PairingDetail>(`/api/army-people/pairings/${created.body.id}/contacts`, {
      contactedOn: today(),
      kindCode: 'visit',
      summary: '上门看望，送去米面油，帮助打扫卫生',
      participants: 3,
      spendCents: 25_000,
    });
    expect(logged.status).toBe(200);
    expect(logged.body).toMatchObject({
      lastContactOn: today(),
      nextDueOn: addDays(today(), 30),
      overdue: false,
      contactCount: 1,
      spendCents: 25_000,
    });
    expect(logged.body.contacts[0]).toMatchObject({ kindName: '走访看望', participants: 3 });
    const after = await client('office').get<{ items: { id: number }[] }>('/api/army-people/pairings?overdue=true');
    expect(after.body.items.map((p) => p.id)).not.toContain(created.body.id);

    // A contact in the future, or before the pairing began, is refused.
    const future = await client('troop').post(`/api/army-people/pairings/${created.body.id}/contacts`, {
      contactedOn: addDays(today(), 2),
      kindCode: 'visit',
    });
    expect(future.status).toBe(400);

    // Deleting the only contact brings the overdue flag back.
    const removed = await client('troop').delete<PairingDetail>(
      `/api/army-people/pairings/${created.body.id}/contacts/${logged.body.contacts[0]!.id}`,
    );
    expect(removed.body.overdue).toBe(true);

    // Street staff of the place see it with a masked phone and the alias; others do not see it at all.
    const street = await client('street').get<PairingDetail>(`/api/army-people/pairings/${created.body.id}`);
    expect(street.status).toBe(200);
    expect(street.body.phone).toBe('139****5678');
    expect(street.body.militaryUnit).toEqual({ id: w.units.m1, name: aliases.m1, designation: null });
    expect(street.body.canEdit).toBe(false);
    for (const key of ['street2', 'troop2', 'department', 'officeOut'] as const) {
      expect((await client(key).get(`/api/army-people/pairings/${created.body.id}`)).status, key).toBe(404);
    }
    expect((await client('community').get(`/api/army-people/pairings/${created.body.id}`)).status).toBe(403);
    // Street staff read pairings; the unit and the office keep them.
    expect(
      (
        await client('street').post(`/api/army-people/pairings/${created.body.id}/contacts`, {
          contactedOn: today(),
          kindCode: 'visit',
        })
      ).status,
    ).toBe(403);
    // A troop liaison cannot pair another unit.
    const other = await client('troop').post('/api/army-people/pairings', {
      militaryUnitId: w.units.m2,
      regionId: w.r.communities[0][0],
      beneficiaryName: '某某',
      categoryCode: 'dibao',
      cadenceDays: 30,
      startedOn: today(),
    });
    expect(other.status).toBe(404);
  });
});

describe('activities', () => {
  let officeActivity: ActivityDetail;

  it('records activities with organisers, spend and photos, on a calendar', async () => {
    const res = await client('office').post<ActivityDetail>('/api/army-people/activities', {
      typeCode: 'gala',
      title: '=HYPERLINK("http://x","新春军民联欢会")',
      heldOn: today(),
      place: '甲街道文化中心',
      regionId: w.r.streets[0],
      organiserUnitIds: [w.units.m1, w.units.deptA, w.units.street1Office],
      participantCount: 120,
      participants: `${designations.m1}官兵40人，社区居民80人`,
      spendCents: 350_000,
      summary: `${designations.m1}与甲街道联合举办新春联欢会，节目12个，节俭办会。`,
      programmeIds: [programmes.get('聚焦一线、聚力解难')],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    officeActivity = res.body;
    expect(officeActivity.organisers.map((o) => o.id)).toEqual([w.units.deptA, w.units.m1, w.units.street1Office]);

    const troopActivity = await client('troop').post<ActivityDetail>('/api/army-people/activities', {
      typeCode: 'clinic',
      title: '义务巡诊进社区',
      heldOn: addDays(today(), -1),
      endOn: today(),
      place: '甲一社区',
      regionId: w.r.communities[0][0],
      participantCount: 15,
      spendCents: 80_050,
      summary: '为老人测血压、发药品',
    });
    expect(troopActivity.status, JSON.stringify(troopActivity.body)).toBe(200);
    // A troop liaison's own unit is always an organiser.
    expect(troopActivity.body.organisers.map((o) => o.id)).toEqual([w.units.m1]);

    const photo = await uploadAs(w, 'troop', `/api/army-people/activities/${troopActivity.body.id}/photos`, pngBytes, {
      name: '巡诊现场.png',
    });
    expect(photo.status).toBe(200);
    const notPhoto = await uploadAs(
      w,
      'troop',
      `/api/army-people/activities/${troopActivity.body.id}/photos`,
      pdfBytes,
    );
    expect(notPhoto.status).toBe(415);
    const streetPhoto = await client('street').get(
      `/api/army-people/activities/${troopActivity.body.id}/photos/${photo.body.id}`,
    );
    expect(streetPhoto.status).toBe(200);
    expect(streetPhoto.headers['content-type']).toBe('image/png');
    expect(
      (await client('troop2').get(`/api/army-people/activities/${troopActivity.body.id}/photos/${photo.body.id}`))
        .status,
    ).toBe(404);

    const month = today().slice(0, 7);
    const calendar = await client('street').get<ActivityCalendar>(
      `/api/army-people/activities/calendar?month=${month}`,
    );
    expect(calendar.status).toBe(200);
    const day = calendar.body.days.find((d) => d.date === today());
    expect(day?.items.map((i) => i.id).sort()).toEqual([officeActivity.id, troopActivity.body.id].sort());

    const summary = await client('office').get<ActivitySummary>('/api/army-people/activities/summary');
    expect(summary.body).toMatchObject({
      count: 2,
      participants: 135,
      spendCents: 430_050,
      averageSpendCents: 215_025,
    });
    expect(summary.body.byType.map((t) => [t.name, t.spendCents])).toEqual([
      ['联欢联谊', 350_000],
      ['义务巡诊', 80_050],
    ]);
    // The department organised one of them: it sees that one only, and no 番号.
    const forDept = await client('department').get<{ items: { id: number }[] }>('/api/army-people/activities');
    expect(forDept.body.items.map((i) => i.id)).toEqual([officeActivity.id]);
    expect(JSON.stringify(forDept.body)).not.toContain('9100');
    const edit = await client('department').put(`/api/army-people/activities/${officeActivity.id}`, {
      typeCode: 'gala',
      title: '改名',
      heldOn: today(),
      organiserUnitIds: [w.units.deptA],
    });
    expect(edit.status).toBe(403);
  });

  it('exports to xlsx with aliases for roles not cleared, and the 番号 for cleared ones', async () => {
    const read = async (key: UserKey) => {
      const res = await client(key).get(`/api/army-people/activities/export?from=${addDays(today(), -7)}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new (excelJs().Workbook)();
      await workbook.xlsx.load(res.raw.rawPayload as unknown as ExcelTypes.Buffer);
      const sheet = workbook.worksheets[0]!;
      const rows: string[][] = [];
      sheet.eachRow((row) => {
        rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
      });
      return rows;
    };
    const street = await read('street');
    expect(street[1]!.slice(0, 6)).toEqual(['序号', '开始日期', '结束日期', '活动类型', '活动名称', '组织单位']);
    const gala = street.find((r) => r[3] === '联欢联谊')!;
    expect(gala[5]).toBe(`区教育局、${aliases.m1}、甲街道办事处`);
    expect(gala[12]).toBe(`${aliases.m1}与甲街道联合举办新春联欢会，节目12个，节俭办会。`);
    expect(gala[10]).toBe('3500');
    // A title that looks like a formula stays text.
    expect(gala[4]).toBe(`'=HYPERLINK("http://x","新春军民联欢会")`);
    expect(JSON.stringify(street)).not.toContain('9100');
    // The totals row and the watermark.
    expect(street.find((r) => r[0] === '合计')?.[10]).toBe('4300.5');
    expect(street.at(-1)?.[0]).toMatch(/^导出人：测试street\d+　导出时间：/);

    const office = await read('office');
    expect(office.find((r) => r[3] === '联欢联谊')![5]).toBe(`区教育局、${designations.m1}、甲街道办事处`);
    const troop2 = await read('troop2');
    expect(troop2.filter((r) => /^\d+$/.test(r[0] ?? ''))).toEqual([]);

    const audit = await w.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('action', '=', 'export')
      .execute();
    expect(audit.filter((a) => a.entity_type === 'activity')).toHaveLength(3);
    expect((await client('community').get('/api/army-people/activities/export')).status).toBe(403);
  });
});

describe('social forces and models', () => {
  it('links supporters to the requests they help solve, both ways', async () => {
    const supporter = await client('office').post<SupporterDetail>('/api/army-people/supporters', {
      kind: 'enterprise',
      name: '长寿路某连锁超市',
      contactName: '周经理',
      contactPhone: '021-62345678',
      pledge: '现役军人及家属凭证购物九折',
      benefit: '九折',
    });
    expect(supporter.status, JSON.stringify(supporter.body)).toBe(200);
    const request = await client('troop').post<RequestDetail>('/api/troops/requests', {
      kindCode: 'family_employment',
      subject: 'family',
      familyName: '钱某',
      title: '随军家属求职',
      content: '家属有超市管理经验，希望就近就业。',
    });
    const linked = await client('office').post<RequestDetail>(`/api/troops/requests/${request.body.id}/supporters`, {
      supporterId: supporter.body.id,
      note: '提供收银岗位',
    });
    expect(linked.status).toBe(200);
    expect(linked.body.supporters).toEqual([
      { id: supporter.body.id, name: '长寿路某连锁超市', kind: 'enterprise', note: '提供收银岗位' },
    ]);
    const detail = await client('office').get<SupporterDetail>(`/api/army-people/supporters/${supporter.body.id}`);
    expect(detail.body.requests.map((r) => r.id)).toEqual([request.body.id]);
    expect(detail.body.contactPhone).toBe('021-62345678');
    // The liaison sees the pledge, not the contacts; another unit's liaison sees it without the request.
    const forTroop = await client('troop').get<SupporterDetail>(`/api/army-people/supporters/${supporter.body.id}`);
    expect(forTroop.body).toMatchObject({ contactName: null, contactPhone: null, requests: [{ id: request.body.id }] });
    const forTroop2 = await client('troop2').get<SupporterDetail>(`/api/army-people/supporters/${supporter.body.id}`);
    expect(forTroop2.body.requests).toEqual([]);
    expect((await client('officeOut').get(`/api/army-people/supporters/${supporter.body.id}`)).status).toBe(404);
    expect(
      (await client('troop').post('/api/army-people/supporters', { kind: 'enterprise', name: 'x', pledge: 'y' }))
        .status,
    ).toBe(403);
  });

  it('keeps a register of models, naming military units by alias for those not cleared', async () => {
    const created = await client('office').post<HonoreeItem>('/api/army-people/honorees', {
      kind: 'unit',
      name: `${designations.m1}`,
      unitId: w.units.m1,
      honour: '全国双拥模范单位',
      level: 'national',
      year: 2024,
      story: `${designations.m1}常年结对帮扶辖区孤老。`,
      published: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const seen = async (key: UserKey) =>
      (await client(key).get<HonoreeItem>(`/api/army-people/honorees/${created.body.id}`)).body;
    expect((await seen('troop')).name).toBe(designations.m1);
    expect((await seen('leader')).unit?.designation).toBe(designations.m1);
    for (const key of ['troop2', 'street', 'department'] as const) {
      const h = await seen(key);
      expect(h.name, key).toBe(aliases.m1);
      expect(JSON.stringify(h), key).not.toContain('9100');
    }
    expect((await client('community').get(`/api/army-people/honorees/${created.body.id}`)).status).toBe(403);
    expect((await client('auditor').get('/api/army-people/honorees')).status).toBe(403);
  });
});

describe('programmes', () => {
  it('sums a programme’s requests, pairings and activities with their spend, within scope', async () => {
    const id = programmes.get('聚焦一线、聚力解难')!;
    await client('troop').post('/api/troops/requests', {
      kindCode: 'training_support',
      title: '高原驻训物资保障',
      content: '驻训期间需协调地方保障蔬菜供应。',
      programmeIds: [id],
    });
    const summary = await client('office').get<ProgrammeSummary>(`/api/troops/programmes/${id}/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body.requests.total).toBe(1);
    expect(summary.body.requests.byStatus.pending).toBe(1);
    expect(summary.body.activities).toEqual({ count: 1, participants: 120, spendCents: 350_000 });
    expect(summary.body.spendCents).toBe(350_000);
    // Another district's office counts nothing of this district.
    const out = await client('officeOut').get<ProgrammeSummary>(`/api/troops/programmes/${id}/summary`);
    expect(out.body.requests.total).toBe(0);
    expect(out.body.activities.count).toBe(0);
    expect((await client('auditor').get(`/api/troops/programmes/${id}/summary`)).status).toBe(403);
  });
});
