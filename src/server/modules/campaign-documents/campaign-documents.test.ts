import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit, createUser, type TestRegions } from '../../../../test/helpers/factories.ts';
import { pdfInfo, pdfText } from '../../../../test/helpers/pdf.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import { type DocumentOverview, unprintableHeader } from '../../../shared/api/campaign-documents.api.ts';
import type { Role } from '../../../shared/permissions.ts';
import { seedPrintableCampaign, unprintableChar } from './documents.fixture.ts';

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
let campaignId: number;
const clients = {} as Record<'office' | 'street' | 'street2' | 'community' | 'troop' | 'leader', TestClient>;
const strange = unprintableChar;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  ({ campaignId, r } = await seedPrintableCampaign(ctx));
  const [[c11]] = r.communities;
  const [s1, s2] = r.streets;
  const troopUnit = await createUnit(ctx, { kind: 'military', designation: '91001部队' });
  const anchors: Record<keyof typeof clients, { role: Role; regionId?: number; unitId?: number }> = {
    office: { role: 'office', regionId: r.district },
    street: { role: 'street', regionId: s1 },
    street2: { role: 'street', regionId: s2 },
    community: { role: 'community', regionId: c11 },
    troop: { role: 'troop', unitId: troopUnit },
    leader: { role: 'leader', regionId: r.district },
  };
  for (const [key, a] of Object.entries(anchors)) {
    const user = await createUser(ctx, a);
    clients[key as keyof typeof clients] = await login(app, user.username, user.password);
  }
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const pdfOf = async (client: TestClient, path: string) => {
  const res: LightMyRequestResponse = (await client.get(`/api/campaign-documents/${campaignId}/${path}`)).raw;
  return {
    res,
    bytes: res.rawPayload,
    unprintable: JSON.parse(decodeURIComponent(String(res.headers[unprintableHeader] ?? '%5B%5D'))),
  };
};

describe('慰问信', () => {
  it('prints one letter per active entry, names extractable, on A4, and audits the export', async () => {
    const { res, bytes, unprintable } = await pdfOf(clients.office, 'letters.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('慰问信'));
    const text = pdfText(bytes);
    for (const name of ['尊敬的张三同志', '尊敬的张妻同志', '尊敬的李𡒄同志', '尊敬的王五同志', '尊敬的赵〓同志']) {
      expect(text).toContain(name);
    }
    expect(text).not.toContain('钱七');
    expect(text).toContain('2026年2月10日');
    expect(text).toContain('测试区拥军优属拥政爱民工作领导小组办公室');
    expect(pdfInfo(bytes)).toEqual({ pages: 5, pageSize: '595.28 x 841.89 pts (A4)' });
    expect(bytes.length / 5).toBeLessThan(60_000);
    expect(unprintable).toEqual([
      { char: strange, codePoint: 'U+31350', count: 1, samples: [`尊敬的赵${strange}同志：`] },
    ]);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_type', '=', 'campaign')
      .where('action', '=', 'export')
      .execute();
    expect(audit.at(-1)?.summary).toBe('导出慰问信 PDF（5 条名单条目）');
  });

  it('merges a household into one letter when asked', async () => {
    const { bytes } = await pdfOf(clients.office, 'letters.pdf?per=household&date=2026-02-12');
    const text = pdfText(bytes);
    expect(text).toContain('尊敬的张三、张妻同志');
    expect(text).toContain('2026年2月12日');
    expect(pdfInfo(bytes).pages).toBe(4);
  });

  it("gives street staff only their street's letters; another street is 404, the troop liaison 403", async () => {
    const own = pdfText((await pdfOf(clients.street, 'letters.pdf')).bytes);
    expect(own).toContain('王五');
    expect(own).not.toContain('赵');
    expect((await pdfOf(clients.street, `letters.pdf?streetId=${r.streets[1]}`)).res.statusCode).toBe(404);
    expect((await pdfOf(clients.street2, `letters.pdf?communityId=${r.communities[0][0]}`)).res.statusCode).toBe(404);
    expect((await pdfOf(clients.troop, 'letters.pdf')).res.statusCode).toBe(403);
    const community = pdfText((await pdfOf(clients.community, 'letters.pdf')).bytes);
    expect(community).toContain('李𡒄');
    expect(community).not.toContain('王五');
  });
});

describe('签收表 and 发放汇总表', () => {
  it('prints a sheet per community with amounts and page numbers', async () => {
    const { res, bytes } = await pdfOf(clients.street, 'sign-off-sheets.pdf');
    expect(res.statusCode).toBe(200);
    const info = pdfInfo(bytes);
    expect(info.pages).toBe(2);
    expect(info.pageSize).toContain('841.89 x 595.28');
    const text = pdfText(bytes, true);
    for (const s of ['甲一社区', '甲二社区', '张三', '李𡒄', '王五', '1,000.00', '大米 1袋', '签收人签字']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*1\s*页/);
    expect(text).toContain('残疾军人');
    expect(text).not.toContain('钱七');
  });

  it('sums money by street and category, with the total in words', async () => {
    const { res, bytes } = await pdfOf(clients.office, 'disbursement-summary.pdf');
    expect(res.statusCode).toBe(200);
    const text = pdfText(bytes, true);
    expect(text).toMatch(/甲街道 小计\s+4\s+4,000.00\s+600.00\s+4,600.00/);
    expect(text).toMatch(/合计\s+5\s+5,000.00\s+750.00\s+5,750.00/);
    expect(text).toContain('合计金额（大写）：伍仟柒佰伍拾元整');
  });
});

describe('overview', () => {
  it('counts what can be printed and names the characters no font has', async () => {
    const res = await clients.office.get<DocumentOverview>(`/api/campaign-documents/${campaignId}/overview`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ entries: 5, households: 4, letters: 5, cashCents: 500_000, goodsCents: 75_000 });
    expect(res.body.communities.map((c) => c.name).sort()).toEqual(['乙一社区', '甲一社区', '甲二社区']);
    expect(res.body.unprintable).toEqual([
      { char: strange, codePoint: 'U+31350', count: 1, samples: [`赵${strange}`] },
    ]);
    const leader = await clients.leader.get<DocumentOverview>(`/api/campaign-documents/${campaignId}/overview`);
    expect(leader.status).toBe(200);
  });

  it('answers 404 for a campaign out of reach or missing', async () => {
    expect((await clients.office.get('/api/campaign-documents/99999/overview')).status).toBe(404);
  });
});
