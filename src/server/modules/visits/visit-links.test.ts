/**
 * Needs raised at a visit that become troop requests (部队诉求, about one family), and 专项活动 tags on visits:
 * linked both ways, opened exactly once however often a phone syncs, and counted in the programme's summary.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit, createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { VisitFormOptions, VisitItem } from '../../../shared/api/campaign-visits.api.ts';
import type { CampaignDetail, RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import type { ProgrammeItem, ProgrammeSummary, RequestDetail } from '../../../shared/api/troops.api.ts';
import { addPerson, createCampaign, generate, lockRoster, visitBody } from '../campaigns/campaigns.fixture.ts';

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
let office: TestClient;
let street2: TestClient;
let community: TestClient;
let troop: TestClient;
let department: TestClient;
let departmentId: number;
let campaign: CampaignDetail;
let entries: RosterEntryItem[];
let frontline: ProgrammeItem;
let border: ProgrammeItem;

const visitUrl = (entryId: number) => `/api/campaigns/${campaign.id}/entries/${entryId}/visit`;
const inCommunity = (i: number) => entries.filter((e) => e.communityId === r.communities[0][0])[i]!;
const requestsOfVisit = (visitId: number) =>
  ctx.db.selectFrom('troop_requests').selectAll().where('visit_id', '=', visitId).orderBy('visit_need_no').execute();

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  departmentId = await createUnit(ctx, { kind: 'department', name: '区人社局' });
  const unit = await createUnit(ctx, {
    kind: 'military',
    name: '驻区某部',
    designation: '91001部队',
    regionId: r.district,
  });
  const users = {
    office: await createUser(ctx, { role: 'office', regionId: r.district }),
    street2: await createUser(ctx, { role: 'street', regionId: r.streets[1] }),
    community: await createUser(ctx, { role: 'community', regionId: r.communities[0][0] }),
    troop: await createUser(ctx, { role: 'troop', unitId: unit }),
    department: await createUser(ctx, { role: 'department', unitId: departmentId }),
  };
  office = await login(app, users.office.username, users.office.password);
  street2 = await login(app, users.street2.username, users.street2.password);
  community = await login(app, users.community.username, users.community.password);
  troop = await login(app, users.troop.username, users.troop.password);
  department = await login(app, users.department.username, users.department.password);
  for (let k = 0; k < 6; k++) await addPerson(ctx, { community: r.communities[0][0], relation: '父母' });
  for (let k = 0; k < 2; k++) await addPerson(ctx, { community: r.communities[1][0], relation: '父母' });
  campaign = await createCampaign(office);
  await generate(office, campaign.id);
  entries = await lockRoster(office, campaign.id, r.streets);
  const programmes = (await office.get<{ items: ProgrammeItem[] }>('/api/troops/programmes')).body.items;
  frontline = programmes.find((p) => p.name === '聚焦一线、聚力解难')!;
  border = programmes.find((p) => p.name === '情系边海防官兵')!;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('a need raised at the door becomes a request for a department', () => {
  it('is opened with the visit, shows where it came from, and the visit shows its status', async () => {
    const entry = inCommunity(0);
    const options = await community.get<VisitFormOptions>('/api/visits/form-options');
    expect(options.status).toBe(200);
    const kinds = options.body.requestKinds.map((k) => k.name);
    expect(kinds).toEqual(expect.arrayContaining(['随军家属就业', '子女入学入托', '军休服务', '医疗']));
    // Kinds about the unit itself (营区周边环境) are not offered for a family.
    expect(kinds).not.toContain('营区周边环境');

    const res = await community.post<VisitItem>(
      visitUrl(entry.id),
      visitBody({
        needs: '家中老人希望办理居家养老',
        requests: [
          { kindCode: 'family_employment', content: '儿媳随军来沪，希望协助安排就业', contactPhone: '13800138000' },
          { kindCode: 'child_schooling', content: '孙子明年入学，希望落实优待政策' },
        ],
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.requests.map((q) => [q.kindName, q.statusLabel])).toEqual([
      ['随军家属就业', '待受理'],
      ['子女入学入托', '待受理'],
    ]);
    // The street's own follow-up case for the free-text need is still opened.
    expect(res.body.caseId).not.toBeNull();

    const first = res.body.requests[0]!;
    const detail = await office.get<RequestDetail>(`/api/troops/requests/${first.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      subject: 'family',
      source: 'visit',
      militaryUnit: null,
      familyName: entry.personName,
      personId: entry.personId,
      visitId: res.body.id,
      familyPhone: '13800138000',
      status: 'pending',
    });
    expect(detail.body.visit).toMatchObject({
      campaignId: campaign.id,
      entryId: entry.id,
      visitedOn: '2026-02-10',
      personName: entry.personName,
    });

    // A troop liaison never sees a family's request (nor, through it, the registry).
    expect((await troop.get(`/api/troops/requests/${first.id}`)).status).toBe(404);
    const troopList = await troop.get<{ items: { id: number }[] }>('/api/troops/requests');
    expect(troopList.body.items.map((i) => i.id)).not.toContain(first.id);

    // The office assigns it; the department sees where it came from; the visit shows the new status.
    const assigned = await office.post(`/api/troops/requests/${first.id}/assign`, {
      departmentId,
      dueDate: '2026-12-31',
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const forDepartment = await department.get<RequestDetail>(`/api/troops/requests/${first.id}`);
    expect(forDepartment.body.visit?.campaignName).toBe(campaign.name);
    expect(forDepartment.body.personId).toBeNull();
    const again = await community.get<VisitItem>(visitUrl(entry.id));
    expect(again.body.requests.map((q) => q.statusLabel)).toEqual(['办理中', '待受理']);
  });

  it('a visit synced from the phone again and again (even at once) opens its request exactly once', async () => {
    const entry = inCommunity(1);
    const body = visitBody({
      recordedOffline: true,
      requests: [{ kindCode: 'retired_cadre_service', content: '军休老干部希望上门体检' }],
    });
    const [a, b] = await Promise.all([
      community.post<VisitItem>(visitUrl(entry.id), body),
      community.post<VisitItem>(visitUrl(entry.id), body),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const third = await community.post<VisitItem>(visitUrl(entry.id), body);
    expect(third.status).toBe(200);
    expect(third.body.replayed).toBe(true);
    const rows = await requestsOfVisit(a.body.id);
    expect(rows).toHaveLength(1);
    expect(third.body.requests.map((q) => q.id)).toEqual([rows[0]!.id]);
    const total = await ctx.db
      .selectFrom('troop_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', entry.personId)
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(1);
  });

  it('an unknown request kind refuses the whole visit, so nothing is half recorded', async () => {
    const entry = inCommunity(2);
    const res = await community.post(
      visitUrl(entry.id),
      visitBody({ requests: [{ kindCode: 'no_such_kind', content: '希望协助办理' }] }),
    );
    expect(res.status).toBe(400);
    const after = await ctx.db
      .selectFrom('campaign_roster_entries')
      .select('visit_status')
      .where('id', '=', entry.id)
      .executeTakeFirstOrThrow();
    expect(after.visit_status).toBe('pending');
  });
});

describe('programme tags on visits', () => {
  it('visits take the campaign’s default tags unless the visitor chose others, and each programme counts them', async () => {
    const set = await office.put<{ programmeIds: number[] }>(`/api/campaigns/${campaign.id}/visit-programmes`, {
      programmeIds: [border.id],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    // Only the office that runs the campaign sets them.
    expect(
      (await community.put(`/api/campaigns/${campaign.id}/visit-programmes`, { programmeIds: [frontline.id] })).status,
    ).toBe(403);
    const options = await community.get<VisitFormOptions>('/api/visits/form-options');
    expect(options.body.campaignProgrammes).toContainEqual({ campaignId: campaign.id, programmeIds: [border.id] });

    const defaulted = await community.post<VisitItem>(visitUrl(inCommunity(3).id), visitBody({ cashCents: 30_000 }));
    expect(defaulted.body.programmes.map((p) => p.name)).toEqual(['情系边海防官兵']);
    const chosen = await community.post<VisitItem>(
      visitUrl(inCommunity(4).id),
      visitBody({ cashCents: 20_000, programmeIds: [frontline.id, border.id] }),
    );
    expect(chosen.body.programmes.map((p) => p.id).sort()).toEqual([frontline.id, border.id].sort());
    const none = await community.post<VisitItem>(visitUrl(inCommunity(5).id), visitBody({ programmeIds: [] }));
    expect(none.body.programmes).toEqual([]);
    // A request opened at a tagged visit carries the visit's tags.
    const street2Entry = entries.find((e) => e.communityId === r.communities[1][0])!;
    const tagged = await office.post<VisitItem>(
      visitUrl(street2Entry.id),
      visitBody({ cashCents: 10_000, requests: [{ kindCode: 'family_hardship', content: '家庭困难，申请临时救助' }] }),
    );
    expect(tagged.status, JSON.stringify(tagged.body)).toBe(200);
    const req = await office.get<RequestDetail>(`/api/troops/requests/${tagged.body.requests[0]!.id}`);
    expect(req.body.programmes.map((p) => p.id)).toEqual([border.id]);

    // Expected figures from the visits made above: tagged 情系边海防官兵 = defaulted, chosen, tagged.
    const borderVisits = [defaulted.body, chosen.body, tagged.body];
    const summary = await office.get<ProgrammeSummary>(`/api/troops/programmes/${border.id}/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body.visits).toEqual({
      count: borderVisits.length,
      cashCents: borderVisits.reduce((s, v) => s + v.cashCents, 0),
      goodsCents: borderVisits.reduce((s, v) => s + v.goodsCents, 0),
    });
    const front = await office.get<ProgrammeSummary>(`/api/troops/programmes/${frontline.id}/summary`);
    expect(front.body.visits.count).toBe(1);
    // A street sees only its own street's visits in the summary.
    const forStreet2 = await street2.get<ProgrammeSummary>(`/api/troops/programmes/${border.id}/summary`);
    expect(forStreet2.body.visits).toMatchObject({ count: 1, cashCents: 10_000 });
  });
});
