import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/helpers/pdf.ts';
import type { TestClient } from '../../../../test/helpers/test-app.ts';
import type {
  DashboardResponse,
  DrillDown,
  NoticeTaskList,
  ReportResponse,
  ReportTable,
} from '../../../shared/api/reports.api.ts';
import { plaqueReasonOf } from '../../../shared/domain/honours/honours.ts';
import { excelJs } from '../../platform/exceljs.ts';
import { signaturePng } from '../campaigns/campaigns.fixture.ts';
import { buildWorld, type World } from './reports.fixture.ts';

let w: World;
const now = new Date().toISOString();
const todayChina = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const year = Number(todayChina.slice(0, 4));

interface Req {
  department: number | null;
  status: 'pending' | 'in_progress' | 'resolved' | 'rated';
  created: string;
  due: string | null;
  days: number | null;
  rating: number | null;
}
// Requests raised this year (and one last year, which the report of this year must leave out).
const requests: Req[] = [
  { department: 1, status: 'rated', created: `${year}-01-05T02:00:00.000Z`, due: `${year}-01-20`, days: 4, rating: 5 },
  {
    department: 1,
    status: 'resolved',
    created: `${year}-02-10T02:00:00.000Z`,
    due: `${year}-03-01`,
    days: 7,
    rating: null,
  },
  {
    department: 1,
    status: 'in_progress',
    created: `${year}-03-01T02:00:00.000Z`,
    due: `${year}-03-15`,
    days: null,
    rating: null,
  },
  { department: 2, status: 'rated', created: `${year}-04-01T02:00:00.000Z`, due: null, days: 2, rating: 3 },
  {
    department: 2,
    status: 'pending',
    created: `${year}-05-01T02:00:00.000Z`,
    due: '2999-01-01',
    days: null,
    rating: null,
  },
  { department: null, status: 'pending', created: `${year}-06-01T02:00:00.000Z`, due: null, days: null, rating: null },
  { department: 1, status: 'rated', created: `${year - 1}-06-01T02:00:00.000Z`, due: null, days: 1, rating: 1 },
];
const activities = [
  { type: 'performance', on: `${year}-01-15`, people: 30, spend: 120_000 },
  { type: 'performance', on: `${year}-01-28`, people: 20, spend: 80_000 },
  { type: 'clinic', on: `${year}-03-03`, people: 12, spend: 0 },
  { type: 'clinic', on: `${year - 1}-03-03`, people: 9, spend: 5_000 },
];
// Assignments: deadline, reported (instant) or null.
const tasks = [
  { unit: 'deptA', deadline: `${year}-02-01`, reported: `${year}-02-01T15:00:00.000Z` }, // on time (23:00 Beijing)
  { unit: 'deptA', deadline: `${year}-02-01`, reported: `${year}-02-01T16:30:00.000Z` }, // late (next day Beijing)
  { unit: 'deptA', deadline: `${year}-03-01`, reported: null }, // overdue
  { unit: 'deptB', deadline: `${year}-12-31`, reported: null }, // open (unless today is the 31st)
  { unit: 's1Office', deadline: `${year}-04-01`, reported: `${year}-03-30T01:00:00.000Z` },
] as const;

