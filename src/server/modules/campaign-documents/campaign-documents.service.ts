import type { DocumentKind, DocumentOverview, DocumentQuery } from '../../../shared/api/campaign-documents.api.ts';
import { documentKindLabels } from '../../../shared/api/campaign-documents.api.ts';
import { goodsText } from '../../../shared/domain/campaign/standard-texts.ts';
import type { GoodsItem } from '../../../shared/domain/campaign/standards.ts';
import { chineseDate, type LetterFields } from '../../../shared/domain/letter-template.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, regionScope } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { todayInChina } from '../../platform/clock.ts';
import { PdfBuilder, type UnprintableChar } from '../../platform/pdf.ts';
import { loadCampaign, parseJson } from '../campaigns/campaign-access.ts';
import type { RegionIndex } from '../campaigns/campaign-regions.ts';
import * as repo from './campaign-documents.repo.ts';
import { drawLetters, type LetterInput } from './letters.layout.ts';
import { type DisbursementLine, drawDisbursementSummary, drawSignOffSheets } from './sheets.layout.ts';

/**
 * Campaign documents: gathers the roster entries the actor may print (a street's staff only their street), writes
 * the `export` audit record in the same transaction as the read, then lays the PDF out from plain data.
 */

export interface RenderedDocument {
  bytes: Buffer;
  filename: string;
  pages: number;
  count: number;
  unprintable: UnprintableChar[];
}

/** Honorific after the name in a letter (尊敬的{{姓名}}{{称谓}}：). */
const defaultHonorific = '同志';

interface Gathered {
  campaign: {
    id: number;
    name: string;
    status: string;
    signatory: string | null;
    windowStart: string;
    regionId: number;
  };
  regions: RegionIndex;
  entries: repo.PrintableEntry[];
  categories: Map<string, string>;
}

export function checkPlace(
  actor: Actor,
  regions: RegionIndex,
  q: Pick<DocumentQuery, 'streetId' | 'communityId'>,
): void {
  const scope = regionScope(actor);
  for (const id of [q.streetId, q.communityId]) {
    if (id === undefined) continue;
    if (!regions.get(id) || (scope !== 'all' && !scope.includes(id))) throw notFound();
  }
}

async function gather(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  query: Pick<DocumentQuery, 'streetId' | 'communityId'>,
  audit: { kind: DocumentKind; per?: string } | null,
): Promise<Gathered> {
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign, regions } = await loadCampaign(trx, actor, campaignId);
    checkPlace(actor, regions, query);
    const filter = { streetId: query.streetId, communityId: query.communityId };
    const [entries, categories] = await Promise.all([
      repo.printableEntries(trx, actor, campaignId, filter),
      repo.categoryNames(trx),
    ]);
    if (audit) {
      if (entries.length === 0) throw new AppError('NOT_FOUND', '所选范围内没有可打印的慰问名单条目。');
      await appendAudit(trx, actor, {
        action: 'export',
        entityType: 'campaign',
        entityId: campaignId,
        summary: `导出${documentKindLabels[audit.kind]} PDF（${entries.length} 条名单条目）`,
        after: {
          kind: audit.kind,
          per: audit.per,
          streetId: query.streetId ?? null,
          communityId: query.communityId ?? null,
        },
      });
    }
    return {
      campaign: {
        id: campaign.id,
        name: campaign.name,
        status: campaign.status,
        signatory: campaign.signatory,
        windowStart: campaign.window_start,
        regionId: campaign.region_id,
      },
      regions,
      entries,
      categories,
    };
  });
}

const signatoryOf = (g: Gathered) =>
  g.campaign.signatory ?? `${g.regions.name(g.campaign.regionId)}双拥工作领导小组办公室`;

function placeName(g: Gathered, q: Pick<DocumentQuery, 'streetId' | 'communityId'>): string {
  if (q.communityId) return g.regions.name(q.communityId);
  if (q.streetId) return g.regions.name(q.streetId);
  return '全部';
}

