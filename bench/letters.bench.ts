import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { renderLetters } from '../src/server/modules/campaign-documents/campaign-documents.service.ts';
import {
  insertLockedCampaign,
  rosterEntryRow,
} from '../src/server/modules/campaign-documents/printable-campaign.seed.ts';
import { insertRegion } from '../src/server/modules/regions/regions.repo.ts';
import { nameColumns, sensitiveColumns } from '../src/server/modules/registry/person-row.ts';
import { systemActor } from '../src/server/platform/access.ts';
import { loadPdfFonts } from '../src/server/platform/pdf-fonts.ts';
import { idCheckDigit } from '../src/shared/domain/id-number.ts';
import {
  chineseDate,
  defaultLetterTemplate,
  type LetterFields,
  letterBlocks,
} from '../src/shared/domain/letter-template.ts';
import { type BenchContext, type Benchmark, benchContext, timed } from './lib.ts';

/**
 * 10,000 慰问信 in one PDF through the service (roster read, audit, mail merge, font fallback per character,
 * GB/T 9704-like layout, subsetted fonts) against bare pdfkit laying out the same merged text with the same font,
 * its own line wrapper and no fallback, from the same rows. Targets: ≥ 0.7× the bare pages per second and
 * ≤ 1.5 KB per page.
 */

const surnames = '张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗';
const given = '建国秀英志强桂兰海燕红梅德福玉珍明华淑芬永庆凤英';

async function seed(ctx: BenchContext, people: number): Promise<{ campaignId: number; names: string[] }> {
  const district = await insertRegion(ctx.db, { code: '310107', name: '普陀区', level: 'district', parentId: null });
  const street = await insertRegion(ctx.db, {
    code: '310107015000',
    name: '长寿路街道',
    level: 'street',
    parentId: district,
  });
  const community = await insertRegion(ctx.db, {
    code: '310107015001',
    name: '梅芳里居委会',
    level: 'community',
    parentId: street,
  });
  const now = new Date().toISOString();
  const { campaignId, standardId } = await insertLockedCampaign(ctx.db, {
    regionId: district,
    signatory: '上海市普陀区拥军优属拥政爱民工作领导小组办公室',
    consideredCount: people,
    now,
  });
  const names: string[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    for (let done = 0; done < people; done += 500) {
      const batch = Array.from({ length: Math.min(500, people - done) }, (_, k) => {
        const i = done + k;
        const name = `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}${given[(i * 13 + 1) % given.length]}`;
        names.push(name);
        const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(i / 400) * 86_400_000).toISOString().slice(0, 10);
        const body = `310107${birth.replaceAll('-', '')}${String(i % 400).padStart(3, '0')}`;
        return {
          ...sensitiveColumns(ctx.cipher, body + idCheckDigit(body), null),
          ...nameColumns(name),
          sex: 'M',
          birth_date: birth,
          hukou_region_id: community,
          residence_region_id: community,
          address: null,
          household_id: null,
          alive: 1,
          death_date: null,
          living_situations_json: '[]',
          notes: null,
          version: 1,
          created_at: now,
          updated_at: now,
        };
      });
      const ids = await trx.insertInto('persons').values(batch).returning('id').execute();
      await trx
        .insertInto('campaign_roster_entries')
        .values(
          ids.map(({ id }) =>
            rosterEntryRow({ campaignId, standardId, personId: id, place: [street, community], now }),
          ),
        )
        .execute();
    }
  });
  return { campaignId, names };
}

/** Bare pdfkit: the same rows read, the same text merged, laid out by pdfkit itself with the same fonts. */
async function bare(ctx: BenchContext, campaignId: number): Promise<{ bytes: number; pages: number }> {
  const rows = await ctx.db
    .selectFrom('campaign_roster_entries')
    .innerJoin('persons', 'persons.id', 'campaign_roster_entries.person_id')
    .innerJoin('campaign_standards', 'campaign_standards.id', 'campaign_roster_entries.standard_id')
    .select(['persons.name', 'campaign_standards.letter_template'])
    .where('campaign_roster_entries.campaign_id', '=', campaignId)
    .orderBy('campaign_roster_entries.id')
    .execute();
  const fonts = loadPdfFonts();
  const mm = (v: number) => (v * 72) / 25.4;
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    margins: { top: mm(37), left: mm(28), right: mm(26), bottom: mm(35) },
  });
  doc.registerFont('title', fonts.title as unknown as string);
  doc.registerFont('body', fonts.body as unknown as string);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  let pages = 0;
  for (const row of rows) {
    const fields: LetterFields = {
      姓名: row.name,
      称谓: '同志',
      类别: '烈士遗属',
      落款单位: '上海市普陀区拥军优属拥政爱民工作领导小组办公室',
      日期: chineseDate('2026-02-10'),
    };
    doc.addPage();
    pages++;
    doc.font('title').fontSize(22).text('慰问信', { align: 'center' }).moveDown(0.6);
    doc.font('body').fontSize(16);
    for (const block of letterBlocks(row.letter_template ?? defaultLetterTemplate, fields)) {
      const right = block.kind === 'signature' || block.kind === 'date';
      doc.text(block.text, { indent: block.kind === 'paragraph' ? 32 : 0, align: right ? 'right' : 'justify' });
    }
  }
  doc.end();
  await ended;
  return { bytes: chunks.reduce((n, c) => n + c.length, 0), pages };
}

export const lettersBenchmark: Benchmark = {
  name: 'letters pdf',
  async run({ engine, scale, postgresUrl }) {
    const letters = Math.max(100, Math.round(10_000 * scale));
    const ctx = await benchContext({ engine, scale, postgresUrl });
    try {
      const { campaignId } = await seed(ctx, letters);
      // Fonts are parsed once per process and warmed up by a first bare run: neither measurement pays for that.
      await bare(ctx, campaignId);
      const ours = await timed(() =>
        renderLetters(ctx, systemActor('基准测试'), campaignId, { per: 'entry', date: '2026-02-10' }),
      );
      const baseline = await timed(() => bare(ctx, campaignId));
      const doc = ours.result;
      writeFileSync(path.join(os.tmpdir(), `sy-bench-letters-${engine}.pdf`), doc.bytes);
      const rate = (doc.pages / ours.ms) * 1000;
      const baseRate = (baseline.result.pages / baseline.ms) * 1000;
      const perPage = doc.bytes.length / doc.pages;
      const basePerPage = baseline.result.bytes / baseline.result.pages;
      return [
        {
          name: `letters ${letters} pages/s`,
          engine,
          value: Math.round(rate),
          unit: 'pages/s',
          baseline: Math.round(baseRate),
          ratio: Number((rate / baseRate).toFixed(2)),
          target: '≥ 0.7× bare pdfkit',
          met: rate >= 0.7 * baseRate,
        },
        {
          name: `letters ${letters} bytes/page`,
          engine,
          value: Math.round(perPage),
          unit: 'B/page',
          baseline: Math.round(basePerPage),
          ratio: Number((perPage / basePerPage).toFixed(2)),
          target: '≤ 1536 B/page',
          met: perPage <= 1536,
        },
      ];
    } finally {
      await ctx.close();
    }
  },
};
