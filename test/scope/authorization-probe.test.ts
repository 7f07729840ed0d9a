import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addHousehold,
  addPerson,
  createCampaign,
  generate,
  signaturePng,
  testStandards,
  transition,
  visitBody,
} from '../../src/server/modules/campaigns/campaigns.fixture.ts';
import { assign, importSeed, publish } from '../../src/server/modules/notices/notices.fixture.ts';
import { buildWorld, type UserKey, type World } from '../../src/server/modules/troops/troops.fixture.ts';
import type { CampaignDetail, RosterEntryItem } from '../../src/shared/api/campaigns.api.ts';
import type { TestClient } from '../helpers/test-app.ts';

/**
 * The authorization probe: every scoped role requests every endpoint that takes an id, with the ids of records
 * that belong to another street or another unit, then sweeps sequential and random ids. A 2xx answer for a
 * foreign record is a leak; a 5xx is a crash. Both are counted and reported, and both must be zero.
 *
 * The route list comes from the OpenAPI document, so a new endpoint with an id parameter fails this test until
 * the probe knows which record its id names (see `families` below).
 */

let w: World;
type RecordKey =
  | 'person'
  | 'household'
  | 'campaign'
  | 'entry'
  | 'visit'
  | 'streetB'
  | 'standard'
  | 'request'
  | 'meeting'
  | 'pairing'
  | 'activity'
  | 'merit'
  | 'notice'
  | 'task'
  | 'assignment'
  | 'job'
  | 'taskType';
/** The foreign records, by what they are. */
const ids = {} as Record<RecordKey, number>;

/**
 * Roles anchored in 甲街道 / 区教育局 / 某部（一）, and the office of another district: the foreign records all
 * belong to 乙街道 / 区卫健委 / 某部（二）. The district's leader reads everything in it and changes nothing.
 */
const probers: UserKey[] = ['street', 'community', 'department', 'troop', 'leader', 'auditor', 'officeOut'];
const readsWholeDistrict: UserKey[] = ['leader'];

