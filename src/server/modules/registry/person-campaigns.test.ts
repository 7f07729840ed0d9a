import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { PersonCampaignHistory } from '../../../shared/api/campaign-visits.api.ts';
import type { CampaignDetail } from '../../../shared/api/campaigns.api.ts';
import {
  addPerson,
  createCampaign,
  generate,
  lockRoster,
  testStandards,
  visitBody,
} from '../campaigns/campaigns.fixture.ts';

// The person page's 走访慰问记录: each roster entry across campaigns with its visit, within the viewer's scope.

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
let office: TestClient;
let street: TestClient;
let campaign: CampaignDetail;
const people: Record<'visited' | 'pending' | 'movedAway' | 'otherStreet', number> = {
  visited: 0,
  pending: 0,
  movedAway: 0,
  otherStreet: 0,
};

const history = (client: TestClient, personId: number) =>
  client.get<PersonCampaignHistory>(`/api/persons/${personId}/campaigns`);

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  const o = await createUser(ctx, { role: 'office', regionId: r.district });
  const s = await createUser(ctx, { role: 'street', regionId: r.streets[0] });
  office = await login(app, o.username, o.password);
  street = await login(app, s.username, s.password);
  people.visited = (await addPerson(ctx, { community: r.communities[0][0], relation: '父母' })).id;
  people.pending = (
    await addPerson(ctx, { community: r.communities[0][1], category: 'disabled_veteran', grade: 2 })
  ).id;
  // 户籍 in the street, living in the other street: visited there, still the street's person by 户籍.
  people.movedAway = (await addPerson(ctx, { community: r.communities[1][0], hukou: r.communities[0][0] })).id;
  people.otherStreet = (await addPerson(ctx, { community: r.communities[1][1] })).id;

  campaign = await createCampaign(office);
  await generate(office, campaign.id);
  const entries = await lockRoster(office, campaign.id, r.streets);
  const entryOf = (personId: number) => entries.find((e) => e.personId === personId)!;
  const proxy = await office.post(
    `/api/campaigns/${campaign.id}/entries/${entryOf(people.visited).id}/visit`,
    visitBody({
      mode: 'proxy',
      cashCents: 50_000,
      receiver: { kind: 'proxy', name: '王小明', relation: '儿子', idNumber: null },
      needs: '希望协助联系家庭医生',
    }),
  );
  expect(proxy.status, JSON.stringify(proxy.body)).toBe(200);
  const home = await office.post(
    `/api/campaigns/${campaign.id}/entries/${entryOf(people.movedAway).id}/visit`,
    visitBody({ cashCents: 50_000 }),
  );
  expect(home.status, JSON.stringify(home.body)).toBe(200);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('campaign history on the person page', () => {
  it('shows a street user the entry and its visit for a person of his street', async () => {
    const res = await history(street, people.visited);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const standard = testStandards.find((st) => st.name === '烈属普惠')!;
    expect(res.body.items).toHaveLength(1);
    const [item] = res.body.items;
    expect(item).toMatchObject({
      campaignId: campaign.id,
      campaignName: campaign.name,
      year: 2026,
      standardName: standard.name,
      plannedCashCents: standard.package.cashCents,
      status: 'delivered',
      streetName: '甲街道',
      communityName: '甲一社区',
    });
    expect(item!.visit).toMatchObject({
      mode: 'proxy',
      cashCents: 50_000,
      goods: [{ name: '春联年画', quantity: 1, unit: '套' }],
      receiverKind: 'proxy',
      receiverName: '王小明',
      proxyRelation: '儿子',
      hasSignature: true,
      hasPhoto: false,
      needs: '希望协助联系家庭医生',
    });
    expect(item!.visit!.recordedByName).toBeTruthy();
  });

  it('shows an entry not yet visited as pending, without a visit', async () => {
    const res = await history(street, people.pending);
    expect(res.status).toBe(200);
    const standard = testStandards.find((st) => st.name === '一至四级残疾军人')!;
    expect(res.body.items).toEqual([
      expect.objectContaining({ status: 'pending', standardName: standard.name, visit: null }),
    ]);
  });

  it('keeps the history of a person in scope by 户籍 though visited by the street of residence', async () => {
    const res = await history(street, people.movedAway);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        status: 'delivered',
        streetName: '乙街道',
        visit: expect.objectContaining({ mode: 'home' }),
      }),
    ]);
  });

  it('answers 404 for a person out of the street’s scope, like a missing one', async () => {
    expect((await history(street, people.otherStreet)).status).toBe(404);
    expect((await history(street, 999_999)).status).toBe(404);
    // The district office sees the same person's entry.
    const res = await history(office, people.otherStreet);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ status: 'pending', streetName: '乙街道' })]);
  });
});
