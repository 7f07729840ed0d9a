import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { buildXlsx, makeId } from '../../../../test/helpers/roster-files.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import { type Actor, systemActor } from '../../platform/access.ts';
import { getPersonInput } from './person-write.service.ts';
import { markDeceased, createPerson as registerPerson, updatePerson } from './registry.service.ts';
import { importRosterFile } from './registry-import.service.ts';

// The registry counts kept by the database triggers equal the count from the base tables after every kind of
// write: forms (create, change 户籍 / residence, add / end / drop a qualification, death), import (new rows and
// merges), and raw statements the app never issues but a bulk loader or migration could (many rows at once,
// moving qualifications, deleting people).

let ctx: TestContext;
let r: TestRegions;
let office: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  r = await seedRegions(ctx);
  office = { ...systemActor(), role: 'office', regionId: r.district, regionIds: 'all' };
});
afterAll(() => ctx.close());

/** The kept counts, without the rows that dropped to zero. */
async function kept(): Promise<string[]> {
  const rows = await ctx.db.selectFrom('registry_counts').selectAll().where('n', '<>', 0).execute();
  return rows.map((x) => `${x.hukou_key}/${x.residence_key}/${x.category_code}=${x.n}`).sort();
}

/** The same figures computed from the base tables, independently of the triggers. */
async function recounted(): Promise<string[]> {
  const people = await sql<{ h: number | null; r: number | null; n: number }>`
    SELECT hukou_region_id AS h, residence_region_id AS r, count(*) AS n FROM persons WHERE alive = 1 GROUP BY 1, 2`.execute(
    ctx.db,
  );
  const held = await sql<{ h: number | null; r: number | null; c: string; n: number }>`
    SELECT p.hukou_region_id AS h, p.residence_region_id AS r, q.category_code AS c, count(DISTINCT p.id) AS n
    FROM persons p JOIN qualifications q ON q.person_id = p.id WHERE p.alive = 1 GROUP BY 1, 2, 3`.execute(ctx.db);
  return [
    ...people.rows.map((x) => `${x.h ?? 0}/${x.r ?? 0}/=${Number(x.n)}`),
    ...held.rows.map((x) => `${x.h ?? 0}/${x.r ?? 0}/${x.c}=${Number(x.n)}`),
  ].sort();
}

async function expectExact() {
  const now = await recounted();
  expect(now.length).toBeGreaterThan(0);
  expect(await kept()).toEqual(now);
  const held = await ctx.db.selectFrom('registry_holdings').selectAll().where('n', '<>', 0).execute();
  const rows = await sql<{ person_id: number; category_code: string; n: number }>`
    SELECT person_id, category_code, count(*) AS n FROM qualifications GROUP BY 1, 2`.execute(ctx.db);
  const text = (x: { person_id: number; category_code: string; n: number }) =>
    `${x.person_id}/${x.category_code}=${Number(x.n)}`;
  expect(held.map(text).sort()).toEqual(rows.rows.map(text).sort());
}

const qualification = (category: string, extra: Record<string, unknown> = {}) => ({ category, ...extra });

