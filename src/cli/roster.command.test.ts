import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRegions } from '../../test/helpers/factories.ts';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { addPerson, testStandards } from '../server/modules/campaigns/campaigns.fixture.ts';
import * as campaigns from '../server/modules/campaigns/campaigns.service.ts';
import * as standards from '../server/modules/campaigns/standards.service.ts';
import { type Actor, systemActor } from '../server/platform/access.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/shuangyong.js');

let ctx: TestContext;
let campaignId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const r = await seedRegions(ctx);
  for (const c of r.communities.flat()) await addPerson(ctx, { community: c });
  await addPerson(ctx, { community: r.communities[0][0], category: 'disabled_veteran', grade: 2 });
  await addPerson(ctx, { community: r.communities[0][0], hukou: null });
  const actor: Actor = { ...systemActor('测试'), regionId: r.district };
  const c = await campaigns.createCampaign(ctx, actor, {
    year: 2026,
    regionId: r.district,
    littleNewYearDay: '23',
    budgetCents: 0,
    presetKey: null,
    copyFromCampaignId: null,
    signatory: null,
  });
  campaignId = c.id;
  for (const s of testStandards) await standards.saveStandard(ctx, actor, c.id, null, s);
});
afterAll(async () => {
  await ctx.close();
});

function cli(...args: string[]) {
  const env = {
    ...process.env,
    DATA_DIR: ctx.config.dataDir,
    DATABASE_URL: ctx.config.databaseUrl ?? '',
    SHUANGYONG_SECRET_KEY: ctx.config.secretKey ?? '',
  };
  return run(process.execPath, [bin, ...args], { env, timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('shuangyong roster', () => {
  it('generates the roster as a job and prints counts and money by standard (--json)', async () => {
    const res = await cli('roster', String(campaignId), '--json');
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as {
      entries: number;
      excluded: number;
      cashCents: number;
      byStandard: { name: string; people: number }[];
    };
    const rows = await ctx.db
      .selectFrom('campaign_roster_entries')
      .select('cash_cents')
      .where('campaign_id', '=', campaignId)
      .execute();
    expect(out.entries).toBe(rows.length);
    expect(out.cashCents).toBe(rows.reduce((t, x) => t + x.cash_cents, 0));
    expect(out.excluded).toBe(1);
    expect(out.byStandard.find((s) => s.name === '一至四级残疾军人')?.people).toBe(1);
    const job = await ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'campaign.roster')
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('succeeded');
  });

  it('prints a Chinese table by default and fails with a Chinese message and non-zero exit', async () => {
    const ok = await cli('roster', '2026年春节走访慰问');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('合计');
    const missing = await cli('roster', '9999');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到活动');
  });
});
