import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { HttpSession } from '../test/helpers/http-session.ts';
import { startNode } from '../test/helpers/server-process.ts';
import { seedVisitCampaign, visitRecord } from '../test/helpers/visit-seed.ts';
import { type BenchContext, type Benchmark, type BenchOptions, type BenchResult, benchContext } from './lib.ts';

/**
 * Recording a visit over HTTP through the real server (session, CSRF, scope, validation, signature stored,
 * visit and audit record in one transaction) at 50 connections, each request a new visit on its own entry,
 * against a bare Fastify route doing the same single INSERT on the same database with the same durability.
 * Both servers run as their own processes; autocannon drives them from this one, first with a fifth as many
 * unmeasured requests (the servers' warm-up). Targets: ≥ 0.5× the bare route's requests per second, p99 < 25 ms.
 * Also printed: CPU time per request of each server and of its PostgreSQL backends, which a busy shared machine
 * disturbs far less than req/s and latency.
 */
const connections = 50;

/** CPU time a process has used so far (user + system), in ms, from /proc (Linux; 0 elsewhere). */
function cpuMsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU time so far of the PostgreSQL backends serving a database, by pid (none on SQLite: it runs in the server). */
async function databaseCpu(ctx: BenchContext): Promise<Map<number, number>> {
  if (!ctx.config.databaseUrl) return new Map();
  const rows = await sql<{
    pid: number;
  }>`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(ctx.db);
  return new Map(rows.rows.map((r) => [r.pid, cpuMsOf(r.pid)]));
}

/**
 * Runs `load` and answers the CPU time per request in ms of the server process and of the database backends
 * (a backend gone meanwhile is missed): steadier than req/s on a shared machine.
 */
async function withCpu<T>(ctx: BenchContext, pid: number, requests: number, load: () => Promise<T>) {
  const [before, dbBefore] = [cpuMsOf(pid), await databaseCpu(ctx)];
  const result = await load();
  const [after, dbAfter] = [cpuMsOf(pid), await databaseCpu(ctx)];
  let dbMs = 0;
  for (const [backend, ms] of dbAfter) dbMs += ms - (dbBefore.get(backend) ?? 0);
  const perRequest = (ms: number) => Math.round((ms / requests) * 100) / 100;
  return { ...result, cpuMs: perRequest(after - before), dbCpuMs: perRequest(dbMs) };
}

async function drive(
  url: string,
  amount: number,
  next: () => { path: string; body: string; headers: Record<string, string> },
) {
  const started = performance.now();
  let lastResponse = started;
  const result = await autocannon({
    url,
    connections,
    amount,
    requests: [
      {
        method: 'POST',
        onResponse: () => {
          lastResponse = performance.now();
        },
        setupRequest: (req) => {
          const n = next();
          return { ...req, path: n.path, body: n.body, headers: { ...req.headers, ...n.headers } };
        },
      },
    ],
  });
  // Requests from the start to the last answer: autocannon's own figures (and the moment it returns) come in
  // whole seconds, which would round a short run's rate to 500, 250, … requests a second.
  const rps = Math.round((result.requests.total / (lastResponse - started)) * 1000);
  return { rps, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

export const visitHttpBenchmark: Benchmark = {
  name: 'visit-http',
  async run({ engine, scale, postgresUrl }: BenchOptions): Promise<BenchResult[]> {
    const amount = Math.max(500, Math.round(4000 * scale));
    // Requests first sent to both servers and not measured: the figures are of servers past their warm-up (JIT).
    const warm = Math.round(amount / 5);
    const ctx = await benchContext({ engine, scale, postgresUrl });
    try {
      process.stderr.write(`  准备 ${amount + warm} 条名单条目……\n`);
      const seeded = await seedVisitCampaign(ctx, { visitors: 4, entriesPerVisitor: Math.ceil((amount + warm) / 4) });
      const env = {
        ...(ctx.config.databaseUrl ? { DATABASE_URL: ctx.config.databaseUrl } : {}),
        DATA_DIR: ctx.dataDir,
        SHUANGYONG_SECRET_KEY: ctx.config.secretKey!,
      };
      const server = await startNode(env);
      const bare = await startNode(env, 'bench/bare-visit-server.ts');
      try {
        const visitors = await Promise.all(
          seeded.visitors.map(async (v) => {
            const s = new HttpSession(server.url);
            await s.login(v.username, v.password);
            return { headers: s.headers(), entries: [...v.entryIds] };
          }),
        );
        let turn = 0;
        const realRequest = () => {
          // Round robin over the visitors, each request a new visit on the visitor's next entry.
          let v = visitors[turn++ % visitors.length]!;
          for (let i = 0; i < visitors.length && v.entries.length === 0; i++) v = visitors[turn++ % visitors.length]!;
          const entryId = v.entries.shift() ?? 0;
          return {
            path: `/api/campaigns/${seeded.campaignId}/entries/${entryId}/visit`,
            body: JSON.stringify(visitRecord(randomUUID())),
            headers: { ...v.headers, 'content-type': 'application/json' },
          };
        };
        let n = 0;
        const bareRequest = () => {
          const body = { ...visitRecord(randomUUID()), entryId: ++n };
          return { path: '/visit', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
        };
        const warmed = await drive(server.url, warm, realRequest);
        await drive(bare.url, warm, bareRequest);
        const real = await withCpu(ctx, server.child.pid!, amount, () => drive(server.url, amount, realRequest));
        const baseline = await withCpu(ctx, bare.child.pid!, amount, () => drive(bare.url, amount, bareRequest));
        process.stderr.write(
          `  CPU 每次（毫秒）：服务器 ${real.cpuMs}${engine === 'postgres' ? ` + 数据库 ${real.dbCpuMs}` : ''}；裸路由 ${baseline.cpuMs}${engine === 'postgres' ? ` + 数据库 ${baseline.dbCpuMs}` : ''}\n`,
        );
        const stored = Number(
          (
            await ctx.db
              .selectFrom('campaign_visits')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
        const ratio = Math.round((real.rps / baseline.rps) * 100) / 100;
        const failed = real.non2xx + warmed.non2xx;
        const clean = failed === 0 && real.errors + warmed.errors === 0 && stored === amount + warm;
        if (!clean) process.stderr.write(`  非 2xx ${failed}，错误 ${real.errors}，入库 ${stored}/${amount + warm}\n`);
        return [
          {
            name: 'visit-http: record a visit at 50 connections (req/s)',
            engine,
            value: Math.round(real.rps),
            unit: 'req/s',
            baseline: Math.round(baseline.rps),
            ratio,
            target: '≥ 0.5 × bare route, every request 2xx and stored',
            met: ratio >= 0.5 && clean,
          },
          {
            name: 'visit-http: p99 latency',
            engine,
            value: real.p99,
            unit: 'ms',
            baseline: baseline.p99,
            ratio: baseline.p99 > 0 ? Math.round((real.p99 / baseline.p99) * 100) / 100 : null,
            target: '< 25 ms',
            met: real.p99 < 25,
          },
        ];
      } finally {
        await Promise.all([server.kill(), bare.kill()]);
      }
    } finally {
      await ctx.close();
    }
  },
};
