import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import type { AppContext } from '../src/server/context.ts';
import { loadDemo } from '../src/server/demo/demo.service.ts';
import { nameColumns, phone2Columns, sensitiveColumns } from '../src/server/modules/registry/person-row.ts';
import { listPersons } from '../src/server/modules/registry/registry.service.ts';
import type { Actor } from '../src/server/platform/access.ts';
import type { PersonListQuery } from '../src/shared/api/registry.api.ts';
import { idCheckDigit } from '../src/shared/domain/id-number.ts';
import { type Benchmark, type BenchOptions, type BenchResult, benchContext, percentile, timed } from './lib.ts';

/**
 * Registry search at scale (issue 3 §6: p95 under 100 ms at 1,000,000 people): the office's search box and
 * filters through the whole service (scope filter, count, masking, labels), against the bare indexed SELECT
 * of the same rows in the same database.
 */
const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志海燕红梅玉凤德胜永清宝山金春生淑珍';

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Fast synthetic people for the benchmark (names repeat as real ones do; every ID number is valid). */
export async function fillRegistry(ctx: AppContext, people: number) {
  const rnd = seeded(20_260_125);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const communities = (
    await ctx.db.selectFrom('regions').select('id').where('level', 'in', ['community', 'village']).execute()
  ).map((r) => r.id);
  const names = new Map<string, ReturnType<typeof nameColumns>>();
  const categories = ['retired_soldier', 'disabled_veteran', 'martyr_family', 'serviceman_family', 'transferred_cadre'];
  const now = new Date().toISOString();
  const batch = 1000;
  for (let start = 0; start < people; start += batch) {
    const n = Math.min(batch, people - start);
    await ctx.db.transaction().execute(async (trx) => {
      const rows = Array.from({ length: n }, (_, k) => {
        const i = start + k;
        const name = pick([...surnames]) + pick([...given]) + (rnd() < 0.6 ? pick([...given]) : '');
        let keys = names.get(name);
        if (!keys) {
          keys = nameColumns(name);
          names.set(name, keys);
        }
        const year = 1930 + Math.floor(rnd() * 70);
        const birth = `${year}${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
        // Unique numbers: the sequence digits and the 6-digit area code vary with i.
        const body = `${String(310000 + (i % 9000)).padStart(6, '0')}${birth}${String(Math.floor(i / 9000) % 1000).padStart(3, '0')}`;
        const idNumber = body + idCheckDigit(body);
        const community = pick(communities);
        return {
          ...sensitiveColumns(ctx.cipher, idNumber, `13${String(100_000_000 + i).slice(-9)}`),
          ...phone2Columns(ctx.cipher, null),
          ...keys,
          sex: Number(body[16]) % 2 === 1 ? 'M' : 'F',
          birth_date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
          hukou_region_id: rnd() < 0.9 ? community : null,
          hukou_address: null,
          residence_region_id: community,
          address: null,
          household_id: null,
          household_role: null,
          alive: rnd() < 0.97 ? 1 : 0,
          death_date: null,
          living_situations_json: rnd() < 0.1 ? '["独居"]' : '[]',
          notes: null,
          version: 1,
          created_at: now,
          updated_at: now,
        };
      });
      // A person whose ID number repeats (same area, date and sequence) is simply skipped.
      const inserted = await trx
        .insertInto('persons')
        .values(rows)
        .onConflict((oc) => oc.column('id_number_hash').doNothing())
        .returning('id')
        .execute();
      await trx
        .insertInto('qualifications')
        .values(
          inserted.map((p) => ({
            person_id: p.id,
            category_code: pick(categories),
            disability_grade: null,
            disability_nature: null,
            relation: null,
            serviceman_name: null,
            certificate_no: null,
            start_date: null,
            end_date: null,
            flags_json: '[]',
            created_at: now,
          })),
        )
        .execute();
    });
  }
  // PostgreSQL's autovacuum would have analysed a table this size; SQLite is left as a fresh install has it.
  if (ctx.engine === 'postgres') await sql`ANALYZE`.execute(ctx.db);
}

export const registrySearchBenchmark: Benchmark = {
  name: 'registry search',
  async run({ engine, scale, postgresUrl }: BenchOptions): Promise<BenchResult[]> {
    const people = Math.round(1_000_000 * scale);
    const ctx = await benchContext({ engine, scale, postgresUrl });
    try {
      await loadDemo(ctx, { deployment: 'putuo', people: 0 });
      process.stderr.write(`  载入 ${people} 名优抚对象……\n`);
      await fillRegistry(ctx, people);
      const office = await ctx.db
        .selectFrom('users')
        .select(['id', 'region_id'])
        .where('username', '=', 'office')
        .executeTakeFirstOrThrow();
      const own = await ctx.db
        .selectFrom('regions')
        .select('path')
        .where('id', '=', office.region_id!)
        .executeTakeFirstOrThrow();
      const regionIds = (
        await ctx.db.selectFrom('regions').select('id').where('path', 'like', `${own.path}%`).execute()
      ).map((r) => r.id);
      const actor: Actor = {
        userId: office.id,
        username: 'office',
        displayName: '双拥办',
        role: 'office',
        regionId: office.region_id,
        unitId: null,
        regionIds,
        ip: null,
        requestId: null,
      };

      // Real people to look for: their name prefix, initials, full pinyin, ID tails and phone.
      const sample = await ctx.db
        .selectFrom('persons')
        .select(['id', 'name', 'pinyin_initials', 'pinyin_full', 'id_number_enc', 'phone_enc'])
        .where(
          'id',
          'in',
          Array.from({ length: 40 }, (_, i) => 1 + Math.floor(((i + 0.5) * people) / 40)),
        )
        .execute();
      const streets = (await ctx.db.selectFrom('regions').select('id').where('level', '=', 'street').execute()).map(
        (r) => r.id,
      );
      const base = { page: 1, pageSize: 20, regionBasis: 'any', status: 'alive' } as const;
      // The search box (what §6 times) and the filter lists beside it, measured and reported apart.
      const kinds: Record<string, PersonListQuery[]> = {};
      const add = (kind: string, q: PersonListQuery) => {
        kinds[kind] ??= [];
        kinds[kind].push(q);
      };
      for (const [i, p] of sample.entries()) {
        const id = ctx.cipher.decrypt(p.id_number_enc);
        add('name', { ...base, q: [...p.name].slice(0, 2).join('') });
        add('initials', { ...base, q: p.pinyin_initials.slice(0, 3) });
        add('full pinyin', { ...base, q: p.pinyin_full.slice(0, 8) });
        add('ID last 4', { ...base, q: id.slice(-4) });
        add('ID last 6', { ...base, q: id.slice(-6) });
        add('phone', { ...base, q: ctx.cipher.decrypt(p.phone_enc!) });
        add('street + category', { ...base, regionId: streets[i % streets.length]!, category: 'disabled_veteran' });
        add('living situation', { ...base, livingSituation: '独居', page: 1 + (i % 5) });
      }
      const searchKinds = ['name', 'initials', 'full pinyin', 'ID last 4', 'ID last 6', 'phone'];
      const times: Record<string, number[]> = {};
      for (const [kind, list] of Object.entries(kinds)) {
        for (const q of list) await listPersons(ctx, actor, q); // warm-up
        times[kind] = [];
        for (const q of list) times[kind].push((await timed(() => listPersons(ctx, actor, q))).ms);
        process.stderr.write(
          `  ${kind}: p50 ${percentile(times[kind], 50).toFixed(1)} ms, p95 ${percentile(times[kind], 95).toFixed(1)} ms\n`,
        );
      }
      const search = searchKinds.flatMap((k) => times[k] ?? []);
      const lists = Object.keys(times)
        .filter((k) => !searchKinds.includes(k))
        .flatMap((k) => times[k] ?? []);

      // Baseline: the bare indexed lookup of one page for the same name prefixes, no scope, count or labels.
      const bare: number[] = [];
      for (const p of sample) {
        const prefix = [...p.name].slice(0, 2).join('');
        const query =
          engine === 'postgres'
            ? sql`SELECT id, name FROM persons WHERE name_search LIKE ${`${prefix}%`} ORDER BY id DESC LIMIT 20`
            : sql`SELECT id, name FROM persons WHERE name_search GLOB ${`${prefix}*`} ORDER BY id DESC LIMIT 20`;
        bare.push((await timed(() => query.execute(ctx.db))).ms);
      }
      const baseP95 = percentile(bare, 95);
      const row = (name: string, samples: number[], limit: number): BenchResult => {
        const p95 = percentile(samples, 95);
        return {
          name: `${name} p95 (${people} people, ${samples.length} queries, district office)`,
          engine,
          value: Number(p95.toFixed(1)),
          unit: 'ms',
          baseline: Number(baseP95.toFixed(1)),
          ratio: baseP95 > 0 ? Number((p95 / baseP95).toFixed(2)) : null,
          target: `< ${limit} ms`,
          met: p95 < limit,
        };
      };
      return [row('registry search', search, 100), row('registry filtered list', lists, 1000)];
    } finally {
      await ctx.close();
    }
  },
};

// Runnable on its own: `npx tsx bench/registry-search.bench.ts [--quick] [--engine sqlite|postgres]`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const engine = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : 'sqlite';
  const scale = args.includes('--scale')
    ? Number(args[args.indexOf('--scale') + 1])
    : args.includes('--quick')
      ? 0.1
      : 1;
  const rows = await registrySearchBenchmark.run({
    engine: engine === 'postgres' ? 'postgres' : 'sqlite',
    scale,
    postgresUrl:
      process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
}
