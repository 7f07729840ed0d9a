import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/helpers/pdf.ts';
import type { TestClient } from '../../../../test/helpers/test-app.ts';
import type { RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import type { DashboardResponse, DrillDown, ReportResponse, ReportTable } from '../../../shared/api/reports.api.ts';
import { formatYuan } from '../../../shared/domain/money.ts';
import { excelJs } from '../../platform/exceljs.ts';
import { buildWorld, type Person, runCampaign, type World } from './reports.fixture.ts';

let w: World;
let current: Awaited<ReturnType<typeof runCampaign>>;
let previous: Awaited<ReturnType<typeof runCampaign>>;

beforeAll(async () => {
  w = await buildWorld();
  // Last year everyone was visited with the planned amount; this year every other entry, with 100 元 less.
  previous = await runCampaign(w, 2025, (e) => e.cashCents);
  current = await runCampaign(w, 2026, (e, i) => (i % 2 === 0 ? e.cashCents - 10_000 : null));
}, 120_000);
afterAll(async () => w?.close());

// ——— the test's own roll-up ———

const under = (regionId: number | null, root: number): boolean => {
  for (let id = regionId; id !== null && id !== undefined; id = w.parent.get(id) ?? null) if (id === root) return true;
  return false;
};
/** The child of `root` that contains `regionId`. */
const childOf = (regionId: number, root: number): number => {
  let id = regionId;
  while (w.parent.get(id) !== root) id = w.parent.get(id)!;
  return id;
};
const inScope = (p: Person, root: number) => under(p.hukou, root) || under(p.residence, root);
/** Row key of a person in a "by street" registry figure of `root`: the 户籍 child, or the residence-only row. */
const registryRow = (p: Person, root: number) =>
  under(p.hukou, root) ? String(childOf(p.hukou!, root)) : 'residence-only';

function expectedRegistry(root: number) {
  const rows = new Map<string, { people: number; categories: Map<string, number> }>();
  for (const p of w.people.filter((x) => x.alive && inScope(x, root))) {
    const key = registryRow(p, root);
    const row = rows.get(key) ?? { people: 0, categories: new Map() };
    row.people++;
    for (const c of new Set(p.categories)) row.categories.set(c, (row.categories.get(c) ?? 0) + 1);
    rows.set(key, row);
  }
  return rows;
}

const placeOf = (e: RosterEntryItem, root: number) =>
  String(w.parent.get(root) === null || root === w.r.district ? e.streetId : e.communityId);

function expectedCampaign(entries: RosterEntryItem[], cash: Map<number, number>, key: (e: RosterEntryItem) => string) {
  const rows = new Map<
    string,
    { planned: number; delivered: number; plannedCash: number; deliveredCash: number; letters: number }
  >();
  for (const e of entries) {
    const row = rows.get(key(e)) ?? { planned: 0, delivered: 0, plannedCash: 0, deliveredCash: 0, letters: 0 };
    row.planned++;
    row.plannedCash += e.cashCents;
    if (cash.has(e.id)) {
      row.delivered++;
      row.deliveredCash += cash.get(e.id)!;
    }
    if (e.standardName === '烈属普惠') row.letters++;
    rows.set(key(e), row);
  }
  return rows;
}

const coverage = (d: number, p: number) => (p ? Math.round((d / p) * 1000) / 10 : null);

async function totalBehind(client: TestClient, d: DrillDown): Promise<number> {
  const res = await client.get<{ total: number }>(`${d.api}?${new URLSearchParams({ ...d.query, pageSize: '1' })}`);
  expect(res.status, `${d.api} ${JSON.stringify(d.query)} ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.total;
}

const table = (r: ReportResponse, key: string) => r.tables.find((t) => t.key === key) as ReportTable;
const rowOf = (t: ReportTable, key: string) => t.rows.find((r) => r.key === key);

// ——— registry ———

describe('registry figures', () => {
  it('the district report counts every living person once, by 户籍 street and category, and each figure opens its list', async () => {
    const res = await w.clients.office.get<ReportResponse>('/api/reports/registry-categories');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const t = table(res.body, 'byStreet');
    const expected = expectedRegistry(w.r.district);
    expect(new Set(t.rows.map((r) => r.key))).toEqual(new Set(expected.keys()));
    for (const [key, e] of expected) {
      const row = rowOf(t, key)!;
      expect(row.cells.people!.value, key).toBe(e.people);
      for (const [code, n] of e.categories) expect(row.cells[`c:${code}`]!.value, `${key} ${code}`).toBe(n);
      expect(await totalBehind(w.clients.office, row.cells.people!.drillDown!)).toBe(e.people);
    }
    const alive = w.people.filter((p) => p.alive && inScope(p, w.r.district));
    expect(t.totals.cells.people!.value).toBe(alive.length);
    expect(await totalBehind(w.clients.office, t.totals.cells.people!.drillDown!)).toBe(alive.length);
    const martyrs = alive.filter((p) => p.categories.includes('martyr_family')).length;
    expect(t.totals.cells['c:martyr_family']!.value).toBe(martyrs);
    expect(await totalBehind(w.clients.office, t.totals.cells['c:martyr_family']!.drillDown!)).toBe(martyrs);
  });

  it('a street sees its communities by 户籍 and people living there with 户籍 elsewhere apart, never another street', async () => {
    const street2 = w.r.streets[1];
    const res = await w.clients.street2.get<DashboardResponse>('/api/dashboard');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const panel = res.body.panels.find((p) => p.key === 'registryByStreet')!;
    const expected = expectedRegistry(street2);
    expect(new Set(panel.rows.map((r) => r.key))).toEqual(new Set(expected.keys()));
    for (const row of panel.rows) {
      expect(row.values.people, row.key).toBe(expected.get(row.key)!.people);
      expect(await totalBehind(w.clients.street2, row.drillDown.people!)).toBe(expected.get(row.key)!.people);
    }
    expect(panel.rows.map((r) => r.label)).not.toContain(w.names.get(w.r.streets[0]));
    const overview = res.body.panels.find((p) => p.key === 'overview')!;
    const people = w.people.filter((p) => p.alive && inScope(p, street2)).length;
    expect(overview.rows.find((r) => r.key === 'people')!.values.value).toBe(people);
  });
});

// ——— campaign ———

describe('campaign figures', () => {
  it('the report gives 慰问人数、金额、慰问信、覆盖率 by street and category, equal to the roster and visits', async () => {
    const res = await w.clients.leader.get<ReportResponse>('/api/reports/campaign-visits?year=2026');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.scope.campaign?.id).toBe(current.id);
    const byStreet = table(res.body, 'byStreet');
    const expected = expectedCampaign(current.entries, current.cash, (e) => String(e.streetId));
    for (const [key, e] of expected) {
      const row = rowOf(byStreet, key)!;
      expect(row.cells.planned!.value).toBe(e.planned);
      expect(row.cells.delivered!.value).toBe(e.delivered);
      expect(row.cells.plannedCash!.value).toBe(e.plannedCash);
      expect(row.cells.deliveredCash!.value).toBe(e.deliveredCash);
      expect(row.cells.letters!.value).toBe(e.letters);
      expect(row.cells.coverage!.value).toBe(coverage(e.delivered, e.planned));
      // The campaign window (Jan–Mar 2026) is over: whatever is still pending is 漏访.
      expect(row.cells.missed!.value).toBe(e.planned - e.delivered);
      expect(await totalBehind(w.clients.leader, row.cells.delivered!.drillDown!)).toBe(e.delivered);
      expect(await totalBehind(w.clients.leader, row.cells.missed!.drillDown!)).toBe(e.planned - e.delivered);
    }
    const byCategory = table(res.body, 'byCategory');
    const cats = expectedCampaign(current.entries, current.cash, (e) => e.categoryCode);
    for (const [code, e] of cats) {
      const row = rowOf(byCategory, code)!;
      expect(row.cells.planned!.value).toBe(e.planned);
      expect(row.cells.deliveredCash!.value).toBe(e.deliveredCash);
      expect(await totalBehind(w.clients.leader, row.cells.planned!.drillDown!)).toBe(e.planned);
    }
    expect(byStreet.totals.cells.planned!.value).toBe(current.entries.length);
    expect(byStreet.totals.cells.deliveredCash!.value).toBe([...current.cash.values()].reduce((a, b) => a + b, 0));
  });

  it('compared with last year: 去年同期 is last year’s campaign and 增减 the difference', async () => {
    const res = await w.clients.office.get<ReportResponse>('/api/reports/campaign-visits?year=2026&compare=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.previousScope?.campaign?.id).toBe(previous.id);
    const t = table(res.body, 'byStreet');
    const now = expectedCampaign(current.entries, current.cash, (e) => String(e.streetId));
    const before = expectedCampaign(previous.entries, previous.cash, (e) => String(e.streetId));
    for (const [key, e] of now) {
      const cell = rowOf(t, key)!.cells.deliveredCash!;
      const last = before.get(key)!.deliveredCash;
      expect(cell.value).toBe(e.deliveredCash);
      expect(cell.previous).toBe(last);
      expect(cell.change).toBe(e.deliveredCash - last);
      const cov = rowOf(t, key)!.cells.coverage!;
      expect(cov.previous).toBe(100);
    }
    // The snapshot column "超期未访" is not compared.
    expect(t.totals.cells.overdue!.previous).toBeUndefined();
  });

  it('a street user’s dashboard and report count only the entries of his street', async () => {
    const s1 = w.r.streets[0];
    const mine = current.entries.filter((e) => e.streetId === s1);
    const res = await w.clients.street.get<ReportResponse>('/api/reports/campaign-visits?year=2026');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const t = table(res.body, 'byStreet');
    expect(t.totals.cells.planned!.value).toBe(mine.length);
    const expected = expectedCampaign(mine, current.cash, (e) => placeOf(e, s1));
    expect(new Set(t.rows.filter((r) => (r.cells.planned!.value ?? 0) > 0).map((r) => r.key))).toEqual(
      new Set(expected.keys()),
    );
    const dash = await w.clients.street.get<DashboardResponse>('/api/dashboard?year=2026');
    const panel = dash.body.panels.find((p) => p.key === 'campaignByStreet')!;
    expect(panel.rows.reduce((s, r) => s + (r.values.planned ?? 0), 0)).toBe(mine.length);
    expect(panel.rows.every((r) => w.parent.get(Number(r.key)) === s1)).toBe(true);
  });
});

// ——— scope, parameters, roles ———

describe('scope and parameters', () => {
  it('a leader sees only his region: another region answers 404, his own region is the default', async () => {
    const out = await w.clients.leader.get<{ error: { code: string } }>(`/api/dashboard?regionId=${w.other.district}`);
    expect(out.status).toBe(404);
    const outReport = await w.clients.leader.get(`/api/reports/registry-categories?regionId=${w.other.streets[0]}`);
    expect(outReport.status).toBe(404);
    const other = await w.clients.otherLeader.get<DashboardResponse>('/api/dashboard');
    const people = w.people.filter((p) => p.alive && inScope(p, w.other.district)).length;
    expect(
      other.body.panels.find((p) => p.key === 'overview')!.rows.find((r) => r.key === 'people')!.values.value,
    ).toBe(people);
    expect(other.body.scope.regionId).toBe(w.other.district);
    // An admin without a region looks at the top of the region tree, and may pick any region.
    const admin = await w.clients.admin.get<DashboardResponse>(`/api/dashboard?regionId=${w.other.district}`);
    expect(admin.status).toBe(200);
    expect(
      admin.body.panels.find((p) => p.key === 'overview')!.rows.find((r) => r.key === 'people')!.values.value,
    ).toBe(people);
    const tasks = admin.body.panels.find((p) => p.key === 'noticeTasksByUnit');
    expect(tasks?.rows).toEqual([]);
  });

  it('office may look at one street: its figures equal that street’s own dashboard', async () => {
    const s2 = w.r.streets[1];
    const viaOffice = await w.clients.office.get<DashboardResponse>(`/api/dashboard?regionId=${s2}&year=2026`);
    const own = await w.clients.street2.get<DashboardResponse>('/api/dashboard?year=2026');
    const pick = (d: DashboardResponse, key: string) => d.panels.find((p) => p.key === key)!.rows.map((r) => r.values);
    expect(pick(viaOffice.body, 'registryByStreet')).toEqual(pick(own.body, 'registryByStreet'));
    expect(pick(viaOffice.body, 'campaignByStreet')).toEqual(pick(own.body, 'campaignByStreet'));
  });

  it('bad parameters answer 400 with a Chinese message; roles without dashboards answer 403', async () => {
    for (const q of ['year=abc', 'month=13', 'compare=yes', 'regionId=-1']) {
      const res = await w.clients.office.get<{
        error: { code: string; message: string; details: { message: string }[] };
      }>(`/api/reports/activities?${q}`);
      expect(res.status, q).toBe(400);
      expect(JSON.stringify(res.body.error), q).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await w.clients.office.get('/api/reports/nonsense')).status).toBe(400);
    expect((await w.clients.department.get('/api/dashboard')).status).toBe(403);
    expect((await w.clients.department.get('/api/reports/troop-requests')).status).toBe(403);
    // 2025 has a campaign, 2024 none: compared with nothing, 去年同期 is empty, not 0.
    const first = await w.clients.office.get<ReportResponse>('/api/reports/campaign-visits?year=2025&compare=true');
    expect(first.status).toBe(200);
    expect(table(first.body, 'byStreet').totals.cells.planned!.previous).toBeNull();
    const none = await w.clients.office.get<{ error: { message: string } }>('/api/reports/campaign-visits?year=2019');
    expect(none.status).toBe(404);
    expect(none.body.error.message).toContain('2019年没有');
  });
});

// ——— exports ———

describe('xlsx and PDF', () => {
  it('hold the same numbers as the JSON, headed with region, period and who printed it, and are audited', async () => {
    const json = (await w.clients.office.get<ReportResponse>('/api/reports/campaign-visits?year=2026&compare=true'))
      .body;
    const url = json.downloads.xlsx;
    const res = await w.clients.office.inject({ method: 'GET', url, headers: {} });
    expect(res.statusCode).toBe(401);
    const xlsx = await w.clients.office.get<string>(url);
    expect(xlsx.status).toBe(200);
    const workbook = new (excelJs().Workbook)();
    await workbook.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(row.values ? (row.values as unknown[]).map(String).join('|') : ''));
    const all = texts.join('\n');
    expect(all).toContain('春节走访慰问情况统计表');
    expect(all).toContain('区域：测试区');
    expect(all).toContain('导出人：');
    const t = table(json, 'byStreet');
    const totalRow = texts.find((line) => line.includes('|合计|'))!;
    const cells = totalRow.split('|').filter(Boolean);
    expect(Number(cells[1])).toBe(t.totals.cells.planned!.value);
    expect(Number(cells[2])).toBe(t.totals.cells.planned!.previous);
    expect(all).toContain(String(t.totals.cells.deliveredCash!.value! / 100));

    const pdf = await w.clients.office.get<string>(json.downloads.pdf);
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.raw.rawPayload);
    expect(text).toContain('春节走访慰问情况统计表');
    expect(text).toContain('打印人');
    expect(text).toContain(formatYuan(t.totals.cells.deliveredCash!.value!));
    expect(text).toContain(`${t.totals.cells.coverage!.value!.toFixed(1)}%`);

    const audit = await w.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_type', '=', 'report')
      .execute();
    expect(audit.filter((a) => a.action === 'export' && a.entity_id === 'campaign-visits')).toHaveLength(2);
  });
});
