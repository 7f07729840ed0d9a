import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit, createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { VisitItem } from '../../../shared/api/campaign-visits.api.ts';
import type { RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import type { Role } from '../../../shared/permissions.ts';
import { addPerson, createCampaign, generate, transition, visitBody } from './campaigns.fixture.ts';

/**
 * Every campaign endpoint × every role, inside and outside its scope. Expected statuses are written out so that a
 * leak or an over-block shows as a failed row. `street2` is the other street; `otherOffice` another district's
 * office (its region does not contain the campaign: 404, as if the campaign did not exist).
 */
type Who = Role | 'street2' | 'otherOffice';
const everyone: Who[] = [
  'admin',
  'office',
  'street',
  'community',
  'department',
  'troop',
  'leader',
  'auditor',
  'street2',
  'otherOffice',
];

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
const clients = {} as Record<Who, TestClient>;
const ids = {} as {
  campaign: number;
  entryA: number;
  entryC: number;
  visitA: number;
  caseId: number;
  amendment: number;
  personA: number;
};

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  const other = await seedRegions(ctx, '320105');
  const dept = await createUnit(ctx, { kind: 'department' });
  const troop = await createUnit(ctx, { kind: 'military', designation: '91001部队' });
  const anchors: Record<Who, { role: Role; regionId?: number; unitId?: number }> = {
    admin: { role: 'admin' },
    office: { role: 'office', regionId: r.district },
    street: { role: 'street', regionId: r.streets[0] },
    community: { role: 'community', regionId: r.communities[0][0] },
    department: { role: 'department', unitId: dept },
    troop: { role: 'troop', unitId: troop },
    leader: { role: 'leader', regionId: r.district },
    auditor: { role: 'auditor' },
    street2: { role: 'street', regionId: r.streets[1] },
    otherOffice: { role: 'office', regionId: other.district },
  };
  for (const who of everyone) {
    const u = await createUser(ctx, anchors[who]);
    clients[who] = await login(app, u.username, u.password);
  }
  const a = await addPerson(ctx, { community: r.communities[0][0] });
  await addPerson(ctx, { community: r.communities[0][0] });
  await addPerson(ctx, { community: r.communities[1][0] });
  ids.personA = a.id;
  const office = clients.office;
  const c = await createCampaign(office);
  ids.campaign = c.id;
  await generate(office, c.id);
  await transition(office, c.id, 'in_review');
  for (const s of r.streets) await office.post(`/api/campaigns/${c.id}/reviews/${s}/confirm`, {});
  await transition(office, c.id, 'locked');
  const entries = (await office.get<{ items: RosterEntryItem[] }>(`/api/campaigns/${c.id}/entries`)).body.items;
  const entryA = entries.find((e) => e.personId === a.id)!;
  const entryB = entries.find((e) => e.communityId === r.communities[0][0] && e.id !== entryA.id)!;
  ids.entryA = entryA.id;
  ids.entryC = entries.find((e) => e.streetId === r.streets[1])!.id;
  const visit = await office.post<VisitItem>(
    `/api/campaigns/${c.id}/entries/${entryA.id}/visit`,
    visitBody({ needs: '需要帮助' }),
  );
  ids.visitA = visit.body.id;
  ids.caseId = visit.body.caseId!;
  await office.post(`/api/campaigns/${c.id}/cases/${ids.caseId}/resolve`, { resolution: '已办结' });
  const amendment = await office.post<{ amendmentId: number }>(`/api/campaigns/${c.id}/entries/${entryB.id}/remove`, {
    reason: '测试修订',
  });
  ids.amendment = amendment.body.amendmentId;
  await office.post(`/api/campaigns/${c.id}/amendments/${ids.amendment}/decide`, { approve: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const read = { admin: 200, office: 200, street: 200, community: 200, leader: 200, street2: 200, otherOffice: 404 };
const entryRead = { ...read, street2: 404 };
const denied = { department: 403, troop: 403, auditor: 403 };

interface Row {
  name: string;
  method: 'get' | 'post' | 'patch';
  url: () => string;
  body?: () => unknown;
  expected: Partial<Record<Who, number>>;
}

const base = () => `/api/campaigns/${ids.campaign}`;
const rows: Row[] = [
  { name: 'campaign list', method: 'get', url: () => '/api/campaigns', expected: { ...read, otherOffice: 200 } },
  { name: 'presets', method: 'get', url: () => '/api/campaign-presets', expected: { ...read, otherOffice: 200 } },
  { name: 'campaign detail', method: 'get', url: base, expected: read },
  { name: 'entries', method: 'get', url: () => `${base()}/entries`, expected: read },
  { name: 'exclusions', method: 'get', url: () => `${base()}/exclusions`, expected: read },
  { name: 'reviews', method: 'get', url: () => `${base()}/reviews`, expected: read },
  { name: 'amendments', method: 'get', url: () => `${base()}/amendments`, expected: read },
  { name: 'roster job', method: 'get', url: () => `${base()}/roster-job`, expected: read },
  { name: 'progress', method: 'get', url: () => `${base()}/progress`, expected: read },
  { name: 'progress list', method: 'get', url: () => `${base()}/progress/list?kind=pending`, expected: read },
  { name: 'cases', method: 'get', url: () => `${base()}/cases?status=all`, expected: read },
  { name: 'verifications', method: 'get', url: () => `${base()}/verifications`, expected: read },
  { name: 'entry visit', method: 'get', url: () => `${base()}/entries/${ids.entryA}/visit`, expected: entryRead },
  { name: 'signature', method: 'get', url: () => `${base()}/visits/${ids.visitA}/signature`, expected: entryRead },
  { name: 'visitors', method: 'get', url: () => `${base()}/visitors`, expected: { ...read, leader: 403 } },
  {
    name: 'my visit list',
    method: 'get',
    url: () => '/api/visits/mine',
    expected: { ...read, leader: 403, otherOffice: 200 },
  },
  {
    name: 'create campaign',
    method: 'post',
    url: () => '/api/campaigns',
    body: () => ({ year: 2030, regionId: r.district }),
    expected: { admin: 200, office: 200, street: 403, community: 403, leader: 403, street2: 403, otherOffice: 404 },
  },
  {
    name: 'edit campaign (stale version)',
    method: 'patch',
    url: base,
    body: () => ({ version: 0 }),
    expected: { admin: 409, office: 409, street: 403, community: 403, leader: 403, street2: 403, otherOffice: 404 },
  },
  {
    name: 'change status',
    method: 'post',
    url: () => `${base()}/status`,
    body: () => ({ to: 'draft' }),
    expected: { admin: 409, office: 409, street: 403, community: 403, leader: 403, street2: 403, otherOffice: 404 },
  },
  {
    name: 'add standard',
    method: 'post',
    url: () => `${base()}/standards`,
    body: () => ({ name: '新标准', priority: 1, categories: [], conditions: [], package: { cashCents: 1, goods: [] } }),
    expected: { admin: 409, office: 409, street: 403, community: 403, leader: 403, street2: 403, otherOffice: 404 },
  },
  {
    name: 'evaluate a person',
    method: 'post',
    url: () => `${base()}/evaluate`,
    body: () => ({ personId: ids.personA }),
    expected: entryRead,
  },
  {
    name: 'trial run',
    method: 'post',
    url: () => `${base()}/trial`,
    expected: { admin: 200, office: 200, street: 403, community: 403, leader: 403, street2: 403, otherOffice: 404 },
  },
  {
    name: 'generate roster',
    method: 'post',
    url: () => `${base()}/roster`,
    expected: { admin: 409, office: 409, street: 403, community: 403, leader: 403, street2: 403, otherOffice: 404 },
  },
  {
    name: 'remove a delivered entry',
    method: 'post',
    url: () => `${base()}/entries/${ids.entryA}/remove`,
    body: () => ({ reason: '测试移出' }),
    expected: { admin: 409, office: 409, street: 409, community: 403, leader: 403, street2: 404, otherOffice: 404 },
  },
  {
    name: 'confirm street 1',
    method: 'post',
    url: () => `${base()}/reviews/${r.streets[0]}/confirm`,
    body: () => ({}),
    expected: { admin: 409, office: 409, street: 409, community: 403, leader: 403, street2: 404, otherOffice: 404 },
  },
  {
    name: 'decide a decided amendment',
    method: 'post',
    url: () => `${base()}/amendments/${ids.amendment}/decide`,
    body: () => ({ approve: true }),
    expected: { admin: 409, office: 409, street: 403, community: 403, leader: 403, street2: 403, otherOffice: 404 },
  },
  {
    name: 'assign a delivered entry',
    method: 'post',
    url: () => `${base()}/assignments`,
    body: () => ({ entryIds: [ids.entryA], userId: null }),
    expected: { admin: 409, office: 409, street: 409, community: 403, leader: 403, street2: 404, otherOffice: 404 },
  },
  {
    name: 'deliver an entry twice',
    method: 'post',
    url: () => `${base()}/entries/${ids.entryA}/visit`,
    body: () => visitBody(),
    expected: { admin: 409, office: 409, street: 409, community: 409, leader: 403, street2: 404, otherOffice: 404 },
  },
  {
    name: 'draw a sample where nothing is delivered',
    method: 'post',
    url: () => `${base()}/verifications/sample`,
    body: () => ({ size: 1, streetId: r.streets[1] }),
    expected: { admin: 409, office: 409, street: 403, community: 403, leader: 403, street2: 403, otherOffice: 404 },
  },
  {
    name: 'resolve a resolved case',
    method: 'post',
    url: () => `${base()}/cases/${ids.caseId}/resolve`,
    body: () => ({ resolution: '再次办结' }),
    expected: { admin: 409, office: 409, street: 409, community: 403, leader: 403, street2: 404, otherOffice: 404 },
  },
];

describe('campaign endpoints × roles', () => {
  for (const row of rows) {
    for (const who of everyone) {
      const want = row.expected[who] ?? denied[who as keyof typeof denied] ?? 403;
      it(`${row.name}: ${who} → ${want}`, async () => {
        const client = clients[who];
        const res =
          row.method === 'get'
            ? await client.get(row.url())
            : row.method === 'patch'
              ? await client.patch(row.url(), row.body?.())
              : await client.post(row.url(), row.body?.() ?? {});
        expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(want);
      });
    }
  }
});

describe('what each role sees inside a campaign', () => {
  it('entries, progress and lists are cut to the viewer’s region', async () => {
    const count = async (who: Who) =>
      (await clients[who].get<{ total: number }>(`${base()}/entries?state=all`)).body.total;
    const all = await ctx.db
      .selectFrom('campaign_roster_entries')
      .select('street_id')
      .where('campaign_id', '=', ids.campaign)
      .execute();
    expect(await count('office')).toBe(all.length);
    expect(await count('leader')).toBe(all.length);
    expect(await count('street')).toBe(all.filter((e) => e.street_id === r.streets[0]).length);
    expect(await count('street2')).toBe(all.filter((e) => e.street_id === r.streets[1]).length);
    const list = await clients.otherOffice.get<{ items: unknown[] }>('/api/campaigns');
    expect(list.body.items).toHaveLength(0);
    const reviews = await clients.street.get<{ items: { streetId: number }[] }>(`${base()}/reviews`);
    expect(reviews.body.items.map((x) => x.streetId)).toEqual([r.streets[0]]);
    const visit = await clients.street2.get(`${base()}/entries/${ids.entryC}/visit`);
    expect(visit.status).toBe(404); // in scope, but not visited yet: the message says so
  });
});