beforeAll(async () => {
  w = await buildWorld();
  const { ctx, r, units } = w;
  const office = client('office');
  const householdB = await addHousehold(ctx, r.communities[1][0], '乙户');
  const personB = await addPerson(ctx, { community: r.communities[1][0], household: householdB, name: '乙某' });
  await addPerson(ctx, { community: r.communities[0][0], name: '甲某' });
  ids.person = personB.id;
  ids.household = householdB;

  // A campaign through to 已锁定, with a visit recorded on 乙街道's entry.
  const campaign: CampaignDetail = await createCampaign(office, {
    standards: testStandards.map((s) => ({
      ...s,
      package: { ...s.package, letterTemplate: '{姓名}同志：新春快乐。' },
    })),
  });
  await generate(office, campaign.id);
  await transition(office, campaign.id, 'in_review');
  for (const s of r.streets) await office.post(`/api/campaigns/${campaign.id}/reviews/${s}/confirm`, {});
  expect((await transition(office, campaign.id, 'locked')).status).toBe(200);
  const entries = (await office.get<{ items: RosterEntryItem[] }>(`/api/campaigns/${campaign.id}/entries`)).body.items;
  const entryB = entries.find((e) => e.personId === personB.id)!;
  const visit = await office.post<{ id: number }>(
    `/api/campaigns/${campaign.id}/entries/${entryB.id}/visit`,
    visitBody({ photo: signaturePng }),
  );
  expect(visit.status, JSON.stringify(visit.body)).toBe(200);
  ids.campaign = campaign.id;
  ids.entry = entryB.id;
  ids.visit = visit.body.id;
  ids.streetB = r.streets[1];
  ids.standard = campaign.standards[0]!.id;

  // A request of 某部（二） assigned to 区卫健委, and a meeting only 某部（二） attended.
  const request = await client('troop2').post<{ id: number }>('/api/troops/requests', {
    kindCode: 'camp_environment',
    title: '营区门口道路破损',
    content: '营区东门外道路坑洼，雨天积水。',
  });
  expect(request.status, JSON.stringify(request.body)).toBe(200);
  ids.request = request.body.id;
  const assigned = await office.post(`/api/troops/requests/${ids.request}/assign`, {
    departmentId: units.deptB,
    dueDate: '2099-01-01',
    comment: null,
  });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  const meeting = await office.post<{ id: number }>('/api/troops/meetings', {
    kind: 'joint',
    title: '联席会议',
    heldOn: '2026-01-10',
    place: '区政府',
    minutes: '纪要',
    decisions: [],
    attendees: [{ unitId: units.m2, name: '张参谋', title: '联络员' }],
  });
  expect(meeting.status, JSON.stringify(meeting.body)).toBe(200);
  ids.meeting = meeting.body.id;

  // A pairing and an activity of 某部（二） in 乙街道.
  const pairing = await client('troop2').post<{ id: number }>('/api/army-people/pairings', {
    militaryUnitId: units.m2,
    regionId: r.communities[1][0],
    beneficiaryName: '某某',
    categoryCode: 'dibao',
    cadenceDays: 30,
    startedOn: '2026-01-01',
  });
  expect(pairing.status, JSON.stringify(pairing.body)).toBe(200);
  ids.pairing = pairing.body.id;
  const activity = await client('troop2').post<{ id: number }>('/api/army-people/activities', {
    typeCode: 'clinic',
    title: '义务巡诊',
    heldOn: '2026-01-12',
    place: '乙一社区',
    regionId: r.communities[1][0],
    participantCount: 10,
    spendCents: 0,
    summary: '量血压',
  });
  expect(activity.status, JSON.stringify(activity.body)).toBe(200);
  ids.activity = activity.body.id;

  // A 立功喜报 for the family in 乙街道.
  const merit = await office.post<{ id: number }>('/api/honours/merits', {
    award: 'third_class',
    servicemanName: '乙小兵',
    militaryUnitId: units.m2,
    citation: '表现突出',
    personId: personB.id,
    relation: '父母',
    receivedOn: '2025-11-28',
  });
  expect(merit.status, JSON.stringify(merit.body)).toBe(200);
  ids.merit = merit.body.id;

  // A notice whose one task is assigned to 区卫健委 only, and the roster job the office started.
  const notice = await importSeed(office, '000_');
  const task = notice.tasks[0]!;
  await assign(office, notice.id, task.id, [{ unitId: units.deptB, deadline: '2099-01-01' }]);
  const published = await publish(office, notice.id);
  ids.notice = notice.id;
  ids.task = task.id;
  ids.assignment = published.tasks[0]!.assignments[0]!.id;
  ids.job = (await ctx.db.selectFrom('jobs').select('id').executeTakeFirstOrThrow()).id;
  ids.taskType = (await ctx.db.selectFrom('campaign_task_types').select('id').executeTakeFirstOrThrow()).id;
}, 120_000);
afterAll(async () => {
  await w?.close();
});

function client(key: UserKey): TestClient {
  return w.users[key].client;
}

/**
 * What each path parameter names, by the path it appears in: the foreign record's id, and who may legitimately
 * read it (the probe expects a 2xx from those roles on GET, and from no one else).
 */
