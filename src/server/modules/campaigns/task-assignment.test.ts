import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { TaskItem } from '../../../shared/api/campaign-tasks.api.ts';
import type { MyVisitItem, ProgressResponse } from '../../../shared/api/campaign-visits.api.ts';
import type { CampaignDetail, RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import {
  addHousehold,
  addPerson,
  createCampaign,
  generate,
  lockRoster,
  loginOfficeAndStreets,
} from './campaigns.fixture.ts';

/**
 * Campaign tasks given to visitors like roster entries: a street for its area or the office; a roster family's
 * task follows its entry's visitor unless assigned on its own; the visitor's phone list carries the tasks no
 * visit form of theirs shows, done from the phone once however often it syncs; locking the roster plans them.
 */

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
let office: TestClient;
let street: TestClient;
let otherStreet: TestClient;
const visitors: Record<'c00' | 'c00b' | 'c01', { id: number; client: TestClient }> = {} as never;
let campaign: CampaignDetail;
let entries: RosterEntryItem[];
let family: { id: number; household: number };
let soldier: { id: number; household: number };
/** What the test created: one row per task locking must plan. */
const expected: { kind: string; community: number; onRoster: boolean }[] = [];

type MyList = { items: MyVisitItem[]; total: number; tasks: (TaskItem & { campaignId: number })[] };

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  ({ office, street, otherStreet } = await loginOfficeAndStreets(ctx, app, r));
  for (const [key, comm] of [
    ['c00', r.communities[0][0]],
    ['c00b', r.communities[0][0]],
    ['c01', r.communities[0][1]],
  ] as const) {
    const u = await createUser(ctx, { role: 'community', regionId: comm });
    visitors[key] = { id: u.id, client: await login(app, u.username, u.password) };
  }
  // A martyr's family on the roster in each community: a 春联 task and a plaque to hang each.
  for (const comm of r.communities.flat()) {
    const hh = await addHousehold(ctx, comm, '烈属户');
    const p = await addPerson(ctx, { community: comm, category: 'martyr_family', relation: '配偶', household: hh });
    if (comm === r.communities[0][0]) family = { id: p.id, household: hh };
    expected.push(
      { kind: 'couplets', community: comm, onRoster: true },
      { kind: 'plaque', community: comm, onRoster: true },
    );
  }
  // A retired soldier not on the roster in 甲二社区: a 喜报 and a plaque to hang, on no visit form.
  const hh = await addHousehold(ctx, r.communities[0][1], '退役军人户');
  const e = await addPerson(ctx, { community: r.communities[0][1], category: 'retired_soldier', household: hh });
  soldier = { id: e.id, household: hh };
  const merit = await office.post('/api/honours/merits', {
    award: 'third_class',
    servicemanName: '张立功',
    personId: e.id,
    relation: '父母',
    receivedOn: '2026-02-02',
  });
  expect(merit.status, JSON.stringify(merit.body)).toBe(200);
  expected.push(
    { kind: 'merit_notice', community: r.communities[0][1], onRoster: false },
    { kind: 'plaque', community: r.communities[0][1], onRoster: false },
  );
  campaign = await createCampaign(office);
  for (const kind of ['merit_notice', 'plaque', 'couplets']) {
    expect((await office.post(`/api/campaigns/${campaign.id}/task-types`, { kind })).status).toBe(200);
  }
  await generate(office, campaign.id);
  entries = await lockRoster(office, campaign.id, r.streets);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const allTasks = async (client: TestClient = office, query = '') =>
  (await client.get<{ items: TaskItem[] }>(`/api/campaigns/${campaign.id}/tasks?pageSize=200${query}`)).body.items;
const soldierTasks = async () => (await allTasks()).filter((t) => t.householdId === soldier.household);
const assign = (client: TestClient, taskIds: number[], userId: number | null) =>
  client.post<{ count: number; error?: { message: string } }>(`/api/campaigns/${campaign.id}/tasks/assignments`, {
    taskIds,
    userId,
  });
const mine = async (key: keyof typeof visitors, status = 'pending') => {
  const res = await visitors[key].client.get<MyList>(`/api/visits/mine?status=${status}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('locking the roster plans the tasks', () => {
  it('plans each family’s and honour record’s task once, and 安排任务 or the next step adds none', async () => {
    const count = async () =>
      ctx.db
        .selectFrom('campaign_tasks')
        .select(['kind', 'community_id', 'entry_id'])
        .where('campaign_id', '=', campaign.id)
        .execute();
    const rows = await count();
    expect(rows.map((t) => `${t.kind}@${t.community_id}:${t.entry_id !== null}`).sort()).toEqual(
      expected.map((x) => `${x.kind}@${x.community}:${x.onRoster}`).sort(),
    );
    expect((await office.post<{ created: number }>(`/api/campaigns/${campaign.id}/tasks/plan`)).body.created).toBe(0);
    expect(await count()).toHaveLength(expected.length);
  });
});

describe('assigning tasks', () => {
  it('a street assigns its own tasks; another street’s task answers 404 and stays unassigned', async () => {
    const ids = (await soldierTasks()).map((t) => t.id);
    expect(ids).toHaveLength(2);
    const foreign = await otherStreet.post(`/api/campaigns/${campaign.id}/tasks/assignments`, {
      taskIds: ids,
      userId: null,
    });
    expect(foreign.status).toBe(404);
    const theirs = (await allTasks(office, `&streetId=${r.streets[1]}`))[0]!;
    expect((await assign(street, [theirs.id], visitors.c01.id)).status).toBe(404);
    expect((await allTasks(office, `&streetId=${r.streets[1]}`)).every((t) => t.assignedUserId === null)).toBe(true);
    // A community's staff do not assign; a visitor outside the task's community is refused with what to do.
    expect((await assign(visitors.c01.client, ids, visitors.c01.id)).status).toBe(403);
    const outside = await assign(street, ids, visitors.c00.id);
    expect(outside.status).toBe(400);
    expect(outside.body.error?.message).toContain('不在该走访人员的辖区内');
    const ok = await assign(street, ids, visitors.c01.id);
    expect([ok.status, ok.body.count]).toEqual([200, 2]);
    expect((await soldierTasks()).map((t) => [t.assignedUserId, t.assignedSeparately])).toEqual([
      [visitors.c01.id, true],
      [visitors.c01.id, true],
    ]);
  });

  it('a roster family’s task follows its entry’s visitor unless assigned on its own', async () => {
    const entry = entries.find((e) => e.personId === family.id)!;
    const res = await office.post(`/api/campaigns/${campaign.id}/assignments`, {
      entryIds: [entry.id],
      userId: visitors.c00.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const couplets = async () => (await allTasks()).find((t) => t.entryId === entry.id && t.kind === 'couplets')!;
    expect([(await couplets()).assignedUserId, (await couplets()).assignedSeparately]).toEqual([
      visitors.c00.id,
      false,
    ]);
    // On c00's visit form, not as a separate phone task.
    expect((await mine('c00')).tasks).toEqual([]);
    expect((await mine('c00')).items.map((i) => i.entryId)).toEqual([entry.id]);
    // The office gives it to another visitor: it moves to that visitor's phone list.
    expect((await assign(office, [(await couplets()).id], visitors.c00b.id)).status).toBe(200);
    expect((await mine('c00b')).tasks.map((t) => t.id)).toEqual([(await couplets()).id]);
    expect((await mine('c00')).tasks).toEqual([]);
    expect((await allTasks(office, `&assignedUserId=${visitors.c00b.id}`)).map((t) => t.id)).toEqual([
      (await couplets()).id,
    ]);
    // Taken back: it follows the entry again.
    expect((await assign(office, [(await couplets()).id], null)).status).toBe(200);
    expect([(await couplets()).assignedUserId, (await couplets()).assignedSeparately]).toEqual([
      visitors.c00.id,
      false,
    ]);
    expect((await mine('c00b')).tasks).toEqual([]);
  });
});

describe('the visitor’s phone list', () => {
  it('shows exactly the visitor’s tasks that have no visit form of theirs', async () => {
    const expectedIds = (await soldierTasks()).map((t) => t.id).sort();
    const list = await mine('c01');
    expect(list.tasks.map((t) => t.id).sort()).toEqual(expectedIds);
    expect(list.tasks.every((t) => t.campaignId === campaign.id && t.assignedUserId === visitors.c01.id)).toBe(true);
    expect(list.items).toEqual([]);
  });

  it('“本辖区全部” lists the region’s tasks of families not on the roster, whoever has them', async () => {
    const res = await street.get<MyList>('/api/visits/mine?scope=region');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const expectedIds = (await allTasks())
      .filter((t) => t.entryId === null && t.streetId === r.streets[0] && t.status === 'pending')
      .map((t) => t.id)
      .sort();
    expect(expectedIds).toHaveLength(2);
    expect(res.body.tasks.map((t) => t.id).sort()).toEqual(expectedIds);
  });

  it('a task done from the phone and synced twice counts once', async () => {
    const merit = (await mine('c01')).tasks.find((t) => t.kind === 'merit_notice')!;
    const body = {
      clientKey: crypto.randomUUID(),
      doneOn: '2026-02-12',
      taskIds: [merit.id],
      recordedOffline: true,
    };
    type Done = { done: number[]; alreadyDone: number[] };
    const first = await visitors.c01.client.post<Done>(`/api/campaigns/${campaign.id}/tasks/complete`, body);
    const second = await visitors.c01.client.post<Done>(`/api/campaigns/${campaign.id}/tasks/complete`, body);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.body.done, second.body.done, second.body.alreadyDone]).toEqual([[merit.id], [], [merit.id]]);
    const notice = await ctx.db
      .selectFrom('honor_merit_notices')
      .select(['status', 'delivered_on'])
      .where('person_id', '=', soldier.id)
      .executeTakeFirstOrThrow();
    expect(notice).toEqual({ status: 'delivered', delivered_on: '2026-02-12' });
    expect((await mine('c01')).tasks.map((t) => t.id)).not.toContain(merit.id);
    expect((await mine('c01', 'delivered')).tasks.map((t) => t.id)).toEqual([merit.id]);
    const progress = await office.get<ProgressResponse>(`/api/campaigns/${campaign.id}/progress?asOf=2026-02-12`);
    const doneInDb = await ctx.db
      .selectFrom('campaign_tasks')
      .select('id')
      .where('campaign_id', '=', campaign.id)
      .where('kind', '=', 'merit_notice')
      .where('status', '=', 'done')
      .execute();
    expect(doneInDb).toHaveLength(1);
    expect(progress.body.tasks.find((t) => t.kind === 'merit_notice')?.done).toBe(1);
    // A done task is not assigned again.
    expect((await assign(street, [merit.id], visitors.c01.id)).status).toBe(409);
  });
});
