import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HttpSession } from '../test/helpers/http-session.ts';
import { startNode } from '../test/helpers/server-process.ts';
import { seedVisitCampaign, visitRecord } from '../test/helpers/visit-seed.ts';
import {
  type BenchContext,
  type Benchmark,
  type BenchOptions,
  type BenchResult,
  benchContext,
  percentile,
} from './lib.ts';

/**
 * Load test: 200 simulated visitors against the real server on 127.0.0.1 for 60 s (6 s with --quick). Each logs
 * in, opens their list, then records their visits one after another with a short pause, re-opening the list
 * now and then; a request without an answer is retried with the same key, as the phone does. Afterwards the
 * database is checked: every acknowledged visit is there, no entry has two. Reports p99 and the 5xx count;
 * bounded by its own deadline. bench/server-rss.bench.ts runs the same load on a database holding the demo people.
 */
const visitors = 200;
const thinkMs = 1000;
type Kind = 'login' | 'list' | 'visit';

export interface LoadOutcome {
  requests: number;
  p99: number;
  /** p99 of each kind of request: logging in (a deliberately slow password hash), opening the list, a visit. */
  p99By: Record<Kind, number>;
  acked: number;
  lost: number;
  duplicated: number;
  serverErrors: number;
  /** The server process's peak resident memory (VmHWM), in MB. */
  peakRssMb: number;
}

/** The server's resident memory now and at its peak, in kB, from /proc (Linux). */
function memoryOf(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/**
 * Seeds the visitors and their entries, starts the real server as a child process on the context's database,
 * drives it for `durationMs`, then checks the database. The server's memory is sampled meanwhile.
 */
export async function runLoad(ctx: BenchContext, durationMs: number): Promise<LoadOutcome> {
  const perVisitor = Math.ceil(durationMs / thinkMs) + 1;
  process.stderr.write(`  准备 ${visitors} 名走访人员、${visitors * perVisitor} 条名单条目……\n`);
  const seeded = await seedVisitCampaign(ctx, { visitors, entriesPerVisitor: perVisitor });
  const server = await startNode({
    ...(ctx.config.databaseUrl ? { DATABASE_URL: ctx.config.databaseUrl } : {}),
    DATA_DIR: ctx.dataDir,
    SHUANGYONG_SECRET_KEY: ctx.config.secretKey!,
  });
  const latencies: number[] = [];
  const byKind: Record<Kind, number[]> = { login: [], list: [], visit: [] };
  const statuses = new Map<number, number>();
  const acked = new Map<number, number[]>();
  const note = (kind: Kind, a: { status: number; ms: number }) => {
    latencies.push(a.ms);
    byKind[kind].push(a.ms);
    statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  };
  const deadline = Date.now() + durationMs;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let peakKb = 0;
  const sampler = setInterval(() => {
    peakKb = Math.max(peakKb, memoryOf(server.child.pid!).rss);
  }, 250);
  try {
    await Promise.all(
      seeded.visitors.map(async (v, i) => {
        await sleep((i / visitors) * thinkMs); // arrivals spread over the first second
        const s = new HttpSession(server.url);
        note('login', await s.login(v.username, v.password));
        note('list', await s.get('/api/visits/mine'));
        for (const [k, entryId] of v.entryIds.entries()) {
          if (Date.now() >= deadline) break;
          const key = randomUUID();
          for (let attempt = 0; attempt < 5; attempt++) {
            const a = await s.post<{ id: number }>(
              `/api/campaigns/${seeded.campaignId}/entries/${entryId}/visit`,
              visitRecord(key),
            );
            note('visit', a);
            if (a.status === 200) acked.set(entryId, [...(acked.get(entryId) ?? []), a.body.id]);
            if (a.status !== 0) break;
          }
          if (k % 5 === 4) note('list', await s.get('/api/visits/mine'));
          await sleep(thinkMs);
        }
      }),
    );
    // The kernel's own high-water mark also covers peaks between two samples.
    peakKb = Math.max(peakKb, memoryOf(server.child.pid!).hwm);
  } finally {
    clearInterval(sampler);
    await server.kill();
  }
  const rows = await ctx.db
    .selectFrom('campaign_visits')
    .select(['id', 'entry_id'])
    .where('campaign_id', '=', seeded.campaignId)
    .execute();
  const byEntry = new Map<number, number[]>();
  for (const r of rows) byEntry.set(r.entry_id, [...(byEntry.get(r.entry_id) ?? []), r.id]);
  const duplicated = [...byEntry.values()].filter((ids) => ids.length > 1).length;
  const lost = [...acked].filter(([entry, ids]) => !ids.every((id) => byEntry.get(entry)?.includes(id))).length;
  const serverErrors = [...statuses].filter(([s]) => s >= 500 || s === 0).reduce((n, [, c]) => n + c, 0);
  process.stderr.write(
    `  ${latencies.length} 个请求，状态 ${JSON.stringify(Object.fromEntries(statuses))}，确认 ${acked.size} 次走访，丢失 ${lost}，重复 ${duplicated}，服务器内存峰值 ${Math.round(peakKb / 1024)} MB\n`,
  );
  const p99Of = (ms: number[]) => Math.round(percentile(ms, 99) * 10) / 10;
  const p99By = { login: p99Of(byKind.login), list: p99Of(byKind.list), visit: p99Of(byKind.visit) };
  process.stderr.write(`  p99：登录 ${p99By.login} ms，打开名单 ${p99By.list} ms，记录走访 ${p99By.visit} ms\n`);
  return {
    requests: latencies.length,
    p99: p99Of(latencies),
    p99By,
    acked: acked.size,
    lost,
    duplicated,
    serverErrors,
    peakRssMb: Math.round(peakKb / 1024),
  };
}

export const loadBenchmark: Benchmark = {
  name: 'load',
  async run({ engine, scale, postgresUrl }: BenchOptions): Promise<BenchResult[]> {
    const durationMs = Math.round(60_000 * scale);
    const ctx = await benchContext({ engine, scale, postgresUrl });
    try {
      const { p99, p99By, acked, lost, duplicated, serverErrors } = await runLoad(ctx, durationMs);
      const clean = serverErrors === 0 && lost === 0 && duplicated === 0 && acked > 0;
      return [
        {
          name: `load: ${visitors} visitors for ${durationMs / 1000} s, p99 latency`,
          engine,
          value: p99,
          unit: 'ms',
          baseline: null,
          ratio: null,
          target: '0 5xx, 0 lost, 0 duplicated (p99 reported)',
          met: clean,
        },
        {
          name: 'load: record a visit, p99 latency',
          engine,
          value: p99By.visit,
          unit: 'ms',
          baseline: null,
          ratio: null,
          target: `reported (login p99 ${p99By.login} ms, list p99 ${p99By.list} ms)`,
          met: clean,
        },
        {
          name: 'load: visits acknowledged',
          engine,
          value: acked,
          unit: 'visits',
          baseline: null,
          ratio: null,
          target: `every one stored once (5xx ${serverErrors}, lost ${lost}, duplicated ${duplicated})`,
          met: clean,
        },
      ];
    } finally {
      await ctx.close();
    }
  },
};