interface Family {
  match: RegExp;
  param: string;
  /** The record's id (or a report's key). */
  id: () => number | string;
  /** Probing roles that may read the record (a region-wide campaign is every street's). */
  visibleTo?: UserKey[];
}
const families: Family[] = [
  { match: /^\/api\/persons\/:id/, param: 'id', id: () => ids.person },
  { match: /^\/api\/households\/:id/, param: 'id', id: () => ids.household },
  { match: /^\/api\/honours\/plaques\/:householdId/, param: 'householdId', id: () => ids.household },
  { match: /^\/api\/honours\/merits\/:id/, param: 'id', id: () => ids.merit },
  {
    match: /^\/api\/campaigns\/:id/,
    param: 'id',
    id: () => ids.campaign,
    visibleTo: ['street', 'community', 'leader'],
  },
  {
    match: /^\/api\/briefings\/campaigns\/:id/,
    param: 'id',
    id: () => ids.campaign,
    visibleTo: ['street', 'community', 'leader'],
  },
  {
    match: /^\/api\/campaign-documents\/:campaignId/,
    param: 'campaignId',
    id: () => ids.campaign,
    visibleTo: ['street', 'community', 'leader'],
  },
  { match: /\/:entryId/, param: 'entryId', id: () => ids.entry },
  { match: /\/:visitId/, param: 'visitId', id: () => ids.visit },
  { match: /\/:streetId/, param: 'streetId', id: () => ids.streetB },
  { match: /\/:standardId/, param: 'standardId', id: () => ids.standard },
  { match: /\/:typeId/, param: 'typeId', id: () => ids.taskType },
  { match: /^\/api\/troops\/requests\/:id/, param: 'id', id: () => ids.request },
  { match: /^\/api\/troops\/meetings\/:id/, param: 'id', id: () => ids.meeting },
  { match: /^\/api\/army-people\/pairings\/:id/, param: 'id', id: () => ids.pairing },
  { match: /^\/api\/army-people\/activities\/:id/, param: 'id', id: () => ids.activity },
  // No file is attached in this world: any id is foreign.
  { match: /^\/api\/notices\/files\/:id/, param: 'id', id: () => 999999 },
  { match: /^\/api\/notices\/assignments\/:id/, param: 'id', id: () => ids.assignment },
  { match: /^\/api\/notices\/:id/, param: 'id', id: () => ids.notice },
  { match: /\/tasks\/:taskId/, param: 'taskId', id: () => ids.task },
  { match: /^\/api\/jobs\/:id/, param: 'id', id: () => ids.job },
  // A report names no record: what it must not show is another region, asked for by regionId (below).
  { match: /^\/api\/reports\/:key/, param: 'key', id: () => 'registry-categories' },
];

/** Parameters whose record the probe does not create; any id is foreign to every prober, so a miss is enough. */
const unknownRecordParams = new Set([
  'amendmentId',
  'verificationId',
  'caseId',
  'fileId',
  'contactId',
  'supporterId',
  'requestId',
  // A campaign document's job: none made in this world.
  'jobId',
]);

/** Shared registers every cleared role reads or that only the office edits: not scoped by street or unit. */
const unscoped = [
  /^\/api\/units\/:id/,
  /^\/api\/users\/:id/,
  /^\/api\/troops\/(lookups|programmes)\/:id/,
  /^\/api\/army-people\/(supporters|honorees)\/:id/,
  /^\/api\/registry\//,
];

interface Route {
  method: string;
  path: string;
}

async function idRoutes(): Promise<Route[]> {
  const doc = (await client('admin').get<{ paths: Record<string, Record<string, unknown>> }>('/api/docs/json')).body;
  const routes: Route[] = [];
  for (const [openApiPath, ops] of Object.entries(doc.paths)) {
    const path = openApiPath.replace(/\{(\w+)\}/g, ':$1');
    if (!path.includes(':')) continue;
    for (const method of Object.keys(ops)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) routes.push({ method, path });
    }
  }
  return routes;
}

/** The route's URL with every id foreign, or null when the probe does not know what a parameter names. */
/** Query parameters a route requires, so the probe reaches its scope check rather than its validation. */
const requiredQuery: Record<string, () => string> = {
  '/api/campaigns/:id/progress/list': () => '?kind=pending',
  '/api/reports/:key': () => `?regionId=${ids.streetB}`,
  '/api/reports/:key/export.xlsx': () => `?regionId=${ids.streetB}`,
  '/api/reports/:key/print.pdf': () => `?regionId=${ids.streetB}`,
};

function foreignUrl(path: string): { url: string; visibleTo: UserKey[] } | null {
  let visibleTo: UserKey[] = [];
  let unknown = false;
  const url = path.replace(/:(\w+)/g, (_, param: string) => {
    const family = families.find(
      (f) => f.param === param && f.match.test(path.slice(0, path.indexOf(`:${param}`) + param.length + 1)),
    );
    if (family) {
      // The record named by the innermost parameter decides who may read it.
      visibleTo = family.visibleTo ?? [];
      return String(family.id());
    }
    if (unknownRecordParams.has(param)) {
      visibleTo = [];
      return '999999';
    }
    unknown = true;
    return '0';
  });
  return unknown ? null : { url: url + (requiredQuery[path]?.() ?? ''), visibleTo };
}

