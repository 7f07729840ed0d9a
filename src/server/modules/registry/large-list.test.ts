import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import { type Actor, systemActor } from '../../platform/access.ts';
import { type PersonFilter, searchPersons } from './search.repo.ts';

/**
 * Large results are counted from the indexes and their page read newest first by walking the table (SQLite):
 * the page must be exactly the one a plain sorted query gives, at any offset, within the scope.
 */
let ctx: TestContext;
let r: TestRegions;
const people = 4000;

beforeAll(async () => {
  ctx = await createTestContext();
  r = await seedRegions(ctx);
  const at = new Date().toISOString();
  // Every third person lives in street 2 (community 21), one in 20 is deceased, one in 7 lives alone.
  await sql`WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < ${people})
    INSERT INTO persons (id_number_enc, id_number_hash, id_tail4, id_tail6_hash, name, name_search, pinyin_initials,
      pinyin_full, sex, birth_date, hukou_region_id, residence_region_id, alive, living_situations_json, version,
      created_at, updated_at)
    SELECT 'x', 'h' || x, 't' || x, 's' || x, '李' || x, '李' || x, 'l', 'li', 'M', '1950-01-01',
      CASE WHEN x % 3 = 0 THEN ${sql.lit(r.communities[1][0])} ELSE ${sql.lit(r.communities[0][0])} END,
      CASE WHEN x % 3 = 0 THEN ${sql.lit(r.communities[1][0])} ELSE ${sql.lit(r.communities[0][1])} END,
      CASE WHEN x % 20 = 0 THEN 0 ELSE 1 END,
      CASE WHEN x % 7 = 0 THEN '["独居"]' ELSE '[]' END, 1, ${at}, ${at}
    FROM g`.execute(ctx.db);
});
afterAll(async () => {
  await ctx.close();
});

/** The same question answered the plain way: every person's row, filtered and sorted in JavaScript. */
async function expected(keep: (p: { id: number; region: number; alive: number; living: string }) => boolean) {
  const rows = await ctx.db
    .selectFrom('persons')
    .select(['id', 'residence_region_id', 'alive', 'living_situations_json'])
    .execute();
  return rows
    .map((p) => ({ id: p.id, region: p.residence_region_id!, alive: p.alive, living: p.living_situations_json }))
    .filter(keep)
    .map((p) => p.id)
    .sort((a, b) => b - a);
}

describe('large lists', () => {
  const street1: Actor = {
    ...systemActor(),
    role: 'street',
    regionId: 0,
    regionIds: [],
  };
  beforeAll(() => {
    street1.regionId = r.streets[0];
    street1.regionIds = [r.streets[0], ...r.communities[0]];
  });
  const base: PersonFilter = { regionBasis: 'any', status: 'alive' };

  it('gives the newest page and the exact total of a street’s living people, at any offset', async () => {
    const want = await expected((p) => p.region !== r.communities[1][0] && p.alive === 1);
    expect(want.length).toBeGreaterThan(2000);
    for (const offset of [0, 20, 1000, want.length - 5]) {
      const got = await searchPersons(ctx.db, street1, base, { offset, limit: 20 });
      expect(got.total).toBe(want.length);
      expect(got.rows.map((p) => p.id)).toEqual(want.slice(offset, offset + 20));
    }
    const past = await searchPersons(ctx.db, street1, base, { offset: want.length + 10, limit: 20 });
    expect(past).toEqual({ rows: [], total: want.length });
  });

  it('combines the living-situation filter, the deceased and the whole registry the same way', async () => {
    const alone = await expected((p) => p.alive === 1 && p.living.includes('独居'));
    const got = await searchPersons(
      ctx.db,
      systemActor(),
      { ...base, livingSituation: '独居' },
      { offset: 0, limit: 20 },
    );
    expect(got.total).toBe(alone.length);
    expect(got.rows.map((p) => p.id)).toEqual(alone.slice(0, 20));
    const everyone = await expected(() => true);
    const all = await searchPersons(ctx.db, systemActor(), { ...base, status: 'all' }, { offset: 40, limit: 20 });
    expect(all.total).toBe(people);
    expect(all.rows.map((p) => p.id)).toEqual(everyone.slice(40, 60));
  });
});
