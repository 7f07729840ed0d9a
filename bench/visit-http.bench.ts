import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { HttpSession } from '../test/helpers/http-session.ts';
import { startNode } from '../test/helpers/server-process.ts';
import { seedVisitCampaign, visitRecord } from '../test/helpers/visit-seed.ts';
import { type Benchmark, type BenchOptions, type BenchResult, benchContext } from './lib.ts';

/**
 * Recording a visit over HTTP through the real server (session, CSRF, scope, validation, signature stored,
 * visit and audit record in one transaction) at 50 connections, each request a new visit on its own entry,
 * against a bare Fastify route doing the same single INSERT on the same database with the same durability.
 * Both servers run as their own processes; autocannon drives them from this one. Targets: ≥ 0.5× the bare
 * route's requests per second, p99 < 25 ms.
 */
const connections = 50;

async function drive(
  url: string,
  amount: number,
  next: () => { path: string; body: string; headers: Record<string, string> },
) {
  const result = await autocannon({
    url,
    connections,
    amount,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const n = next();
          return { ...req, path: n.path, body: n.body, headers: { ...req.headers, ...n.headers } };
        },
      },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

export const visitHttpBenchmark: Benchmark = {
  name: 'visit-http',
  async run({ engine, scale, postgresUrl }: BenchOptions): Promise<BenchResult[]> {
    const amount = Math.max(500, Math.round(4000 * scale));
    const ctx = await benchContext({ engine, scale, postgresUrl });
    try {
      process.stderr.write(`  准备 ${amount} 条名单条目……\n`);
      const seeded = await seedVisitCampaign(ctx, { visitors: 4, entriesPerVisitor: Math.ceil(amount / 4) });
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
        const real = await drive(server.url, amount, () => {
          // Round robin over the visitors, each request a new visit on the visitor's next entry.
          let v = visitors[turn++ % visitors.length]!;
          for (let i = 0; i < visitors.length && v.entries.length === 0; i++) v = visitors[turn++ % visitors.length]!;
          const entryId = v.entries.shift() ?? 0;
          return {
            path: `/api/campaigns/${seeded.campaignId}/entries/${entryId}/visit`,
            body: JSON.stringify(visitRecord(randomUUID())),
            headers: { ...v.headers, 'content-type': 'application/json' },
          };
        });
        let n = 0;
        const baseline = await drive(bare.url, amount, () => {
          const body = { ...visitRecord(randomUUID()), entryId: ++n };
          return { path: '/visit', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
        });
        const stored = Number(
          (
            await ctx.db
              .selectFrom('campaign_visits')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
        const ratio = Math.round((real.rps / baseline.rps) * 100) / 100;
        const clean = real.non2xx === 0 && real.errors === 0 && stored === amount;
        if (!clean) process.stderr.write(`  非 2xx ${real.non2xx}，错误 ${real.errors}，入库 ${stored}/${amount}\n`);
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
