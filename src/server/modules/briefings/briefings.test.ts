import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/helpers/pdf.ts';
import type { LedgerResponse, SavedSummary, SummaryResponse } from '../../../shared/api/briefings.api.ts';
import type { CampaignDetail, RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import { excelJs } from '../../platform/exceljs.ts';
import {
  addHousehold,
  addPerson,
  createCampaign,
  generate,
  lockRoster,
  testStandards,
  visitBody,
} from '../campaigns/campaigns.fixture.ts';
import { buildWorld, type World } from '../troops/troops.fixture.ts';

let w: World;
let campaign: CampaignDetail;
let entries: RosterEntryItem[];
const letter = '尊敬的{{姓名}}{{称谓}}：\n新春佳节之际，向您致以问候！\n{{落款单位}}\n{{日期}}';
/** The visits recorded, as the test's own record of what was handed over. */
const visits: {
  entry: RosterEntryItem;
  mode: string;
  cashCents: number;
  goods: { name: string; quantity: number; unit: string }[];
}[] = [];

const office = () => w.users.office.client;
const summaryUrl = (id = campaign.id) => `/api/briefings/campaigns/${id}/summary`;
const squash = (s: string) => s.replace(/\s+/g, '');

async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

beforeAll(async () => {
  w = await buildWorld();
  const [c11, c12] = w.r.communities[0];
  const [c21] = w.r.communities[1];
  for (const community of [c11, c11, c12, c21, c21]) await addPerson(w.ctx, { community, relation: '父母' });
  await addPerson(w.ctx, { community: c11, category: 'disabled_veteran', grade: 2 });
  const standards = testStandards.map((s) =>
    s.name === '烈属普惠' ? { ...s, package: { ...s.package, letterTemplate: letter } } : s,
  );
  campaign = await createCampaign(office(), { year: 2026, standards });
  await generate(office(), campaign.id);
  entries = await lockRoster(office(), campaign.id, w.r.streets);
  expect(entries).toHaveLength(6);
  const plan = [
    { mode: 'home', cashCents: 600_000, goods: [{ name: '大米', quantity: 2, unit: '袋' }] },
    { mode: 'home', cashCents: 650_000, goods: [{ name: '春联年画', quantity: 1, unit: '套' }] },
    { mode: 'gathering', cashCents: 700_000, goods: [{ name: '春联年画', quantity: 3, unit: '套' }] },
    { mode: 'proxy', cashCents: 80_000, goods: [] },
  ];
  for (const [i, p] of plan.entries()) {
    const entry = entries[i]!;
    const body = visitBody({
      mode: p.mode,
      cashCents: p.cashCents,
      goods: p.goods,
      ...(p.mode === 'proxy' && { receiver: { kind: 'proxy', name: '王五', relation: '儿子' } }),
    });
    const res = await office().post(`/api/campaigns/${campaign.id}/entries/${entry.id}/visit`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    visits.push({ entry, ...p });
  }
});
afterAll(async () => {
  await w?.close();
});

describe('campaign summary', () => {
  it('drafts the figures the test computes from the visits it recorded', async () => {
    const res = await office().get<SummaryResponse>(summaryUrl());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const text = res.body.draft.body;
    const cash = visits.reduce((n, v) => n + v.cashCents, 0);
    const home = visits.filter((v) => v.mode === 'home').length;
    const letters = entries.filter((e) => e.standardName === '烈属普惠').length;
    const coverage = `${((visits.length / entries.length) * 100).toFixed(1)}%`;
    expect(text).toContain(`已走访慰问优抚对象 ${visits.length} 人`);
    expect(text).toContain(`其中上门走访 ${home} 人`);
    expect(text).toContain(`发放慰问金 ${(cash / 100 / 10_000).toFixed(2)} 万元`);
    expect(text).toContain('大米 2 袋、春联年画 4 套');
    expect(text).toContain(`印发慰问信 ${letters} 封`);
    expect(text).toContain(`走访覆盖率 ${coverage}`);
    expect(letters).toBeGreaterThan(0);
    expect(res.body.saved).toBeNull();
    expect(res.body.canEdit).toBe(true);
  });

  it('exports the same text as Word and PDF, and audits both exports', async () => {
    const { draft } = (await office().get<SummaryResponse>(summaryUrl())).body;
    const docx = await office().get(`${summaryUrl()}.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const word = await docxText(docx.raw.rawPayload);
    expect(word).toContain(draft.title);
    for (const p of draft.body.split('\n')) expect(word).toContain(p);
    const pdf = await office().get(`${summaryUrl()}.pdf`);
    expect(pdf.status).toBe(200);
    const printed = squash(pdfText(pdf.raw.rawPayload));
    expect(printed).toContain(squash(draft.title));
    for (const p of draft.body.split('\n')) expect(printed).toContain(squash(p));
    const audits = await w.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'export')
      .where('entity_type', '=', 'campaign_summary')
      .where('entity_id', '=', String(campaign.id))
      .execute();
    expect(audits.map((a) => a.summary).join()).toMatch(/Word.*PDF|PDF.*Word/);
  });

  it('keeps a saved edit, refuses a save from a stale editor and exports the edit', async () => {
    const before = (await office().get<SummaryResponse>(summaryUrl())).body;
    const version = before.saved?.version ?? 0;
    const body = `${before.draft.body}\n春节期间，区领导带队走访驻区部队，送去节日问候。`;
    const saved = await office().put<SavedSummary>(summaryUrl(), {
      title: '春节走访慰问工作总结（定稿）',
      body,
      version,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(version + 1);
    const stale = await office().put(summaryUrl(), { title: '覆盖', body: '覆盖', version });
    expect(stale.status).toBe(409);
    const after = (await office().get<SummaryResponse>(summaryUrl())).body;
    expect(after.saved?.body).toContain('区领导带队走访驻区部队');
    expect(after.saved?.savedByName).toBeTruthy();
    expect(after.draft.body).not.toContain('区领导带队');
    const word = await docxText((await office().get(`${summaryUrl()}.docx`)).raw.rawPayload);
    expect(word).toContain('春节走访慰问工作总结（定稿）');
    expect(word).toContain('区领导带队走访驻区部队');
    const draftWord = await docxText((await office().get(`${summaryUrl()}.docx?source=draft`)).raw.rawPayload);
    expect(draftWord).not.toContain('区领导带队');
    const pdf = squash(pdfText((await office().get(`${summaryUrl()}.pdf`)).raw.rawPayload));
    expect(pdf).toContain('区领导带队走访驻区部队');
  });

  it('follows the campaign’s scope: a street sees its part only, others get 403/404', async () => {
    const street = await w.users.street.client.get<SummaryResponse>(summaryUrl());
    expect(street.status).toBe(200);
    const own = entries.filter((e) => e.streetId === w.r.streets[0]);
    expect(street.body.figures.planned).toBe(own.length);
    expect(street.body.figures.delivered).toBe(visits.filter((v) => v.entry.streetId === w.r.streets[0]).length);
    expect(street.body.saved).toBeNull();
    expect(street.body.canEdit).toBe(false);
    expect((await w.users.street.client.put(summaryUrl(), { title: 't', body: 'b', version: 0 })).status).toBe(403);
    expect((await w.users.troop.client.get(summaryUrl())).status).toBe(403);
    expect((await w.users.troop.client.get(`${summaryUrl()}.docx`)).status).toBe(403);
    expect((await w.users.officeOut.client.get(summaryUrl())).status).toBe(404);
    // A campaign of one street: the other street cannot reach its summary at all.
    const streetCampaign = await office().post<CampaignDetail>('/api/campaigns', {
      year: 2024,
      regionId: w.r.streets[0],
      budgetCents: 1_000_000,
      dedupPolicy: 'person',
    });
    expect(streetCampaign.status, JSON.stringify(streetCampaign.body)).toBe(200);
    expect((await w.users.street.client.get(summaryUrl(streetCampaign.body.id))).status).toBe(200);
    expect((await w.users.street2.client.get(summaryUrl(streetCampaign.body.id))).status).toBe(404);
    expect((await w.users.street2.client.get(`${summaryUrl(streetCampaign.body.id)}.pdf`)).status).toBe(404);
  });
});

describe('创建台账', () => {
  const post = async (url: string, body: object, who = office()) => {
    const res = await who.post<{ id: number }>(url, body);
    expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBe(200);
    return res.body.id;
  };
  const item = (l: LedgerResponse, key: string) => l.items.find((i) => i.key === key)!;
  const value = (l: LedgerResponse, key: string, label: string) =>
    item(l, key).figures.find((f) => f.label === label)?.value;

  beforeAll(async () => {
    // Meetings: three this year (the 联席会议 and the 领导小组会议 with minutes), one last year.
    await post('/api/troops/meetings', {
      kind: 'joint',
      title: '2026年第一次军地联席会议',
      heldOn: '2026-03-02',
      minutes: '研究营区周边停车问题。',
      decisions: ['区交通委牵头解决停车问题'],
    });
    await post('/api/troops/meetings', { kind: 'symposium', title: '2026年八一军地座谈会', heldOn: '2026-07-30' });
    await post('/api/troops/meetings', {
      kind: 'leading_group',
      title: '2026年双拥工作领导小组全体会议',
      heldOn: '2026-01-15',
      minutes: '部署全年双拥工作。',
    });
    await post('/api/troops/meetings', {
      kind: 'joint',
      title: '2025年第四次军地联席会议',
      heldOn: '2025-12-20',
      minutes: '总结全年工作。',
    });
    // Activities: two this year, one on the last day of last year.
    for (const [title, heldOn] of [
      ['2026年新春军民联欢会', '2026-02-01'],
      ['2026年八一慰问演出', '2026-08-01'],
      ['2025年岁末联欢', '2025-12-31'],
    ]) {
      await post('/api/army-people/activities', {
        typeCode: 'gala',
        title,
        heldOn,
        organiserUnitIds: [w.units.m1],
        participantCount: 50,
        spendCents: 100_000,
      });
    }
    // Requests: raised now, then dated into the two years as they would have been received.
    const requests = [];
    for (const title of ['营区供水管道老化', '随军家属就业', '营区周边道路破损']) {
      requests.push(
        await post(
          '/api/troops/requests',
          { kindCode: 'camp_environment', title, content: `${title}，请协调解决。` },
          w.users.troop.client,
        ),
      );
    }
    const dated = [
      ['2026-03-05T02:00:00.000Z', 'resolved'],
      ['2026-04-05T02:00:00.000Z', 'pending'],
      ['2025-05-05T02:00:00.000Z', 'resolved'],
    ] as const;
    for (const [i, [at, status]] of dated.entries()) {
      await w.ctx.db
        .updateTable('troop_requests')
        .set({ created_at: at, status })
        .where('id', '=', requests[i]!)
        .execute();
    }
    // Pairings: one started this year, one started last year and still going, one that ended last year.
    const pairing = (beneficiaryName: string, startedOn: string, endedOn: string | null) =>
      post('/api/army-people/pairings', {
        militaryUnitId: w.units.m1,
        regionId: w.r.communities[0][0],
        beneficiaryName,
        categoryCode: 'lonely_elderly',
        cadenceDays: 30,
        startedOn,
        endedOn,
        active: endedOn === null,
      });
    await pairing('孙奶奶', '2026-01-10', null);
    await pairing('周爷爷', '2025-03-01', null);
    await pairing('吴奶奶', '2024-03-01', '2025-06-30');
    // 光荣牌: one household's plaque hung this year, another's last year.
    for (const [name, date] of [
      ['赵家', '2026-02-03'],
      ['钱家', '2025-02-03'],
    ]) {
      const household = await addHousehold(w.ctx, w.r.communities[0][1], name);
      await addPerson(w.ctx, { community: w.r.communities[0][1], household, relation: '父母' });
      const hung = await office().post(`/api/honours/plaques/${household}/actions`, {
        action: 'hang',
        date,
        performedBy: '王五',
        familySigner: '李四',
      });
      expect(hung.status, JSON.stringify(hung.body)).toBe(200);
    }
    // A notice of each year.
    for (const [title, date] of [
      ['关于做好2026年双拥工作的通知', '2026-01-05'],
      ['关于做好2025年双拥工作的通知', '2025-01-05'],
    ]) {
      await post('/api/notices', { title, issuers: ['区双拥办'], date });
    }
    // Last year's campaign (no roster), and this year's summary saved once.
    await createCampaign(office(), { year: 2025 });
    const s = (await office().get<SummaryResponse>(summaryUrl())).body;
    if (!s.saved) {
      await office().put(summaryUrl(), { title: s.draft.title, body: s.draft.body, version: 0 });
    }
  });

  it('counts exactly this year’s records, item by item, with their sources', async () => {
    const res = await office().get<LedgerResponse>('/api/briefings/ledger?year=2026');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const l = res.body;
    expect(value(l, 'meetings', '联席会议')).toBe('1');
    expect(value(l, 'meetings', '军地座谈会')).toBe('1');
    expect(value(l, 'meetings', '领导小组会议')).toBe('1');
    expect(value(l, 'meetings', '有会议纪要')).toBe('2 / 3');
    expect(
      item(l, 'meetings')
        .records.map((r) => r.title)
        .sort(),
    ).toEqual(['2026年第一次军地联席会议', '2026年八一军地座谈会', '2026年双拥工作领导小组全体会议'].sort());
    const leading = item(l, 'meetings').records.find((r) => r.title === '2026年双拥工作领导小组全体会议');
    expect(leading?.kind).toBe('领导小组会议');
    expect(item(l, 'meetings').records.every((r) => /^\/troops\/meetings\/\d+$/.test(r.link))).toBe(true);
    expect(value(l, 'activities', '活动次数')).toBe('2');
    expect(value(l, 'activities', '参与人次')).toBe('100');
    expect(item(l, 'activities').records).toHaveLength(2);
    expect(value(l, 'requests', '受理诉求')).toBe('2');
    expect(value(l, 'requests', '已办结')).toBe('1');
    expect(value(l, 'requests', '办结率')).toBe('50.0%');
    expect(value(l, 'pairings', '本年在帮结对')).toBe('2');
    expect(value(l, 'pairings', '其中本年新结对')).toBe('1');
    expect(value(l, 'honours', '本年悬挂光荣牌（户）')).toBe('1');
    expect(item(l, 'honours').records.map((r) => r.title)).toEqual(['赵家']);
    expect(value(l, 'plans', '通知（计划部署）')).toBe('1');
    expect(value(l, 'plans', '活动工作总结')).toBe('1');
    expect(item(l, 'plans').records.find((r) => r.kind === '工作总结')?.link).toBe(
      `/campaigns/${campaign.id}?tab=summary`,
    );
    expect(value(l, 'funding', '慰问活动')).toBe('1');
    expect(value(l, 'funding', '慰问人数')).toBe(String(visits.length));
    expect(item(l, 'funding').records.map((r) => r.title)).toEqual([campaign.name]);

    const last = (await office().get<LedgerResponse>('/api/briefings/ledger?year=2025')).body;
    expect(value(last, 'meetings', '联席会议')).toBe('1');
    expect(value(last, 'activities', '活动次数')).toBe('1');
    expect(value(last, 'requests', '受理诉求')).toBe('1');
    expect(value(last, 'pairings', '本年在帮结对')).toBe('2');
    expect(value(last, 'honours', '本年悬挂光荣牌（户）')).toBe('1');
    expect(value(last, 'funding', '慰问活动')).toBe('1');
    expect(value(last, 'plans', '活动工作总结')).toBe('0');
  });

  it('exports one sheet per item holding the same records, and audits the export', async () => {
    const res = await office().get('/api/briefings/ledger.xlsx?year=2026');
    expect(res.status).toBe(200);
    const wb = new (excelJs().Workbook)();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const l = (await office().get<LedgerResponse>('/api/briefings/ledger?year=2026')).body;
    expect(wb.worksheets.map((s) => s.name)).toEqual(['总表', ...l.items.map((i, n) => `${n + 1}.${i.title}`)]);
    const meetings = wb.worksheets[1]!;
    const cells: string[] = [];
    meetings.eachRow((row) => cells.push(row.values ? JSON.stringify(row.values) : ''));
    const joined = cells.join('\n');
    expect(joined).toContain('2026年第一次军地联席会议');
    expect(joined).toContain('领导小组会议');
    expect(joined).toContain('2026年双拥工作领导小组全体会议');
    expect(joined).not.toContain('2025年第四次军地联席会议');
    const audit = await w.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_type', '=', 'ledger')
      .where('action', '=', 'export')
      .execute();
    expect(audit.map((a) => a.summary)).toContain('导出2026年创建台账（xlsx）');
  });

  it('is for roles with reports: a troop liaison gets 403', async () => {
    expect((await w.users.troop.client.get('/api/briefings/ledger?year=2026')).status).toBe(403);
    expect((await w.users.troop.client.get('/api/briefings/ledger.xlsx?year=2026')).status).toBe(403);
  });
});
