import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, loadDemo } from '../../src/server/demo/demo.service.ts';
import { verifyAuditChain } from '../../src/server/platform/audit.ts';
import { committedMessage, interruptedMessage } from '../../src/server/platform/jobs.ts';
import { HttpSession } from '../helpers/http-session.ts';
import { makeId } from '../helpers/roster-files.ts';
import { type ServerNode, startNode } from '../helpers/server-process.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

// SIGKILL of the server in the middle of long work, then a restart: nothing half-written, the job shows as
// failed, and doing it again gives the right result. Real server processes on the test database (both engines).
let ctx: TestContext;
let node: ServerNode | undefined;
let session: HttpSession;
let street: { name: string; community: string };

const peopleInRegistry = 50_000;
const importRows = 6_000;

async function startServer() {
  node = await startNode({
    ...(ctx.config.databaseUrl ? { DATABASE_URL: ctx.config.databaseUrl } : {}),
    DATA_DIR: ctx.config.dataDir,
    SHUANGYONG_SECRET_KEY: ctx.config.secretKey!,
    // Demo passwords must work; a short lease so a dead node's job is failed within the test.
    NODE_ENV: 'development',
    SHUANGYONG_DEMO: '1',
    SHUANGYONG_JOB_LEASE_SECONDS: '5',
  });
  session = new HttpSession(node.url);
  const login = await session.login('office', demoPassword);
  expect(login.status, JSON.stringify(login.body)).toBe(200);
}

async function crash() {
  await node!.kill('SIGKILL');
  await startServer();
}

interface Job {
  status: string;
  progress: number;
  message: string | null;
  result: unknown;
}

async function job(id: number): Promise<Job> {
  return (await session.get<Job>(`/api/jobs/${id}`)).body;
}

async function settled(id: number, timeoutMs = 90_000): Promise<Job> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const j = await job(id);
    if (j.status === 'succeeded' || j.status === 'failed') return j;
    if (Date.now() > until) throw new Error(`job ${id} did not settle: ${JSON.stringify(j)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits until the job is under way, then a little. Read from the database, not over HTTP: on SQLite the server
 * is busy inside the work (the driver is synchronous) and answers only between its steps.
 */
async function underWay(id: number, settleMs = 150) {
  const until = Date.now() + 60_000;
  for (;;) {
    const j = await ctx.db.selectFrom('jobs').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
    if (j.status === 'succeeded' || j.status === 'failed') throw new Error(`job ${id} ended before the crash`);
    if (j.status === 'running') break;
    if (Date.now() > until) throw new Error(`job ${id} never got under way`);
    await new Promise((r) => setTimeout(r, 20));
  }
  if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
  const j = await ctx.db.selectFrom('jobs').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
  expect(j.status).toBe('running');
}

/** Polls until `probe` gives a value (a reaper runs once per heartbeat period). */
async function eventually<T>(probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error('did not happen in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const count = async (table: 'persons' | 'campaign_roster_entries' | 'campaign_exclusions') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  ctx = await createTestContext();
  await loadDemo(ctx, { deployment: 'putuo', people: peopleInRegistry });
  const s = await ctx.db
    .selectFrom('regions as s')
    .innerJoin('regions as c', 'c.parent_id', 's.id')
    .select(['s.name as name', 'c.name as community'])
    .where('s.level', '=', 'street')
    .where('c.level', '=', 'community')
    .orderBy('c.id')
    .executeTakeFirstOrThrow();
  street = s;
  await startServer();
}, 300_000);

afterAll(async () => {
  await node?.kill();
  await ctx?.close();
});

// CSV rather than xlsx: exceljs's streaming reader garbles a Chinese character now and then where a chunk of the
// shared strings ends (seen on 6 of 6,000 rows), which the import then rightly refuses — reported, not masked here.
function importFile(): Buffer {
  const rows: (string | null)[][] = [['姓名', '身份证号', '优抚类别', '街道', '社区']];
  for (let i = 0; i < importRows; i++) {
    const birth = `19${30 + (i % 40)}${String(1 + (Math.floor(i / 40) % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 480) % 28)).padStart(2, '0')}`;
    // 220000 prefix: ID numbers the demo (310107…) never gives out.
    const name = `${'赵钱孙李周吴郑王冯陈'[i % 10]}${'建国华明丽军红伟芳强'[Math.floor(i / 10) % 10]}${'一二三四五六七八九十'[Math.floor(i / 100) % 10]}`;
    rows.push([name, makeId(birth, i % 2 ? 'M' : 'F', i, '220000'), '烈士遗属', street.name, street.community]);
  }
  return Buffer.from(`\ufeff${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
}

async function validated(bytes: Buffer): Promise<number> {
  const started = await session.postBytes<{ importId: number; jobId: number }>(
    '/api/registry/imports?fileName=crash.csv',
    bytes,
  );
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const v = await settled(started.body.jobId);
  expect(v.status, v.message ?? '').toBe('succeeded');
  const refused = await session.get<{ total: number; items: unknown[] }>(
    `/api/registry/imports/${started.body.importId}/rows?filter=refused&pageSize=2`,
  );
  expect(refused.body.total, JSON.stringify(refused.body.items)).toBe(0);
  return started.body.importId;
}

