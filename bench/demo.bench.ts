import { type Selectable, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/server/db/schema.ts';
import { copyValue } from '../src/server/demo/copy-lines.ts';
import { copyInto } from '../src/server/demo/copy-text.ts';
import { loadDemo } from '../src/server/demo/demo.service.ts';
import { personTable } from '../src/server/demo/people-generator.ts';
import { type BenchContext, type Benchmark, benchContext, timed } from './lib.ts';

/**
 * `shuangyong demo --people N` (generation, encryption, pinyin keys, households, qualifications) against a bare
 * bulk load of the same number of person rows into the same table in the same database, the way the loader
 * writes on that engine: SQLite multi-row INSERTs, PostgreSQL COPY. The baseline's rows are precomputed (copies
 * of loaded people, each with its own ID hash) and go into the table as it stands, indexes and keys in place.
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
        `  载入 ${people} 人：${(ours.ms / 1000).toFixed(1)} s，CPU（本进程）${((cpu.user + cpu.system) / 1e6).toFixed(1)} s\n`,
      );
      const rows = await ctx.db.selectFrom('persons').selectAll().limit(1000).execute();
      if (engine === 'postgres') await sql`TRUNCATE qualifications, persons CASCADE`.execute(ctx.db);
      else {
        await sql`DELETE FROM qualifications`.execute(ctx.db);
        await sql`DELETE FROM persons`.execute(ctx.db);
      }
      const template = rows.map(({ id: _id, ...r }) => r);
      const baseline = await timed(() =>
        engine === 'postgres' ? copyBaseline(ctx, template, people) : insertBaseline(ctx, template, people),
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

type Template = Omit<Selectable<DB['persons']>, 'id'>[];

/** SQLite: the rows 500 per INSERT in one transaction. */
async function insertBaseline(ctx: BenchContext, template: Template, people: number) {
  await ctx.db.transaction().execute(async (trx) => {
    for (let done = 0; done < people; done += 500) {
      const batch = Array.from({ length: Math.min(500, people - done) }, (_, i) => {
        const r = template[(done + i) % template.length]!;
        return { ...r, id_number_hash: `${done + i}` };
      });
      await trx.insertInto('persons').values(batch).execute();
    }
  });
}

/** PostgreSQL: the rows with one COPY in one transaction, the text of each row prepared before the clock runs. */
async function copyBaseline(ctx: BenchContext, template: Template, people: number) {
  const table = { name: 'persons' as const, columns: personTable.columns.filter((c) => c !== 'id') };
  const hashAt = table.columns.indexOf('id_number_hash');
  const line = (r: Template[number], from: number, to: number) =>
    table.columns
      .slice(from, to)
      .map((c) => copyValue(r[c]))
      .join('\t');
  const parts = template.map((r) => [`${line(r, 0, hashAt)}\t`, `\t${line(r, hashAt + 1, table.columns.length)}\n`]);
  const client = new pg.Client({ connectionString: ctx.config.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await copyInto(client, table, async (write) => {
      for (let done = 0; done < people; done += 500) {
        let text = '';
        for (let i = done; i < Math.min(done + 500, people); i++) {
          const [before, after] = parts[i % parts.length]!;
          text += `${before}${i}${after}`;
        }
        await write(text);
      }
    });
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
