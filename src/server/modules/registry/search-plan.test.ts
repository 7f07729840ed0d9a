import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, systemActor } from '../../platform/access.ts';
import { filteredPersons, type PersonFilter, type SearchTerm } from './search.repo.ts';

/**
 * Search must stay index-driven at a million people: every kind of search term is answered from an index
 * on both engines, never by scanning (and decrypting) every row. Checked on the query plans themselves.
 */
let ctx: TestContext;
let r: TestRegions;

beforeAll(async () => {
  ctx = await createTestContext();
  r = await seedRegions(ctx);
  for (let i = 0; i < 30; i++) await createPerson(ctx, { regionId: i % 2 ? r.communities[0][0] : r.communities[1][1] });
  // SQLite is planned as a fresh install has it: few rows, no statistics. PostgreSQL plans from statistics
  // (autovacuum keeps them), so it gets a table large enough for a scan to cost what it really costs.
  if (ctx.engine === 'postgres') {
    const at = new Date().toISOString();
    await sql`INSERT INTO persons (id_number_enc, id_number_hash, id_tail4, id_tail6_hash, name, name_search,
        pinyin_initials, pinyin_full, sex, birth_date, hukou_region_id, residence_region_id, alive,
        living_situations_json, version, created_at, updated_at)
      SELECT 'x', 'h' || g, lpad((g % 10000)::text, 4, '0'), 't' || (g % 100000), '李' || g, '李' || g,
        'l' || (g % 1000), 'li' || g, 'M', '1950-01-01', ${r.communities[0][0]}, ${r.communities[0][0]},
        CASE WHEN g % 30 = 0 THEN 0 ELSE 1 END, '[]', 1, ${at}, ${at}
      FROM generate_series(1, 20000) AS g`.execute(ctx.db);
    await sql`ANALYZE persons`.execute(ctx.db);
  }
});
afterAll(async () => {
  await ctx.close();
});

async function plan(db: Kysely<DB>, actor: Actor, term: SearchTerm, order: 'page' | 'count'): Promise<string> {
  const filter: PersonFilter = { term, regionBasis: 'any', status: 'alive' };
  const base = filteredPersons(db, actor, filter);
  const query =
    order === 'page'
      ? base.select('persons.id').orderBy('persons.id', 'desc').limit(20).compile()
      : base.select((eb) => eb.fn.countAll().as('n')).compile();
  if (ctx.engine === 'sqlite') {
    const res = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
    );
    return res.rows.map((row) => row.detail).join('\n');
  }
  const res = await db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]),
  );
  return res.rows.map((row) => row['QUERY PLAN']).join('\n');
}

const terms: [string, SearchTerm, RegExp][] = [
  ['name prefix', { kind: 'name', prefix: '张国' }, /persons_name/],
  ['pinyin initials or full pinyin', { kind: 'pinyin', prefix: 'zg' }, /persons_(initials|full|pinyin_full)/],
  ['ID last 4', { kind: 'idTail4', value: '0311' }, /persons_tail4/],
  ['ID last 6', { kind: 'idTail6', hash: 'ab'.repeat(32) }, /persons_tail6/],
  ['full ID', { kind: 'idHash', hash: 'cd'.repeat(32) }, /id_number_hash|persons_id_number_hash_key|autoindex/],
  ['phone', { kind: 'phoneHash', hash: 'ef'.repeat(32) }, /persons_phone/],
];

describe('search query plans', () => {
  const actors = (): [string, Actor][] => [
    ['the whole registry', systemActor()],
    [
      'a street',
      {
        ...systemActor(),
        role: 'street',
        regionId: r.streets[0],
        regionIds: [r.streets[0], ...r.communities[0]],
      },
    ],
  ];
  for (const [label, term, index] of terms) {
    it(`${label}: answered from an index, for the page and for the count`, async () => {
      for (const [who, actor] of actors()) {
        for (const order of ['page', 'count'] as const) {
          const text = await plan(ctx.db, actor, term, order);
          const context = `${who} / ${order}:\n${text}`;
          expect(text, context).not.toMatch(ctx.engine === 'sqlite' ? /SCAN persons(?! USING)/ : /Seq Scan on persons/);
          expect(text, context).toMatch(index);
        }
      }
    });
  }
});
