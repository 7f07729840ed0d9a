import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestRegions } from '../../../../test/helpers/factories.ts';
import { pdfInfo, pdfText } from '../../../../test/helpers/pdf.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { DocumentJobResult } from '../../../shared/api/campaign-documents.api.ts';
import type { JobItem } from '../../../shared/api/jobs.api.ts';
import { jobSettled } from '../../platform/jobs.ts';
import { seedPrintableCampaign, unprintableChar } from './documents.fixture.ts';

/** Campaign PDFs as jobs: the same PDF as the direct download, progress to the total, Chinese errors, expiry. */

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
let campaignId: number;
let office: TestClient;
let street: TestClient;
let otherOffice: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  ({ campaignId, r } = await seedPrintableCampaign(ctx));
  const users = [
    await createUser(ctx, { role: 'office', regionId: r.district }),
    await createUser(ctx, { role: 'street', regionId: r.streets[0] }),
    await createUser(ctx, { role: 'office', regionId: r.district }),
  ];
  const [o, s, o2] = await Promise.all(users.map((u) => login(app, u.username, u.password)));
  [office, street, otherOffice] = [o!, s!, o2!];
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

async function runJob(client: TestClient, body: Record<string, unknown>) {
  const started = await client.post<{ jobId: number }>(`/api/campaign-documents/${campaignId}/jobs`, body);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  await jobSettled(started.body.jobId);
  return (await client.get<JobItem>(`/api/jobs/${started.body.jobId}`)).body;
}

const direct = async (client: TestClient, path: string) =>
  (await client.get(`/api/campaign-documents/${campaignId}/${path}`)).raw.rawPayload;
const download = (client: TestClient, url: string) => client.get(url);

describe('documents as jobs', () => {
  it('letters: the job’s PDF reads exactly as the direct download, progress reaches the total', async () => {
    const job = await runJob(office, { kind: 'letters', per: 'household', date: '2026-02-12', allowUnprintable: true });
    expect(job.status, job.message ?? '').toBe('succeeded');
    const result = job.result as DocumentJobResult;
    expect([job.progress, job.total]).toEqual([4, 4]);
    const file = await download(office, result.downloadUrl);
    expect(file.status).toBe(200);
    // Making it and every download are audited as exports.
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_type', '=', 'campaign')
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(audit.map((a) => a.summary)).toEqual([
      `下载慰问信 PDF（${result.pages} 页，后台任务 ${job.id}）`,
      '导出慰问信 PDF（5 条名单条目）',
    ]);
    const bytes = file.raw.rawPayload;
    expect(pdfText(bytes)).toBe(pdfText(await direct(office, 'letters.pdf?per=household&date=2026-02-12')));
    expect(pdfInfo(bytes).pages).toBe(result.pages);
    expect(result.unprintable.map((u) => u.char)).toEqual([unprintableChar]);
  });

  it('sign-off sheets and the summary for a street equal the direct ones, the street sees only its own', async () => {
    for (const [kind, path] of [
      ['sign-off-sheets', 'sign-off-sheets.pdf'],
      ['disbursement-summary', 'disbursement-summary.pdf'],
    ] as const) {
      const job = await runJob(street, { kind });
      expect(job.status, job.message ?? '').toBe('succeeded');
      const result = job.result as DocumentJobResult;
      // 甲街道 has four active entries (张三, 张妻, 李𡒄, 王五).
      expect([job.progress, job.total, result.count]).toEqual([4, 4, 4]);
      const bytes = (await download(street, result.downloadUrl)).raw.rawPayload;
      expect(pdfText(bytes, true)).toBe(pdfText(await direct(street, path), true));
      expect(pdfText(bytes)).not.toContain('赵');
    }
    expect(
      (await street.post(`/api/campaign-documents/${campaignId}/jobs`, { kind: 'letters', streetId: r.streets[1] }))
        .status,
    ).toBe(404);
  });

  it('a character no font has fails the job with a Chinese message naming it, and nothing is stored', async () => {
    const generated = () => ctx.db.selectFrom('files').select('sha256').where('expires_at', 'is not', null).execute();
    const before = await generated();
    const job = await runJob(office, { kind: 'sign-off-sheets' });
    expect(job.status).toBe('failed');
    expect(job.errorCode).toBe('VALIDATION_FAILED');
    expect(job.message).toContain(`“${unprintableChar}”（U+31350`);
    expect(job.message).toContain('请在优抚对象名册中核对姓名用字');
    expect(job.result).toBeNull();
    expect(await generated()).toEqual(before);
  });

  it('a result is for its maker only, and expires', async () => {
    const job = await runJob(office, { kind: 'disbursement-summary' });
    const { downloadUrl: url, sha256 } = job.result as DocumentJobResult;
    expect((await download(otherOffice, url)).status).toBe(404);
    // Kept in the one store of bytes with its expiry.
    const stored = () => ctx.db.selectFrom('files').select('expires_at').where('sha256', '=', sha256).execute();
    expect(await stored()).toEqual([{ expires_at: (job.result as DocumentJobResult).expiresAt }]);
    const past = '2000-01-01T00:00:00.000Z';
    const result = { ...(job.result as DocumentJobResult), expiresAt: past };
    await ctx.db
      .updateTable('jobs')
      .set({ result_json: JSON.stringify(result) })
      .where('id', '=', job.id)
      .execute();
    await ctx.db.updateTable('files').set({ expires_at: past }).where('sha256', '=', sha256).execute();
    const expired = await download(office, url);
    expect(expired.status).toBe(404);
    expect((expired.body as { error: { message: string } }).error.message).toContain('已过期');
    // The next job clears expired results from the database.
    await runJob(office, { kind: 'disbursement-summary' });
    expect(await stored()).toEqual([]);
  });
});