describe('authorization probe', () => {
  it('no role reads or changes a record of another street or unit through any endpoint', async () => {
    const routes = await idRoutes();
    expect(routes.length).toBeGreaterThan(40);
    const unmapped: string[] = [];
    const leaks: string[] = [];
    const crashes: string[] = [];
    let probes = 0;
    let sanity = 0;
    const unconfirmed: string[] = [];
    for (const route of routes) {
      if (unscoped.some((p) => p.test(route.path))) continue;
      const target = foreignUrl(route.path);
      if (!target) {
        unmapped.push(`${route.method.toUpperCase()} ${route.path}`);
        continue;
      }
      // The foreign ids are real: the office of the whole district reads them.
      if (route.method === 'get' && !target.url.includes('999999')) {
        const res = await client('office').get(target.url);
        if (res.status === 200) sanity++;
        else unconfirmed.push(`${target.url} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      }
      for (const role of probers) {
        const c = client(role);
        const res = await c[route.method as 'get' | 'post' | 'put' | 'patch' | 'delete'](target.url);
        probes++;
        if (res.status >= 500) crashes.push(`${role} ${route.method.toUpperCase()} ${target.url} → ${res.status}`);
        const allowed =
          route.method === 'get' && (target.visibleTo.includes(role) || readsWholeDistrict.includes(role));
        if (res.status < 300 && !allowed)
          leaks.push(`${role} ${route.method.toUpperCase()} ${target.url} → ${res.status}`);
      }
    }
    console.info(
      `authorization probe: ${probes} probes on ${routes.length} id routes, ${sanity} foreign ids confirmed, ${leaks.length} leaks, ${crashes.length} crashes`,
    );
    expect(unmapped, 'routes whose id the probe cannot name: add them to families').toEqual([]);
    expect(unconfirmed, 'foreign ids the office cannot read either').toEqual([]);
    expect(crashes).toEqual([]);
    expect(leaks).toEqual([]);
    expect(sanity).toBeGreaterThan(15);
  }, 120_000);

  it('sequential and random ids find nothing a role cannot list, and never crash the server', async () => {
    const lists: { detail: string; list: string; key: string }[] = [
      { detail: '/api/persons/:id', list: '/api/persons?pageSize=100', key: 'items' },
      { detail: '/api/troops/requests/:id', list: '/api/troops/requests?pageSize=100', key: 'items' },
      { detail: '/api/army-people/pairings/:id', list: '/api/army-people/pairings?pageSize=100', key: 'items' },
      { detail: '/api/army-people/activities/:id', list: '/api/army-people/activities?pageSize=100', key: 'items' },
      { detail: '/api/troops/meetings/:id', list: '/api/troops/meetings?pageSize=100', key: 'items' },
    ];
    const leaks: string[] = [];
    const crashes: string[] = [];
    let probes = 0;
    for (const role of probers) {
      const c = client(role);
      for (const { detail, list, key } of lists) {
        const listed = await c.get<Record<string, { id: number }[]>>(list);
        const visible = new Set(listed.status === 200 ? listed.body[key]!.map((x) => x.id) : []);
        const candidates = [...Array.from({ length: 12 }, (_, i) => i + 1), 2 ** 31 - 1, -1, 0];
        for (let k = 0; k < 5; k++) candidates.push(Math.floor(Math.random() * 1_000_000));
        for (const id of candidates) {
          const res = await c.get(detail.replace(':id', String(id)));
          probes++;
          if (res.status >= 500) crashes.push(`${role} ${detail} ${id} → ${res.status}`);
          if (res.status === 200 && !visible.has(id)) leaks.push(`${role} ${detail} ${id}`);
        }
      }
    }
    console.info(`id sweep: ${probes} probes, ${leaks.length} leaks, ${crashes.length} crashes`);
    expect(crashes).toEqual([]);
    expect(leaks).toEqual([]);
  }, 120_000);
});