/** A campaign of `year` with one standard every registered person meets. */
async function newCampaign(year: number): Promise<number> {
  const created = await session.post<{ id: number }>('/api/campaigns', {
    year,
    budgetCents: 10_000_000_000,
    dedupPolicy: 'person',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const standard = await session.post(`/api/campaigns/${created.body.id}/standards`, {
    name: '优抚对象普惠',
    priority: 10,
    categories: [],
    conditions: [{ kind: 'hukouLocal', value: true }],
    package: {
      cashCents: 50_000,
      goods: [],
      letterTemplate: '尊敬的{{姓名}}：\n值此新春佳节，向您致以节日的问候！\n{{落款单位}}',
    },
  });
  expect(standard.status, JSON.stringify(standard.body)).toBe(200);
  return created.body.id;
}

describe('a server killed during long work', () => {
  it('import: nothing half-imported, the job and the import show failed, a new upload imports every row', async () => {
    const bytes = importFile();
    const before = await count('persons');
    const importId = await validated(bytes);
    const commit = await session.post<{ jobId: number }>(`/api/registry/imports/${importId}/commit`, {});
    expect(commit.status, JSON.stringify(commit.body)).toBe(200);
    await underWay(commit.body.jobId);
    await crash();

    expect(await count('persons')).toBe(before);
    const failed = await settled(commit.body.jobId, 30_000);
    expect(failed).toMatchObject({ status: 'failed', message: interruptedMessage });
    // The import follows once a node reaps the dead job (at most one heartbeat later).
    const item = await eventually(async () => {
      const res = await session.get<{ status: string; message: string }>(`/api/registry/imports/${importId}`);
      return res.body.status === 'failed' ? res.body : null;
    });
    expect(item.message).toContain('重新上传');

    const again = await validated(bytes);
    const redo = await session.post<{ jobId: number }>(`/api/registry/imports/${again}/commit`, {});
    expect((await settled(redo.body.jobId)).status).toBe('succeeded');
    expect(await count('persons')).toBe(before + importRows);
  }, 240_000);

  it('roster: no entries written, the job shows failed, generating again gives the full roster', async () => {
    const campaignId = await newCampaign(2027);
    const before = { entries: await count('campaign_roster_entries'), exclusions: await count('campaign_exclusions') };
    const started = await session.post<{ jobId: number }>(`/api/campaigns/${campaignId}/roster`, {});
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    // Set-based generation of 50,000 people takes well under a second: kill as soon as it runs.
    await underWay(started.body.jobId, 0);
    await crash();

    // Generation is one transaction of a few statements: the kill lands inside it (nothing written, the job
    // failed, the campaign still a draft) or just after its commit (the job known to have succeeded). Never
    // anything in between.
    const after = { entries: await count('campaign_roster_entries'), exclusions: await count('campaign_exclusions') };
    const outcome = await settled(started.body.jobId, 30_000);
    const campaign = await session.get<{ status: string }>(`/api/campaigns/${campaignId}`);
    if (outcome.status === 'failed') {
      expect(outcome.message).toBe(interruptedMessage);
      expect(after).toEqual(before);
      expect(campaign.body.status).toBe('draft');
      const again = await session.post<{ jobId: number }>(`/api/campaigns/${campaignId}/roster`, {});
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect((await settled(again.body.jobId)).status).toBe('succeeded');
    } else {
      expect(outcome).toMatchObject({ status: 'succeeded', message: committedMessage });
      expect(after.entries).toBeGreaterThan(before.entries);
      expect(campaign.body.status).not.toBe('draft');
    }
    // Every living person considered is either on the roster or excluded with a reason, each exactly once.
    const written = await ctx.db
      .selectFrom('campaign_roster_entries')
      .select(['person_id'])
      .where('campaign_id', '=', campaignId)
      .execute();
    const excluded = await ctx.db
      .selectFrom('campaign_exclusions')
      .select(['person_id'])
      .where('campaign_id', '=', campaignId)
      .execute();
    const considered = await ctx.db
      .selectFrom('campaigns')
      .select('considered_count')
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    const ids = [...written, ...excluded].map((r) => r.person_id);
    expect(new Set(written.map((r) => r.person_id)).size).toBe(written.length);
    expect(written.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(considered.considered_count);
  }, 240_000);

  it('PDF: a letters download cut off by the crash is simply asked for again and comes whole', async () => {
    const campaign = { id: await newCampaign(2028) };
    const roster = await session.post<{ jobId: number }>(`/api/campaigns/${campaign.id}/roster`, {});
    const generated = await settled(roster.body.jobId);
    expect(generated.status, JSON.stringify(generated)).toBe('succeeded');
    const firstStreet = await ctx.db
      .selectFrom('campaign_roster_entries')
      .select('street_id')
      .where('campaign_id', '=', campaign.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const entries = Number(
      (
        await ctx.db
          .selectFrom('campaign_roster_entries')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('campaign_id', '=', campaign.id)
          .where('state', '=', 'active')
          .where('street_id', '=', firstStreet.street_id)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const url = `/api/campaign-documents/${campaign.id}/letters.pdf?streetId=${firstStreet.street_id}`;
    const cut = session.download(url);
    await new Promise((r) => setTimeout(r, 300));
    await crash();
    const cutAnswer = await cut;
    expect(cutAnswer.status, cutAnswer.bytes.toString().slice(0, 300)).toBe(0);
    // The export was recorded before rendering began, and the chain is whole.
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);

    const whole = await session.download(url);
    expect(whole.status).toBe(200);
    expect(whole.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(whole.bytes.subarray(-8).toString()).toContain('%%EOF');
    expect(Number(whole.headers?.get('x-document-pages'))).toBeGreaterThanOrEqual(entries);
  }, 240_000);
});
