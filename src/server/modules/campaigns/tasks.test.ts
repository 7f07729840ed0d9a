import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { TaskItem, TaskTypeItem } from '../../../shared/api/campaign-tasks.api.ts';
import type { ProgressResponse, VisitItem } from '../../../shared/api/campaign-visits.api.ts';
import type { CampaignDetail, RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import { addHousehold, addPerson, createCampaign, generate, lockRoster, visitBody } from './campaigns.fixture.ts';

/**
 * Campaign task types (送立功喜报, 挂光荣牌, 贴春联年画) planned from the roster and the honours registers, done on
 * the visit form or on their own (also from a phone that was offline), counted once, and shown in progress.
 */

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
let office: TestClient;
let street: TestClient;
let community: TestClient;
let campaign: CampaignDetail;
let entries: RosterEntryItem[];

type Kind = 'couplets' | 'plaque' | 'merit_notice';
/** What the test created, independently of the application: one row per task it must plan. */
const expected: { kind: Kind; street: number; community: number }[] = [];
const people: Record<string, { id: number; name: string; household: number | null }> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  const o = await createUser(ctx, { role: 'office', regionId: r.district });
  const s = await createUser(ctx, { role: 'street', regionId: r.streets[0] });
  const c = await createUser(ctx, { role: 'community', regionId: r.communities[0][0] });
  office = await login(app, o.username, o.password);
  street = await login(app, s.username, s.password);
  community = await login(app, c.username, c.password);

  for (const [si, row] of r.communities.entries()) {
    for (const [ci, comm] of row.entries()) {
      const place = { street: r.streets[si]!, community: comm };
      // A serviceman's family with two members on the roster: one 春联 task, one plaque to hang.
      const hh1 = await addHousehold(ctx, comm, `军属户${si}${ci}`);
      const a = await addPerson(ctx, { community: comm, category: 'serviceman_family', household: hh1 });
      await addPerson(ctx, { community: comm, category: 'martyr_family', relation: '父母', household: hh1 });
      people[`a${si}${ci}`] = { ...a, household: hh1 };
      expected.push({ kind: 'couplets', ...place }, { kind: 'plaque', ...place });
      // A martyr's family alone in its household.
      const hh2 = await addHousehold(ctx, comm, `烈属户${si}${ci}`);
      await addPerson(ctx, { community: comm, category: 'martyr_family', relation: '配偶', household: hh2 });
      people[`hh2${si}${ci}`] = { id: 0, name: '', household: hh2 };
      expected.push({ kind: 'couplets', ...place });
      // A martyr's family without a household: 春联 per entry, no plaque.
      await addPerson(ctx, { community: comm, category: 'martyr_family', relation: '子女' });
      expected.push({ kind: 'couplets', ...place });
    }
  }
  // hh2 of 甲一社区 already has its plaque (no task); hh2 of 乙一社区 had it withdrawn and is eligible (补挂).
  const hungBefore = people.hh200!.household!;
  const withdrawn = people.hh210!.household!;
  for (const hh of [hungBefore, withdrawn]) {
    const hang = await office.post(`/api/honours/plaques/${hh}/actions`, {
      action: 'hang',
      date: '2025-01-10',
      performedBy: '王干事',
      familySigner: '家属',
    });
    expect(hang.status, JSON.stringify(hang.body)).toBe(200);
  }
  const withdraw = await office.post(`/api/honours/plaques/${withdrawn}/actions`, {
    action: 'withdraw',
    date: '2025-06-01',
    reason: '搬迁暂时收回',
  });
  expect(withdraw.status, JSON.stringify(withdraw.body)).toBe(200);
  // hh2 plaques: every community but 甲一 plans one (乙一 as 补挂).
  for (const [si, row] of r.communities.entries()) {
    for (const comm of row) {
      if (comm !== r.communities[0][0]) expected.push({ kind: 'plaque', street: r.streets[si]!, community: comm });
    }
  }
  // A retired soldier not on the roster (no standard for him): a 喜报 for his family and a plaque to hang.
  const hh3 = await addHousehold(ctx, r.communities[0][1], '退役军人户');
  const e = await addPerson(ctx, { community: r.communities[0][1], category: 'retired_soldier', household: hh3 });
  people.e = { ...e, household: hh3 };
  expected.push({ kind: 'plaque', street: r.streets[0], community: r.communities[0][1] });
  // 立功喜报 for 甲一's and 乙二's serviceman families and for the retired soldier's family.
  for (const [key, si, comm] of [
    ['a00', 0, r.communities[0][0]],
    ['a11', 1, r.communities[1][1]],
    ['e', 0, r.communities[0][1]],
  ] as const) {
    const merit = await office.post('/api/honours/merits', {
      award: 'third_class',
      servicemanName: '张立功',
      personId: people[key]!.id,
      relation: '父母',
      receivedOn: '2026-02-02',
    });
    expect(merit.status, JSON.stringify(merit.body)).toBe(200);
    expected.push({ kind: 'merit_notice', street: r.streets[si]!, community: comm });
  }

  campaign = await createCampaign(office);
  for (const kind of ['merit_notice', 'plaque', 'couplets']) {
    const res = await office.post(`/api/campaigns/${campaign.id}/task-types`, { kind });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  await generate(office, campaign.id);
  entries = await lockRoster(office, campaign.id, r.streets);
  expect(entries).toHaveLength(16);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const typesOf = async () =>
  (await office.get<{ items: TaskTypeItem[] }>(`/api/campaigns/${campaign.id}/task-types`)).body.items;
const typeId = async (kind: string) => (await typesOf()).find((t) => t.kind === kind)!.id;

describe('task types as data', () => {
  it('are edited per campaign: renamed, one per kind, not deleted once work is done', async () => {
    const types = await typesOf();
    expect(types.map((t) => t.kind)).toEqual(['visit', 'merit_notice', 'plaque', 'couplets']);
    const plaque = types.find((t) => t.kind === 'plaque')!;
    expect(plaque.plaqueActions).toEqual(['hang', 'replace', 'restore']);
    const renamed = await office.patch<{ items: TaskTypeItem[] }>(
      `/api/campaigns/${campaign.id}/task-types/${plaque.id}`,
      { name: '挂光荣牌（新挂/更换/补挂）' },
    );
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.items.find((t) => t.id === plaque.id)?.name).toBe('挂光荣牌（新挂/更换/补挂）');
    const twice = await office.post<{ error: { message: string } }>(`/api/campaigns/${campaign.id}/task-types`, {
      kind: 'couplets',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('已有');
    expect((await street.post(`/api/campaigns/${campaign.id}/task-types`, { kind: 'couplets' })).status).toBe(403);
  });
});

describe('planning, doing and progress', () => {
  it('locking the roster plans one task per family or honour record, once; 安排任务 afterwards adds nothing', async () => {
    const rows = await ctx.db
      .selectFrom('campaign_tasks')
      .select(['kind', 'street_id', 'community_id'])
      .where('campaign_id', '=', campaign.id)
      .execute();
    expect(rows).toHaveLength(expected.length);
    const plan = await office.post<{ created: number }>(`/api/campaigns/${campaign.id}/tasks/plan`);
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body.created).toBe(0);
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_type', '=', 'campaign')
      .where('entity_id', '=', String(campaign.id))
      .where('summary', 'like', '名单锁定%')
      .execute();
    expect(audits.map((a) => a.summary)).toEqual([`名单锁定，自动安排任务：新增 ${expected.length} 项`]);
    const types = await typesOf();
    for (const kind of ['couplets', 'plaque', 'merit_notice'] as const) {
      expect(types.find((t) => t.kind === kind)?.planned).toBe(expected.filter((x) => x.kind === kind).length);
    }
    const restore = await office.get<{ items: TaskItem[] }>(
      `/api/campaigns/${campaign.id}/tasks?taskTypeId=${await typeId('plaque')}&communityId=${r.communities[1][0]}&pageSize=50`,
    );
    expect(restore.body.items.map((t) => t.plaqueAction).sort()).toEqual(['hang', 'restore']);
  });

  it('a visit with its family’s tasks ticked updates the honours registers in the same transaction, once', async () => {
    const a = people.a00!;
    const entry = entries.find((e) => e.personId === a.id)!;
    const family = await community.get<{ items: TaskItem[] }>(
      `/api/campaigns/${campaign.id}/entries/${entry.id}/tasks`,
    );
    expect(family.status, JSON.stringify(family.body)).toBe(200);
    expect(family.body.items.map((t) => t.kind).sort()).toEqual(['couplets', 'merit_notice', 'plaque']);
    const body = visitBody({ tasks: family.body.items.map((t) => t.id), recordedOffline: true });
    const visit = await community.post<VisitItem>(`/api/campaigns/${campaign.id}/entries/${entry.id}/visit`, body);
    expect(visit.status, JSON.stringify(visit.body)).toBe(200);
    // The phone syncs the same visit again: recorded once, tasks counted once.
    const again = await community.post<VisitItem>(`/api/campaigns/${campaign.id}/entries/${entry.id}/visit`, body);
    expect(again.body.replayed).toBe(true);
    const merit = await ctx.db
      .selectFrom('honor_merit_notices')
      .selectAll()
      .where('person_id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect([merit.status, merit.delivered_on]).toEqual(['delivered', '2026-02-10']);
    const plaque = await ctx.db
      .selectFrom('honor_plaques')
      .selectAll()
      .where('household_id', '=', a.household!)
      .executeTakeFirstOrThrow();
    expect([plaque.status, plaque.hung_on, plaque.family_signer]).toEqual(['hung', '2026-02-10', a.name]);
    const done = await ctx.db
      .selectFrom('campaign_tasks')
      .select(['status', 'visit_id'])
      .where(
        'id',
        'in',
        family.body.items.map((t) => t.id),
      )
      .execute();
    expect(done.every((t) => t.status === 'done' && t.visit_id === visit.body.id)).toBe(true);
  });

  it('a task of another family ticked on a visit is refused, and the visit with it', async () => {
    const other = entries.find((e) => e.communityId === r.communities[0][0] && e.personId !== people.a00!.id)!;
    const foreign = (
      await office.get<{ items: TaskItem[] }>(
        `/api/campaigns/${campaign.id}/tasks?taskTypeId=${await typeId('merit_notice')}&streetId=${r.streets[1]}`,
      )
    ).body.items[0]!;
    const res = await office.post(
      `/api/campaigns/${campaign.id}/entries/${other.id}/visit`,
      visitBody({ tasks: [foreign.id] }),
    );
    expect(res.status).toBe(404);
    expect(
      (await ctx.db.selectFrom('campaign_visits').selectAll().where('entry_id', '=', other.id).execute()).length,
    ).toBe(0);
  });

  it('another street’s task answers 404, like a missing one, and stays pending', async () => {
    const s2 = await createUser(ctx, { role: 'street', regionId: r.streets[1] });
    const other = await login(app, s2.username, s2.password);
    const task = (
      await street.get<{ items: TaskItem[] }>(
        `/api/campaigns/${campaign.id}/tasks?taskTypeId=${await typeId('couplets')}&status=pending`,
      )
    ).body.items[0]!;
    expect(task.streetId).toBe(r.streets[0]);
    const res = await other.post(`/api/campaigns/${campaign.id}/tasks/complete`, {
      clientKey: crypto.randomUUID(),
      doneOn: '2026-02-12',
      taskIds: [task.id],
    });
    expect(res.status).toBe(404);
    const row = await ctx.db
      .selectFrom('campaign_tasks')
      .select('status')
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    const list = await other.get<{ items: TaskItem[]; total: number }>(
      `/api/campaigns/${campaign.id}/tasks?pageSize=200`,
    );
    expect(list.body.items.every((t) => t.streetId === r.streets[1])).toBe(true);
  });

  it('tasks done offline on their own and synced twice at once count once', async () => {
    const list = await street.get<{ items: TaskItem[] }>(
      `/api/campaigns/${campaign.id}/tasks?communityId=${r.communities[0][1]}&status=pending&pageSize=50`,
    );
    const forE = list.body.items.filter((t) => t.householdId === people.e!.household);
    expect(forE.map((t) => t.kind).sort()).toEqual(['merit_notice', 'plaque']);
    const body = {
      clientKey: crypto.randomUUID(),
      doneOn: '2026-02-12',
      taskIds: forE.map((t) => t.id),
      familySigner: '李家属',
      recordedOffline: true,
    };
    const [x, y] = await Promise.all([
      street.post<{ done: number[]; alreadyDone: number[] }>(`/api/campaigns/${campaign.id}/tasks/complete`, body),
      street.post<{ done: number[]; alreadyDone: number[] }>(`/api/campaigns/${campaign.id}/tasks/complete`, body),
    ]);
    expect([x.status, y.status], JSON.stringify([x.body, y.body])).toEqual([200, 200]);
    expect([...x.body.done, ...y.body.done].sort()).toEqual(forE.map((t) => t.id).sort());
    const events = await ctx.db
      .selectFrom('honor_plaque_events')
      .innerJoin('honor_plaques', 'honor_plaques.id', 'honor_plaque_events.plaque_id')
      .select('honor_plaque_events.family_signer')
      .where('honor_plaques.household_id', '=', people.e!.household!)
      .execute();
    expect(events).toEqual([{ family_signer: '李家属' }]);
    // A hang without a family signer is refused with what to fill in.
    const hang = (
      await office.get<{ items: TaskItem[] }>(
        `/api/campaigns/${campaign.id}/tasks?taskTypeId=${await typeId('plaque')}&status=pending&streetId=${r.streets[1]}`,
      )
    ).body.items.find((t) => t.plaqueAction === 'hang')!;
    const unsigned = await office.post<{ error: { message: string } }>(`/api/campaigns/${campaign.id}/tasks/complete`, {
      clientKey: crypto.randomUUID(),
      doneOn: '2026-02-12',
      taskIds: [hang.id],
    });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error.message).toContain('家属签字人');
  });

  it('progress shows each task type done/planned by street and community, and the overdue at the window’s end', async () => {
    const doneRows = await ctx.db
      .selectFrom('campaign_tasks')
      .select(['kind', 'street_id', 'community_id'])
      .where('campaign_id', '=', campaign.id)
      .where('status', '=', 'done')
      .execute();
    // What the tests above did: 甲一's family (3 tasks) and the retired soldier's (2).
    expect(doneRows).toHaveLength(5);
    const during = await office.get<ProgressResponse>(`/api/campaigns/${campaign.id}/progress?asOf=2026-02-12`);
    expect(during.status, JSON.stringify(during.body)).toBe(200);
    const after = await office.get<ProgressResponse>(`/api/campaigns/${campaign.id}/progress?asOf=2026-03-31`);
    for (const kind of ['couplets', 'plaque', 'merit_notice'] as const) {
      const t = during.body.tasks.find((x) => x.kind === kind)!;
      const mine = expected.filter((x) => x.kind === kind);
      const done = doneRows.filter((x) => x.kind === kind);
      expect([t.planned, t.done, t.overdue]).toEqual([mine.length, done.length, 0]);
      for (const comm of r.communities.flat()) {
        const row = t.byCommunity.find((x) => x.key === String(comm));
        expect([row?.planned ?? 0, row?.done ?? 0]).toEqual([
          mine.filter((x) => x.community === comm).length,
          done.filter((x) => x.community_id === comm).length,
        ]);
      }
      for (const st of r.streets) {
        const row = t.byStreet.find((x) => x.key === String(st));
        expect(row?.planned ?? 0).toBe(mine.filter((x) => x.street === st).length);
      }
      expect(after.body.tasks.find((x) => x.kind === kind)?.overdue).toBe(mine.length - done.length);
    }
    const visit = during.body.tasks.find((x) => x.kind === 'visit')!;
    expect([visit.planned, visit.done]).toEqual([16, 1]);
    // A street's staff see only their street's tasks.
    const mine = await street.get<ProgressResponse>(`/api/campaigns/${campaign.id}/progress?asOf=2026-02-12`);
    const couplets = mine.body.tasks.find((x) => x.kind === 'couplets')!;
    expect(couplets.planned).toBe(expected.filter((x) => x.kind === 'couplets' && x.street === r.streets[0]).length);
  });
});
