import { loadDemo } from '../src/server/demo/demo.service.ts';
import { type Benchmark, type BenchOptions, type BenchResult, benchContext } from './lib.ts';
import { runLoad } from './load.ts';

/**
 * The server's memory while the database holds the people of a whole city: the demo people (1,000,000; 100,000
 * with --quick) are loaded first, then the load test (bench/load.ts) drives the real server, a child process,
 * whose peak resident memory (VmHWM, and VmRSS sampled) is the figure. Target < 400 MB. Baseline: the same
 * load against a server on a database without the demo people, in the same run.
 */
export const serverRssBenchmark: Benchmark = {
  name: 'server-rss',
  async run({ engine, scale, postgresUrl }: BenchOptions): Promise<BenchResult[]> {
    const people = Math.round(1_000_000 * scale);
    const durationMs = Math.round(60_000 * scale);
    const empty = await benchContext({ engine, scale, postgresUrl });
    let baseline: number;
    try {
      baseline = (await runLoad(empty, durationMs)).peakRssMb;
    } finally {
      await empty.close();
    }
    const ctx = await benchContext({ engine, scale, postgresUrl });
    try {
      process.stderr.write(`  载入 ${people} 名演示人员……\n`);
      // Karamay: its region codes do not collide with the test regions the load seeds.
      await loadDemo(ctx, { deployment: 'karamay', people });
      const outcome = await runLoad(ctx, durationMs);
      const clean = outcome.serverErrors === 0 && outcome.lost === 0 && outcome.duplicated === 0;
      return [
        {
          name: `server RSS holding ${people} people under load`,
          engine,
          value: outcome.peakRssMb,
          unit: 'MB',
          baseline,
          ratio: baseline > 0 ? Math.round((outcome.peakRssMb / baseline) * 100) / 100 : null,
          target: '< 400 MB (peak, server process), load clean',
          met: outcome.peakRssMb < 400 && clean,
        },
      ];
    } finally {
      await ctx.close();
    }
  },
};