describe('registry counts kept by the database', () => {
  let zhang: number;

  it('count a person created through the form, with two categories', async () => {
    const [[a1, a2]] = r.communities;
    const created = await registerPerson(ctx, office, {
      name: '张建国',
      idNumber: makeId('19500312', 'M'),
      hukouRegionId: a1,
      residenceRegionId: a2,
      qualifications: [qualification('退役士兵'), qualification('烈属')],
    });
    zhang = created.id;
    await createPerson(ctx, { regionId: a1, categoryCode: 'martyr_family' });
    await createPerson(ctx, { regionId: a2, hukouRegionId: null });
    await createPerson(ctx, { regionId: a2, alive: false });
    await expectExact();
    expect(await kept()).toContain(`${a1}/${a2}/retired_soldier=1`);
  });

  it('move a person whose 户籍 or residence changes', async () => {
    const [[, a2], [b1, b2]] = r.communities;
    const input = await getPersonInput(ctx.db, ctx, office, zhang);
    await updatePerson(ctx, office, zhang, { ...input, hukouRegionId: b1 });
    await expectExact();
    const again = await getPersonInput(ctx.db, ctx, office, zhang);
    await updatePerson(ctx, office, zhang, {
      ...again,
      residenceRegionId: b2,
      hukouRegionId: null,
      hukouAddress: '外省某地',
    });
    await expectExact();
    const back = await getPersonInput(ctx.db, ctx, office, zhang);
    await updatePerson(ctx, office, zhang, { ...back, residenceRegionId: a2, hukouRegionId: b1 });
    await expectExact();
  });

  it('follow qualifications added, ended and dropped', async () => {
    const input = await getPersonInput(ctx.db, ctx, office, zhang);
    await updatePerson(ctx, office, zhang, {
      ...input,
      qualifications: [...input.qualifications, qualification('复员军人')],
    });
    await expectExact();
    const ended = await getPersonInput(ctx.db, ctx, office, zhang);
    await updatePerson(ctx, office, zhang, {
      ...ended,
      qualifications: ended.qualifications.map((q, i) => (i === 0 ? { ...q, endDate: '2026-01-31' } : q)),
    });
    await expectExact();
    const dropped = await getPersonInput(ctx.db, ctx, office, zhang);
    await updatePerson(ctx, office, zhang, { ...dropped, qualifications: dropped.qualifications.slice(1) });
    await expectExact();
  });

  it('take out the dead and put back a death revoked', async () => {
    await markDeceased(ctx, office, zhang, { deathDate: '2026-03-01' });
    await expectExact();
    await markDeceased(ctx, office, zhang, { deathDate: null });
    await expectExact();
  });

  it('follow an import of new people and merges into registered ones', async () => {
    const known = makeId('19610101', 'F');
    await registerPerson(ctx, office, {
      name: '李秀英',
      idNumber: known,
      hukouRegionId: r.communities[0][0],
      residenceRegionId: r.communities[0][0],
      qualifications: [qualification('烈属')],
    });
    const bytes = await buildXlsx({
      rows: [
        ['姓名', '身份证号', '优抚类别', '社区'],
        ['李秀英', known, '退役士兵', '乙二社区'],
        ['王一', makeId('19700101', 'M'), '退役士兵', '甲一社区'],
        ['王二', makeId('19700102', 'M'), '烈属', '乙一社区'],
      ],
    });
    const { analysis } = await importRosterFile(ctx, office, bytes, '名册.xlsx');
    expect(analysis.counts).toMatchObject({ create: 2, merge: 1 });
    await expectExact();
  });

  it('stay exact under bulk statements, moved qualifications and deleted people', async () => {
    const [[a1], [b1, b2]] = r.communities;
    const ids = [await createPerson(ctx, { regionId: b1 }), await createPerson(ctx, { regionId: b2 })].map((p) => p.id);
    // The same category twice for one person counts once; the second going leaves it counted.
    const insertQualification = (personId: number, code: string) =>
      ctx.db
        .insertInto('qualifications')
        .values({ person_id: personId, category_code: code, flags_json: '[]', created_at: '2026-01-01' } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
    const twice = await insertQualification(ids[0]!, 'retired_soldier');
    await expectExact();
    await ctx.db.deleteFrom('qualifications').where('id', '=', twice.id).execute();
    await expectExact();
    // Two people's categories swapped in one statement, then one qualification moved to another person.
    const moved = await insertQualification(ids[0]!, 'martyr_family');
    await sql`UPDATE qualifications SET category_code = CASE category_code WHEN 'martyr_family' THEN 'retired_soldier'
      ELSE 'martyr_family' END WHERE person_id = ${ids[0]!}`.execute(ctx.db);
    await expectExact();
    await sql`UPDATE qualifications SET person_id = ${ids[1]!} WHERE id = ${moved.id}`.execute(ctx.db);
    await expectExact();
    // Many people in one statement, as the demo loader and the import's bulk path write them.
    await sql`UPDATE persons SET residence_region_id = ${a1} WHERE residence_region_id = ${b2}`.execute(ctx.db);
    await expectExact();
    await sql`UPDATE persons SET hukou_region_id = NULL, alive = 1 - alive WHERE id % 3 = 0`.execute(ctx.db);
    await expectExact();
    await ctx.db.deleteFrom('persons').where('id', '=', ids[0]!).execute();
    await expectExact();
    await ctx.db.deleteFrom('qualifications').where('person_id', '=', ids[1]!).execute();
    await ctx.db.deleteFrom('persons').where('id', '=', ids[1]!).execute();
    await expectExact();
  });
});
