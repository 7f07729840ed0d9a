/** Test data for the dashboard and report tests (not used by the application). */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import {
  addQualification,
  createUnit,
  createUser,
  seedRegions,
  type TestRegions,
} from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import type { StandardInput } from '../../../shared/domain/campaign/standards.ts';
import { defaultLetterTemplate } from '../../../shared/domain/letter-template.ts';
import {
  addHousehold,
  addPerson,
  createCampaign,
  generate,
  lockRoster,
  testStandards,
  visitBody,
} from '../campaigns/campaigns.fixture.ts';

export interface Person {
  id: number;
  hukou: number | null;
  residence: number;
  categories: string[];
  alive: boolean;
  household: number | null;
}

export interface World {
  ctx: TestContext;
  app: FastifyInstance;
  r: TestRegions;
  other: TestRegions;
  people: Person[];
  /** Parent of every region id (for the test's own roll-up). */
  parent: Map<number, number | null>;
  names: Map<number, string>;
  units: { deptA: number; deptB: number; m1: number; s1Office: number };
  clients: Record<
    'admin' | 'office' | 'leader' | 'street' | 'street2' | 'community' | 'department' | 'otherLeader',
    TestClient
  >;
  close(): Promise<void>;
}

/** The standards of the campaign tests, the lowest one with a 慰问信. */
export const standards: StandardInput[] = testStandards.map((s, i) =>
  i === testStandards.length - 1 ? { ...s, package: { ...s.package, letterTemplate: defaultLetterTemplate } } : s,
);

export async function buildWorld(): Promise<World> {
  const ctx = await createTestContext();
  const app = await createTestApp(ctx);
  const r = await seedRegions(ctx);
  const other = await seedRegions(ctx, '320105');
  const regionRows = await ctx.db.selectFrom('regions').select(['id', 'parent_id', 'name']).execute();
  const parent = new Map(regionRows.map((x) => [x.id, x.parent_id] as const));
  const names = new Map(regionRows.map((x) => [x.id, x.name] as const));
  const [[c11, c12], [c21, c22]] = r.communities;
  const units = {
    deptA: await createUnit(ctx, { kind: 'department', name: '区教育局' }),
    deptB: await createUnit(ctx, { kind: 'department', name: '区卫健委' }),
    m1: await createUnit(ctx, { kind: 'military', name: '驻区某部', designation: '91001部队', regionId: r.district }),
    s1Office: await createUnit(ctx, { kind: 'street_office', name: '甲街道办事处', regionId: r.streets[0] }),
  };
  const user = async (role: Parameters<typeof createUser>[1]['role'], regionId: number | null, unitId?: number) => {
    const u = await createUser(ctx, { role, regionId, unitId: unitId ?? null });
    return login(app, u.username, u.password);
  };
  const clients = {
    admin: await user('admin', null),
    office: await user('office', r.district),
    leader: await user('leader', r.district),
    street: await user('street', r.streets[0], units.s1Office),
    street2: await user('street', r.streets[1]),
    community: await user('community', c11),
    department: await user('department', null, units.deptA),
    otherLeader: await user('leader', other.district),
  };
  const h1 = await addHousehold(ctx, c11, '张家');
  const h2 = await addHousehold(ctx, c21, '李家');
  const people: Person[] = [];
  const add = async (
    community: number,
    category: string,
    o: { hukou?: number | null; alive?: boolean; grade?: number; household?: number; extra?: string } = {},
  ) => {
    const p = await addPerson(ctx, {
      community,
      category,
      ...(o.hukou !== undefined && { hukou: o.hukou }),
      ...(o.alive === false && { alive: false }),
      ...(o.grade !== undefined && { grade: o.grade }),
      ...(o.household !== undefined && { household: o.household }),
      relation: '父母',
    });
    const categories = [category];
    if (o.extra) {
      await addQualification(ctx, p.id, o.extra);
      categories.push(o.extra);
    }
    people.push({
      id: p.id,
      hukou: o.hukou === undefined ? community : o.hukou,
      residence: community,
      categories,
      alive: o.alive !== false,
      household: o.household ?? null,
    });
  };
  await add(c11, 'martyr_family', { household: h1 });
  await add(c11, 'martyr_family', { household: h1 });
  await add(c11, 'martyr_family');
  await add(c11, 'disabled_veteran', { grade: 2 });
  await add(c11, 'martyr_family', { alive: false });
  await add(c12, 'serviceman_family');
  await add(c12, 'serviceman_family', { extra: 'retired_soldier' });
  await add(c21, 'martyr_family', { household: h2 });
  await add(c21, 'martyr_family');
  await add(c21, 'retired_soldier');
  await add(c22, 'disabled_veteran', { grade: 3 });
  // 户籍 outside the district, living in 乙一社区; 户籍 in 甲一社区, living in 乙二社区.
  await add(c21, 'martyr_family', { hukou: null });
  await add(c22, 'martyr_family', { hukou: c11 });
  await add(other.communities[0][0], 'martyr_family');
  await add(other.communities[1][0], 'disabled_veteran', { grade: 1 });
  return {
    ctx,
    app,
    r,
    other,
    people,
    parent,
    names,
    units,
    clients,
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}

/** A campaign of `year` with its roster locked and `deliver(entry)` visits recorded; returns the entries. */
export async function runCampaign(
  w: World,
  year: number,
  deliver: (e: RosterEntryItem, index: number) => number | null,
): Promise<{ id: number; entries: RosterEntryItem[]; cash: Map<number, number> }> {
  const office = w.clients.office;
  const campaign = await createCampaign(office, { year, standards });
  await generate(office, campaign.id);
  const entries = await lockRoster(office, campaign.id, w.r.streets);
  const cash = new Map<number, number>();
  for (const [i, e] of entries.entries()) {
    const cents = deliver(e, i);
    if (cents === null) continue;
    const res = await office.post(
      `/api/campaigns/${campaign.id}/entries/${e.id}/visit`,
      visitBody({ cashCents: cents, visitedOn: `${year}-02-10`, goods: [] }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    cash.set(e.id, cents);
  }
  return { id: campaign.id, entries, cash };
}
