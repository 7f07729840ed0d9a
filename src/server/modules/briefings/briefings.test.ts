import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/helpers/pdf.ts';
import type { LedgerResponse, SavedSummary, SummaryResponse } from '../../../shared/api/briefings.api.ts';
import type { CampaignDetail, RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import {
  addPerson,
  createCampaign,
  generate,
  testStandards,
  transition,
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
  await transition(office(), campaign.id, 'in_review');
  for (const s of w.r.streets) await office().post(`/api/campaigns/${campaign.id}/reviews/${s}/confirm`, {});
  expect((await transition(office(), campaign.id, 'locked')).status).toBe(200);
  entries = (await office().get<{ items: RosterEntryItem[] }>(`/api/campaigns/${campaign.id}/entries?pageSize=200`))
    .body.items;
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
