import { sql } from 'kysely';
import { loadDemo } from '../src/server/demo/demo.service.ts';
import { type Benchmark, benchContext, timed } from './lib.ts';

/**
 * `shuangyong demo --people N` (generation, encryption, pinyin keys, households, qualifications) against a bare
 * bulk insert of the same number of person rows into the same table in the same database.
 */
export const demoBenchmark: Benchmark = {
  name: 'demo people',
  async run({ engine, scale, postgresUrl }) {
    const people = Math.round(1_000_000 * scale);
    const ctx = await benchContext({ engine, scale, postgresUrl });
    try {
      // CPU seconds besides wall time: on a shared machine the wall time mostly measures the neighbours.
      const cpu0 = process.cpuUsage();
      const ours = await timed(() => loadDemo(ctx, { deployment: 'putuo', people }));
      const cpu = process.cpuUsage(cpu0);
      process.stderr.write(
        `  载入 ${people} 人：${(ours.ms / 1000).toFixed(1)} s，CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s\n`,
      );
      const rows = await ctx.db.selectFrom('persons').selectAll().limit(1000).execute();
      await sql`DELETE FROM qualifications`.execute(ctx.db);
      await sql`DELETE FROM persons`.execute(ctx.db);
      // Baseline: the same rows copied back, 500 per statement in one transaction (what bulk insert costs).
      const template = rows.map(({ id: _id, ...r }) => r);
      const baseline = await timed(() =>
        ctx.db.transaction().execute(async (trx) => {
          for (let done = 0; done < people; done += 500) {
            const batch = Array.from({ length: Math.min(500, people - done) }, (_, i) => {
              const r = template[(done + i) % template.length]!;
              return { ...r, id_number_hash: `${done + i}`, id_tail6_hash: r.id_tail6_hash };
            });
            await trx.insertInto('persons').values(batch).execute();
          }
        }),
      );
      const seconds = ours.ms / 1000;
      const targetSeconds = 60 * scale;
      return [
        {
          name: `demo --people ${people}`,
          engine,
          value: Number(seconds.toFixed(1)),
          unit: 's',
          baseline: Number((baseline.ms / 1000).toFixed(1)),
          ratio: Number((ours.ms / baseline.ms).toFixed(2)),
          target: `≤ ${targetSeconds} s`,
          met: seconds <= targetSeconds,
        },
      ];
    } finally {
      await ctx.close();
    }
  },
};