/** The letters to print: one per entry, or one per household (names joined, the first entry's template). */
export function letterInputs(g: Gathered, per: 'entry' | 'household', date: string): LetterInput[] {
  const withLetter = g.entries.filter((e) => e.letter_template);
  const groups = new Map<string, repo.PrintableEntry[]>();
  for (const e of withLetter) {
    const key = per === 'household' && e.household_id !== null ? `h${e.household_id}` : `e${e.id}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  const signatory = signatoryOf(g);
  return [...groups.values()].map((group) => {
    const categories = [...new Set(group.map((e) => g.categories.get(e.category_code) ?? e.category_code))];
    const fields: LetterFields = {
      姓名: group.map((e) => e.name).join('、'),
      称谓: defaultHonorific,
      类别: categories.join('、'),
      落款单位: signatory,
      日期: chineseDate(date),
    };
    return { template: group[0]!.letter_template!, fields };
  });
}

async function finish(pdf: PdfBuilder, filename: string, count: number): Promise<RenderedDocument> {
  const bytes = await pdf.toBuffer();
  return { bytes, filename, pages: pdf.pageCount, count, unprintable: pdf.unprintable };
}

export async function renderLetters(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  query: DocumentQuery,
  onProgress?: (done: number, total: number) => void,
): Promise<RenderedDocument> {
  const g = await gather(ctx, actor, campaignId, query, { kind: 'letters', per: query.per });
  const letters = letterInputs(g, query.per, query.date ?? g.campaign.windowStart);
  if (letters.length === 0) {
    throw new AppError('NOT_FOUND', '所选范围内的慰问标准都没有设置慰问信模板，没有可打印的慰问信。');
  }
  const pdf = new PdfBuilder({ title: `${g.campaign.name} 慰问信`, subject: placeName(g, query) });
  await drawLetters(pdf, letters, letters.length, onProgress);
  return finish(pdf, `${g.campaign.name}-慰问信-${placeName(g, query)}.pdf`, letters.length);
}

/** Reports progress of a document: entries (letters, rows) done of total. */
export type DocumentProgress = (done: number, total: number) => void;

export async function renderSignOffSheets(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  query: DocumentQuery,
  onProgress?: DocumentProgress,
): Promise<RenderedDocument> {
  const g = await gather(ctx, actor, campaignId, query, { kind: 'sign-off-sheets' });
  const byCommunity = new Map<number, repo.PrintableEntry[]>();
  for (const e of g.entries) {
    const list = byCommunity.get(e.community_id);
    if (list) list.push(e);
    else byCommunity.set(e.community_id, [e]);
  }
  const sheets = [...byCommunity.entries()].map(([communityId, entries]) => ({
    campaignName: g.campaign.name,
    streetName: g.regions.name(entries[0]!.street_id),
    communityName: g.regions.name(communityId),
    entries: entries.map((e) => ({
      name: e.name,
      category: g.categories.get(e.category_code) ?? e.category_code,
      cashCents: e.cash_cents,
      goods: goodsText(parseJson<GoodsItem[]>(e.goods_json, [])),
    })),
  }));
  const pdf = new PdfBuilder({ title: `${g.campaign.name} 签收表`, landscape: true });
  // Sheet by sheet (each starts its own pages), yielding between them so a server stays responsive.
  let done = 0;
  for (const sheet of sheets) {
    drawSignOffSheets(pdf, [sheet]);
    done += sheet.entries.length;
    onProgress?.(done, g.entries.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return finish(pdf, `${g.campaign.name}-签收表-${placeName(g, query)}.pdf`, g.entries.length);
}

export async function renderDisbursementSummary(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  query: DocumentQuery,
  onProgress?: DocumentProgress,
): Promise<RenderedDocument> {
  const g = await gather(ctx, actor, campaignId, query, { kind: 'disbursement-summary' });
  const lines = new Map<string, DisbursementLine>();
  for (const e of g.entries) {
    const category = g.categories.get(e.category_code) ?? e.category_code;
    const key = `${e.street_id}\u0000${category}`;
    let line = lines.get(key);
    if (!line) {
      line = { streetName: g.regions.name(e.street_id), category, persons: 0, cashCents: 0, goodsCents: 0 };
      lines.set(key, line);
    }
    line.persons++;
    line.cashCents += e.cash_cents;
    line.goodsCents += e.goods_cents;
  }
  const pdf = new PdfBuilder({ title: `${g.campaign.name} 发放汇总表` });
  drawDisbursementSummary(pdf, {
    campaignName: g.campaign.name,
    issuer: signatoryOf(g),
    date: todayInChina(),
    lines: [...lines.values()],
  });
  onProgress?.(g.entries.length, g.entries.length);
  return finish(pdf, `${g.campaign.name}-发放汇总表-${placeName(g, query)}.pdf`, g.entries.length);
}

/** Counts, places and the characters no font can print, before anything is downloaded. */
export async function overview(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  query: DocumentQuery,
): Promise<DocumentOverview> {
  const g = await gather(ctx, actor, campaignId, query, null);
  const streets = new Map<number, number>();
  const communities = new Map<number, { streetId: number; entries: number }>();
  const households = new Set<string>();
  let cashCents = 0;
  let goodsCents = 0;
  for (const e of g.entries) {
    streets.set(e.street_id, (streets.get(e.street_id) ?? 0) + 1);
    const c = communities.get(e.community_id) ?? { streetId: e.street_id, entries: 0 };
    c.entries++;
    communities.set(e.community_id, c);
    households.add(e.household_id === null ? `e${e.id}` : `h${e.household_id}`);
    cashCents += e.cash_cents;
    goodsCents += e.goods_cents;
  }
  const letters = letterInputs(g, query.per, query.date ?? g.campaign.windowStart);
  const scanner = new PdfBuilder({ title: 'scan' });
  const texts = new Set<string>([signatoryOf(g), ...g.entries.map((e) => e.name), ...letters.map((l) => l.template)]);
  return {
    campaign: { id: g.campaign.id, name: g.campaign.name, status: g.campaign.status },
    entries: g.entries.length,
    households: households.size,
    letters: letters.length,
    cashCents,
    goodsCents,
    streets: [...streets].map(([id, entries]) => ({ id, name: g.regions.name(id), entries })),
    communities: [...communities].map(([id, c]) => ({
      id,
      name: g.regions.name(id),
      streetId: c.streetId,
      streetName: g.regions.name(c.streetId),
      entries: c.entries,
    })),
    unprintable: scanner.scan(texts),
  };
}

/** The CLI names a campaign by id or exact name, a street by its 统计用区划代码. */
export async function resolveCliArguments(ctx: AppContext, campaign: string, streetCode?: string) {
  let campaignId: number;
  if (/^\d+$/.test(campaign)) campaignId = Number(campaign);
  else {
    const found = await repo.campaignByName(ctx.db, campaign);
    if (found.length === 0) throw new AppError('NOT_FOUND', `找不到名为「${campaign}」的慰问活动。`);
    campaignId = found[0]!.id;
  }
  let streetId: number | undefined;
  if (streetCode) {
    const region = await repo.regionByCode(ctx.db, streetCode);
    if (!region) throw new AppError('NOT_FOUND', `找不到区划代码为「${streetCode}」的街道（镇）。`);
    streetId = region.id;
  }
  return { campaignId, streetId };
}