beforeAll(async () => {
  w = await buildWorld();
  const { ctx, units } = w;
  const dept = (d: number | null) => (d === 1 ? units.deptA : d === 2 ? units.deptB : null);
  for (const [i, r] of requests.entries()) {
    const assigned = r.department === null ? null : r.created;
    const resolved = r.days === null ? null : new Date(Date.parse(r.created) + r.days * 86_400_000).toISOString();
    await ctx.db
      .insertInto('troop_requests')
      .values({
        subject: 'unit',
        military_unit_id: units.m1,
        region_id: w.r.district,
        kind_code: 'other',
        title: `诉求${i}`,
        content: '内容',
        family_name: null,
        family_relation: null,
        family_phone_enc: null,
        person_id: null,
        source: 'office',
        visit_id: null,
        status: r.status,
        department_id: dept(r.department),
        due_date: r.due,
        assigned_at: assigned,
        resolved_at: resolved,
        rated_at: r.rating === null ? null : resolved,
        rating: r.rating,
        rating_comment: null,
        overdue_notified_for: null,
        raised_by: null,
        raised_by_name: null,
        version: 1,
        created_at: r.created,
        updated_at: r.created,
      })
      .execute();
  }
  for (const [i, a] of activities.entries()) {
    await ctx.db
      .insertInto('activities')
      .values({
        type_code: a.type,
        title: `活动${i}`,
        held_on: a.on,
        end_on: null,
        place: null,
        region_id: w.r.district,
        participant_count: a.people,
        participants: null,
        spend_cents: a.spend,
        summary: null,
        created_by: null,
        created_by_name: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  const notice = await ctx.db
    .insertInto('notices')
    .values({
      region_id: w.r.district,
      status: 'published',
      doc_number: null,
      title: '测试通知',
      issuers_json: '[]',
      date: null,
      recipients_json: '[]',
      cc_json: '[]',
      body: '',
      requirements_json: '[]',
      attachments_json: '[]',
      inner_json: null,
      search_text: '测试通知',
      source_name: null,
      source_text: null,
      source_warnings_json: '[]',
      version: 1,
      created_by: null,
      created_by_name: null,
      created_at: now,
      updated_at: now,
      published_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, t] of tasks.entries()) {
    const task = await ctx.db
      .insertInto('notice_tasks')
      .values({
        notice_id: notice.id,
        no: i + 1,
        title: `任务${i}`,
        body: '',
        suggested_kinds_json: '[]',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('notice_assignments')
      .values({
        notice_id: notice.id,
        task_id: task.id,
        unit_id: units[t.unit],
        deadline: t.deadline,
        assigned_at: now,
        assigned_by: null,
        acknowledged_at: t.reported,
        acknowledged_by: null,
        acknowledged_by_name: null,
        reported_at: t.reported,
        last_reminded_at: null,
      })
      .execute();
  }
  // 光荣牌: the 张家 household's plaque is hung this year; 李家 is due.
  const households = [...new Set(w.people.map((p) => p.household).filter((h): h is number => h !== null))];
  const hang = await w.clients.office.post(`/api/honours/plaques/${households[0]}/actions`, {
    action: 'hang',
    date: `${year}-03-01`,
    performedBy: '王干事',
    familySigner: '张三',
    signature: signaturePng,
  });
  expect(hang.status, JSON.stringify(hang.body)).toBe(200);
  // 立功喜报: two for families in 甲街道 (one delivered), one in 乙街道 long overdue.
  const s1Person = w.people.find((p) => p.residence === w.r.communities[0][0] && p.alive)!;
  const s2Person = w.people.find((p) => p.residence === w.r.communities[1][0] && p.alive && p.hukou !== null)!;
  const merit = async (personId: number, receivedOn: string) => {
    const res = await w.clients.office.post<{ id: number }>('/api/honours/merits', {
      award: 'third_class',
      servicemanName: '李军',
      personId,
      receivedOn,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.id;
  };
  const m1 = await merit(s1Person.id, `${year}-01-05`);
  await merit(s1Person.id, `${year}-01-06`);
  await merit(s2Person.id, `${year}-01-07`);
  const delivered = await w.clients.office.post(`/api/honours/merits/${m1}/deliver`, {
    deliveredOn: `${year}-01-06`,
    deliveredBy: '武装部',
  });
  expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
}, 120_000);
afterAll(async () => w?.close());

async function totalBehind(client: TestClient, d: DrillDown): Promise<number> {
  const res = await client.get<{ total: number }>(`${d.api}?${new URLSearchParams({ ...d.query, pageSize: '1' })}`);
  expect(res.status, `${d.api} ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.total;
}
const table = (r: ReportResponse, key: string) => r.tables.find((t) => t.key === key) as ReportTable;
const get = async (client: TestClient, url: string) => {
  const res = await client.get<ReportResponse>(url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('部队诉求办理情况表', () => {
  it('counts this year’s requests per department: received, resolved, open, overdue, days and ratings', async () => {
    const t = table(await get(w.clients.leader, `/api/reports/troop-requests?year=${year}`), 'requests');
    const thisYear = requests.filter((r) => r.created.startsWith(String(year)));
    for (const [d, unit] of [
      [1, w.units.deptA],
      [2, w.units.deptB],
    ] as const) {
      const mine = thisYear.filter((r) => r.department === d);
      const done = mine.filter((r) => r.days !== null);
      const rated = mine.filter((r) => r.rating !== null);
      const row = t.rows.find((r) => r.key === String(unit))!;
      expect(row.cells.received!.value).toBe(mine.length);
      expect(row.cells.resolved!.value).toBe(done.length);
      expect(row.cells.open!.value).toBe(mine.length - done.length);
      const overdue = mine.filter((r) => r.days === null && r.due !== null && r.due < todayChina).length;
      expect(row.cells.overdue!.value).toBe(overdue);
      expect(row.cells.averageDays!.value).toBe(
        Math.round((done.reduce((s, r) => s + r.days!, 0) / done.length) * 10) / 10,
      );
      expect(row.cells.averageRating!.value).toBe(
        Math.round((rated.reduce((s, r) => s + r.rating!, 0) / rated.length) * 10) / 10,
      );
      expect(await totalBehind(w.clients.leader, row.cells.received!.drillDown!)).toBe(mine.length);
      expect(await totalBehind(w.clients.leader, row.cells.overdue!.drillDown!)).toBe(overdue);
    }
    expect(t.totals.cells.received!.value).toBe(thisYear.length);
    expect(t.rows.find((r) => r.key === 'unassigned')!.cells.received!.value).toBe(1);
    const last = table(
      await get(w.clients.leader, `/api/reports/troop-requests?year=${year}&compare=true`),
      'requests',
    );
    expect(last.totals.cells.received!.previous).toBe(requests.length - thisYear.length);
  });
});

describe('双拥活动统计表', () => {
  it('gives count, participants and spend by month and type, with last year alongside', async () => {
    const r = await get(w.clients.office, `/api/reports/activities?year=${year}&compare=true`);
    const byMonth = table(r, 'byMonth');
    expect(byMonth.rows).toHaveLength(12);
    const jan = byMonth.rows.find((x) => x.labels[0] === '1月')!;
    const janActs = activities.filter((a) => a.on.startsWith(`${year}-01`));
    expect(jan.cells.count!.value).toBe(janActs.length);
    expect(jan.cells.spend!.value).toBe(janActs.reduce((s, a) => s + a.spend, 0));
    expect(await totalBehind(w.clients.office, jan.cells.count!.drillDown!)).toBe(janActs.length);
    const mar = byMonth.rows.find((x) => x.labels[0] === '3月')!;
    expect(mar.cells.count!.previous).toBe(1);
    expect(mar.cells.participants!.change).toBe(12 - 9);
    const byType = table(r, 'byType');
    const perf = byType.rows.find((x) => x.key === 'performance')!;
    expect(perf.cells.participants!.value).toBe(50);
    expect(await totalBehind(w.clients.office, perf.cells.count!.drillDown!)).toBe(2);
    const thisYear = activities.filter((a) => a.on.startsWith(String(year)));
    expect(byMonth.totals.cells.count!.value).toBe(thisYear.length);
    expect(byMonth.totals.cells.count!.previous).toBe(activities.length - thisYear.length);
  });
});

describe('通知任务落实情况表', () => {
  it('splits each unit’s tasks into on time (Beijing date), late, overdue and open', async () => {
    const t = table(await get(w.clients.office, `/api/reports/notice-tasks?year=${year}`), 'tasks');
    for (const unit of ['deptA', 'deptB', 's1Office'] as const) {
      const mine = tasks.filter((x) => x.unit === unit);
      const row = t.rows.find((r) => r.key === String(w.units[unit]))!;
      const lateAfter = (d: string) => `${d}T16:00:00.000Z`;
      expect(row.cells.assigned!.value).toBe(mine.length);
      expect(row.cells.onTime!.value).toBe(mine.filter((x) => x.reported && x.reported < lateAfter(x.deadline)).length);
      expect(row.cells.late!.value).toBe(mine.filter((x) => x.reported && x.reported >= lateAfter(x.deadline)).length);
      expect(row.cells.overdue!.value).toBe(mine.filter((x) => !x.reported && x.deadline < todayChina).length);
      expect(row.cells.open!.value).toBe(mine.filter((x) => !x.reported && x.deadline >= todayChina).length);
      // Each figure opens the list of exactly those tasks.
      for (const key of ['assigned', 'onTime', 'late', 'overdue', 'open']) {
        expect(await totalBehind(w.clients.office, row.cells[key]!.drillDown!), `${unit} ${key}`).toBe(
          row.cells[key]!.value,
        );
      }
    }
    const late = t.totals.cells.late!.drillDown!;
    expect(late.path).toBe('/reports/tables/notice-tasks');
    const listed = (await w.clients.office.get<NoticeTaskList>(`${late.api}?${new URLSearchParams(late.query)}`)).body;
    expect(listed.items.map((x) => [x.unitId, x.state])).toEqual([[w.units.deptA, 'late']]);
    expect(await totalBehind(w.clients.office, t.totals.cells.assigned!.drillDown!)).toBe(tasks.length);
    // Street staff see only their own unit's tasks.
    const mine = table(await get(w.clients.street, `/api/reports/notice-tasks?year=${year}`), 'tasks');
    expect(mine.rows.map((r) => r.key)).toEqual([String(w.units.s1Office)]);
    // …and the list behind their figures holds only those, whatever unit the link asks for.
    expect(await totalBehind(w.clients.street, mine.totals.cells.assigned!.drillDown!)).toBe(1);
    const other = `/api/reports/notice-tasks/tasks?year=${year}&unitId=${w.units.deptA}`;
    expect((await w.clients.street.get<NoticeTaskList>(other)).body.total).toBe(0);
  });
});

describe('光荣牌 and 立功喜报', () => {
  it('plaques: 应挂 from the registry, hung and due per street, each opening the register', async () => {
    const t = table(await get(w.clients.office, `/api/reports/honour-plaques?year=${year}`), 'plaques');
    const households = new Map<number, { street: number; eligible: boolean }>();
    for (const p of w.people.filter((x) => x.household !== null)) {
      const street = w.parent.get(p.residence)!;
      const h = households.get(p.household!) ?? { street, eligible: false };
      if (p.alive && p.categories.some((c) => plaqueReasonOf(c))) h.eligible = true;
      households.set(p.household!, h);
    }
    const hungHousehold = [...households.keys()][0]!;
    for (const street of w.r.streets) {
      const mine = [...households.entries()].filter(([, h]) => h.street === street && h.eligible);
      const row = t.rows.find((r) => r.key === String(street))!;
      const hung = mine.filter(([id]) => id === hungHousehold).length;
      expect(row.cells.eligible!.value).toBe(mine.length);
      expect(row.cells.hung!.value).toBe(hung);
      expect(row.cells.due!.value).toBe(mine.length - hung);
      expect(row.cells.hungInPeriod!.value).toBe(hung);
      expect(await totalBehind(w.clients.office, row.cells.due!.drillDown!)).toBe(mine.length - hung);
    }
  });

  it('merit notices: received, delivered on time and overdue per street; the dashboard shows the same totals', async () => {
    const t = table(await get(w.clients.office, `/api/reports/merit-notices?year=${year}`), 'merits');
    const s1 = t.rows.find((r) => r.key === String(w.r.streets[0]))!;
    const s2 = t.rows.find((r) => r.key === String(w.r.streets[1]))!;
    expect([s1.cells.received!.value, s1.cells.delivered!.value, s1.cells.onTime!.value]).toEqual([2, 1, 1]);
    expect([s2.cells.received!.value, s2.cells.overdue!.value]).toEqual([1, 1]);
    expect(await totalBehind(w.clients.office, s1.cells.open!.drillDown!)).toBe(1);
    expect(await totalBehind(w.clients.office, t.totals.cells.received!.drillDown!)).toBe(3);
    const dash = (await w.clients.office.get<DashboardResponse>(`/api/dashboard?year=${year}`)).body;
    const honours = dash.panels.find((p) => p.key === 'honours')!;
    expect(honours.rows.find((r) => r.key === 'meritsOverdue')!.values.value).toBe(t.totals.cells.overdue!.value);
    const requestsPanel = dash.panels.find((p) => p.key === 'requestsByDepartment')!;
    expect(requestsPanel.rows.find((r) => r.key === String(w.units.deptA))!.values.received).toBe(3);
    // A street's dashboard has no troop panel (street staff do not read requests).
    const street = (await w.clients.street.get<DashboardResponse>(`/api/dashboard?year=${year}`)).body;
    expect(street.panels.map((p) => p.key)).not.toContain('requestsByDepartment');
  });
});

describe('every report downloads', () => {
  it('as xlsx and PDF with the figures of its JSON', async () => {
    for (const key of [
      'registry-categories',
      'honour-plaques',
      'merit-notices',
      'troop-requests',
      'activities',
      'notice-tasks',
    ]) {
      const json = await get(w.clients.office, `/api/reports/${key}?year=${year}`);
      const total = json.tables[0]!.totals;
      const first = json.tables[0]!.columns[0]!;
      const xlsx = await w.clients.office.get<string>(json.downloads.xlsx);
      expect(xlsx.status, key).toBe(200);
      const book = new (excelJs().Workbook)();
      await book.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
      const rows: unknown[][] = [];
      book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const totalRow = rows.find((r) => r[0] === '合计')!;
      expect(totalRow[json.tables[0]!.rowHeaders.length], key).toBe(total.cells[first.key]!.value);
      const pdf = await w.clients.office.get<string>(json.downloads.pdf);
      expect(pdf.status, key).toBe(200);
      const text = pdfText(pdf.raw.rawPayload);
      expect(text, key).toContain(json.title);
      expect(text, key).toContain('合计');
    }
  });
});
