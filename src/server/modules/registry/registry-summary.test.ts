import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { RegistrySummary } from '../../../shared/api/registry.api.ts';

// The home page's per-region figures keep both streets: by 户籍 (policy) and by residence (visits).

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
let office: TestClient;
let street: TestClient;
/** residence and 户籍 (null = 户籍 outside the district) of each person created. */
let people: { residence: number; hukou: number | null; alive: boolean }[];

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  const [[a1, a2], [b1, b2]] = r.communities;
  people = [
    { residence: a1, hukou: a1, alive: true },
    { residence: b1, hukou: a2, alive: true }, // 户籍 in 甲街道, living in 乙街道
    { residence: a2, hukou: b1, alive: true }, // 户籍 in 乙街道, living in 甲街道
    { residence: a1, hukou: null, alive: true }, // 户籍 outside the district, living in 甲街道
    { residence: b2, hukou: b2, alive: true },
    { residence: b2, hukou: a1, alive: true }, // 户籍 in 甲街道, living in 乙街道
    { residence: b1, hukou: a2, alive: true }, // 户籍 in 甲街道, living in 乙街道
    { residence: a1, hukou: a1, alive: false },
  ];
  for (const p of people) await createPerson(ctx, { regionId: p.residence, hukouRegionId: p.hukou, alive: p.alive });
  const o = await createUser(ctx, { role: 'office', regionId: r.district });
  const s = await createUser(ctx, { role: 'street', regionId: r.streets[0] });
  office = await login(app, o.username, o.password);
  street = await login(app, s.username, s.password);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

/** Expected living people whose 户籍 / residence lies in one of `regions`. */
const living = (basis: 'hukou' | 'residence', regions: number[]) =>
  people.filter((p) => p.alive && regions.includes((basis === 'hukou' ? p.hukou : p.residence) ?? -1)).length;

describe('registry summary by region', () => {
  it('gives the district office each street by 户籍 and by residence', async () => {
    const res = await office.get<RegistrySummary>('/api/registry/summary');
    expect(res.status).toBe(200);
    expect(res.body.byRegion).toEqual(
      r.streets.map((id, i) => ({
        regionId: id,
        name: ['甲街道', '乙街道'][i],
        count: living('hukou', r.communities[i]!),
        residenceCount: living('residence', r.communities[i]!),
      })),
    );
    // The two bases differ here: the test would not tell them apart otherwise.
    expect(res.body.byRegion[0]!.count).not.toBe(res.body.byRegion[0]!.residenceCount);
  });

  it('keeps people in a street’s scope only through their 户籍 in that street’s figures', async () => {
    const res = await street.get<RegistrySummary>('/api/registry/summary');
    expect(res.status).toBe(200);
    const [a1, a2] = r.communities[0];
    expect(res.body.byRegion).toEqual([
      { regionId: a1, name: '甲一社区', count: living('hukou', [a1]), residenceCount: living('residence', [a1]) },
      { regionId: a2, name: '甲二社区', count: living('hukou', [a2]), residenceCount: living('residence', [a2]) },
    ]);
    // Everyone living with 户籍 in the street is counted by 户籍, though three of them live in the other street.
    const byHukou = res.body.byRegion.reduce((s, x) => s + x.count, 0);
    expect(byHukou).toBe(living('hukou', r.communities[0]));
    expect(
      people.filter(
        (p) => p.alive && r.communities[0].includes(p.hukou ?? -1) && !r.communities[0].includes(p.residence),
      ),
    ).toHaveLength(3);
    // In scope: anyone with 户籍 or residence in the street.
    const inScope = people.filter(
      (p) => p.alive && (r.communities[0].includes(p.hukou ?? -1) || r.communities[0].includes(p.residence)),
    ).length;
    expect(res.body.alive).toBe(inScope);
  });
});
