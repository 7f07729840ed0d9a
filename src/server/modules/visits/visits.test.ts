import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import { signatureOf } from '../../../../test/helpers/visit-seed.ts';
import type {
  CaseItem,
  MyVisitItem,
  ProgressResponse,
  VerificationItem,
  VisitItem,
} from '../../../shared/api/campaign-visits.api.ts';
import type { CampaignDetail, RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { storeFile } from '../../platform/files.ts';
import {
  addPerson,
  createCampaign,
  generate,
  lockRoster,
  transition,
  visitBody,
} from '../campaigns/campaigns.fixture.ts';

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
let office: TestClient;
let street: TestClient;
let community: TestClient;
let communityUserId: number;
let campaign: CampaignDetail;
let entries: RosterEntryItem[];

const visitUrl = (entryId: number) => `/api/campaigns/${campaign.id}/entries/${entryId}/visit`;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  const o = await createUser(ctx, { role: 'office', regionId: r.district });
  const s = await createUser(ctx, { role: 'street', regionId: r.streets[0] });
  const c = await createUser(ctx, { role: 'community', regionId: r.communities[0][0] });
  communityUserId = c.id;
  office = await login(app, o.username, o.password);
  street = await login(app, s.username, s.password);
  community = await login(app, c.username, c.password);
  // Eight people per street: 烈属 (普惠 500 元 + 春联), two of them 一至四级残疾军人 (2000 元 + 2 袋大米).
  for (const [si, row] of r.communities.entries()) {
    for (const [ci, comm] of row.entries()) {
      for (let k = 0; k < 4; k++) {
        const severe = k === 0 && ci === 0;
        await addPerson(
          ctx,
          severe
            ? { community: comm, category: 'disabled_veteran', grade: 1 + si }
            : { community: comm, relation: '父母' },
        );
      }
    }
  }
  campaign = await createCampaign(office);
  await generate(office, campaign.id);
  // Visits are refused until the roster is approved and locked.
  const first = (await office.get<{ items: RosterEntryItem[] }>(`/api/campaigns/${campaign.id}/entries?pageSize=200`))
    .body.items;
  const early = await community.post(
    visitUrl(first.find((e) => e.communityId === r.communities[0][0])!.id),
    visitBody(),
  );
  expect(early.status).toBe(409);
  entries = await lockRoster(office, campaign.id, r.streets);
  expect(entries).toHaveLength(16);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const inCommunity = (i: number) => entries.filter((e) => e.communityId === r.communities[0][0])[i]!;

describe('assignment and the visitor’s list', () => {
  it('street assigns entries of its community to the community worker, who sees them on the phone list', async () => {
    const ids = entries.filter((e) => e.communityId === r.communities[0][0]).map((e) => e.id);
    const res = await street.post<{ count: number }>(`/api/campaigns/${campaign.id}/assignments`, {
      entryIds: ids,
      userId: communityUserId,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const wrong = await street.post(`/api/campaigns/${campaign.id}/assignments`, {
      entryIds: entries.filter((e) => e.communityId === r.communities[0][1]).map((e) => e.id),
      userId: communityUserId,
    });
    expect(wrong.status).toBe(400);
    const list = await community.get<{ items: MyVisitItem[] }>('/api/visits/mine');
    expect(list.body.items.map((i) => i.entryId).sort()).toEqual([...ids].sort());
    expect(list.body.items[0]?.address).toMatch(/^测试路/);
  });
});

describe('one delivery per entry', () => {
  it('of two concurrent submissions one wins and the other gets 409 with a clear message', async () => {
    const entry = inCommunity(0);
    const [a, b] = await Promise.all([
      community.post<VisitItem>(visitUrl(entry.id), visitBody()),
      street.post<{ error: { code: string; message: string } }>(visitUrl(entry.id), visitBody({ cashCents: 40_000 })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = (a.status === 409 ? a : b).body as unknown as { error: { code: string; message: string } };
    expect(loser.error.code).toBe('CONFLICT');
    expect(loser.error.message).toContain('不能重复发放');
    const rows = await ctx.db.selectFrom('campaign_visits').selectAll().where('entry_id', '=', entry.id).execute();
    expect(rows).toHaveLength(1);
    // A third, later try is refused the same way.
    expect((await office.post(visitUrl(entry.id), visitBody())).status).toBe(409);
    const c = await office.get<CampaignDetail>(`/api/campaigns/${campaign.id}`);
    expect(c.body.status).toBe('in_progress');
  });

  it('a visit queued offline and synced twice (even at once) is recorded once', async () => {
    const entry = inCommunity(1);
    const body = visitBody({ recordedOffline: true });
    const [a, b] = await Promise.all([
      community.post<VisitItem>(visitUrl(entry.id), body),
      community.post<VisitItem>(visitUrl(entry.id), body),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.id).toBe(b.body.id);
    const third = await community.post<VisitItem>(visitUrl(entry.id), body);
    expect(third.body.replayed).toBe(true);
    expect(third.body.recordedOffline).toBe(true);
    const rows = await ctx.db
      .selectFrom('campaign_visits')
      .selectAll()
      .where('client_key', '=', body.clientKey)
      .execute();
    expect(rows).toHaveLength(1);
    // The same key for another entry is a mistake, not a replay.
    expect((await community.post(visitUrl(inCommunity(2).id), body)).status).toBe(409);
  });

  it('stores the drawn signature, writes the living situation to the registry and opens a case for needs', async () => {
    const entry = inCommunity(2);
    const res = await community.post<VisitItem>(
      visitUrl(entry.id),
      visitBody({
        mode: 'proxy',
        receiver: { kind: 'proxy', name: '王小明', relation: '儿子', idNumber: null },
        livingSituations: ['独居'],
        livingNotes: '腿脚不便',
        needs: '希望协助申请居家养老服务',
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.hasSignature).toBe(true);
    expect(res.body.caseId).not.toBeNull();
    const png = await street.get(`/api/campaigns/${campaign.id}/visits/${res.body.id}/signature`);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.raw.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const assessment = await ctx.db
      .selectFrom('living_assessments')
      .selectAll()
      .where('person_id', '=', entry.personId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(assessment.situations_json)).toEqual(['独居']);
    expect(assessment.source).toContain(campaign.name);
    const cases = await street.get<{ items: CaseItem[] }>(`/api/campaigns/${campaign.id}/cases`);
    expect(cases.body.items.map((c) => c.detail)).toContain('希望协助申请居家养老服务');
    const note = await ctx.db.selectFrom('notifications').select('title').where('title', 'like', '%诉求%').execute();
    expect(note.length).toBeGreaterThan(0);
    const resolved = await street.post<CaseItem>(`/api/campaigns/${campaign.id}/cases/${res.body.caseId}/resolve`, {
      resolution: '已联系社区养老顾问上门评估',
    });
    expect(resolved.body.status).toBe('resolved');
  });

  it('refuses a visit without a signature or photo, and a removed entry', async () => {
    const res = await community.post<{ error: { message: string } }>(
      visitUrl(inCommunity(3).id),
      visitBody({ signature: null }),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('签名');
  });
});

describe('the images of a visit', () => {
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const pngOf = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const storedFile = (sha: string) =>
    ctx.db.selectFrom('files').select(['sha256', 'expires_at']).where('sha256', '=', sha).executeTakeFirst();

  it('are stored with the delivery; bytes stored before with an expiry are then kept for good', async () => {
    const photo = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from(randomUUID())]);
    // The same bytes came before as a generated document that may be purged.
    await storeFile(ctx, photo, { expiresAt: '2026-01-01T00:00:00.000Z' });
    const signature = signatureOf(randomUUID());
    const res = await community.post<VisitItem>(
      visitUrl(inCommunity(3).id),
      visitBody({ signature, photo: `data:image/jpeg;base64,${photo.toString('base64')}` }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ hasSignature: true, hasPhoto: true });
    expect(await storedFile(sha256(photo))).toEqual({ sha256: sha256(photo), expires_at: null });
    expect(await storedFile(sha256(pngOf(signature)))).toEqual({ sha256: sha256(pngOf(signature)), expires_at: null });
    const served = await street.get(`/api/campaigns/${campaign.id}/visits/${res.body.id}/photo`);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.from(served.raw.rawPayload).equals(photo)).toBe(true);
  });

  it('of a delivery that lost to another are not stored', async () => {
    const entry = entries.filter((e) => e.communityId === r.communities[0][1])[0]!;
    const signatures = [signatureOf(randomUUID()), signatureOf(randomUUID())];
    const answers = await Promise.all(
      [office, street].map((client, i) =>
        client.post<VisitItem>(visitUrl(entry.id), visitBody({ signature: signatures[i] })),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const [kept, lost] = answers[0]!.status === 200 ? signatures : [...signatures].reverse();
    expect(await storedFile(sha256(pngOf(kept!)))).toBeDefined();
    expect(await storedFile(sha256(pngOf(lost!)))).toBeUndefined();
  });
});

describe('回访抽查', () => {
  it('draws a random sample of delivered entries, never twice, and problems become cases', async () => {
    // Deliver three more in street 2 (office records them).
    for (const e of entries.filter((x) => x.streetId === r.streets[1]).slice(0, 3)) {
      expect((await office.post(visitUrl(e.id), visitBody())).status).toBe(200);
    }
    const delivered = await ctx.db
      .selectFrom('campaign_roster_entries')
      .select('id')
      .where('campaign_id', '=', campaign.id)
      .where('visit_status', '=', 'delivered')
      .execute();
    const first = await office.post<{ items: VerificationItem[] }>(
      `/api/campaigns/${campaign.id}/verifications/sample`,
      { size: 2 },
    );
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const rest = await office.post<{ items: VerificationItem[] }>(
      `/api/campaigns/${campaign.id}/verifications/sample`,
      { size: 100 },
    );
    expect(rest.body.items).toHaveLength(delivered.length - 2);
    const all = [...first.body.items, ...rest.body.items].map((v) => v.entryId);
    expect(new Set(all).size).toBe(delivered.length);
    expect(all.every((id) => delivered.some((d) => d.id === id))).toBe(true);
    expect((await office.post(`/api/campaigns/${campaign.id}/verifications/sample`, { size: 1 })).status).toBe(409);
    expect((await street.post(`/api/campaigns/${campaign.id}/verifications/sample`, { size: 1 })).status).toBe(403);

    const [v1, v2, v3] = [...first.body.items, ...rest.body.items];
    const differs = await office.post<VerificationItem>(`/api/campaigns/${campaign.id}/verifications/${v1!.id}`, {
      outcome: 'amount_differs',
      reportedCashCents: 30_000,
    });
    expect(differs.body.caseId).not.toBeNull();
    const ok = await office.post<VerificationItem>(`/api/campaigns/${campaign.id}/verifications/${v2!.id}`, {
      outcome: 'confirmed',
    });
    expect(ok.body.caseId).toBeNull();
    const missing = await office.post(`/api/campaigns/${campaign.id}/verifications/${v3!.id}`, {
      outcome: 'amount_differs',
    });
    expect(missing.status).toBe(400);
    expect(
      (await office.post(`/api/campaigns/${campaign.id}/verifications/${v1!.id}`, { outcome: 'confirmed' })).status,
    ).toBe(409);
    const cases = await office.get<{ items: CaseItem[] }>(`/api/campaigns/${campaign.id}/cases`);
    expect(cases.body.items.some((c) => c.source === 'verification' && c.detail?.includes('实收 300'))).toBe(true);
  });
});

describe('progress', () => {
  it('figures by street, community, category and standard equal sums computed from the rows', async () => {
    // Someone on the roster died.
    const dead = entries.find((e) => e.visitStatus === 'pending' && e.streetId === r.streets[1])!;
    await ctx.db
      .updateTable('persons')
      .set({ alive: 0, death_date: '2026-02-01' })
      .where('id', '=', dead.personId)
      .execute();

    const rows = await ctx.db
      .selectFrom('campaign_roster_entries')
      .leftJoin('campaign_visits', 'campaign_visits.entry_id', 'campaign_roster_entries.id')
      .select([
        'campaign_roster_entries.street_id',
        'campaign_roster_entries.community_id',
        'campaign_roster_entries.category_code',
        'campaign_roster_entries.cash_cents',
        'campaign_roster_entries.visit_status',
        'campaign_visits.cash_cents as paid',
        'campaign_visits.goods_cents as goods_paid',
      ])
      .where('campaign_roster_entries.campaign_id', '=', campaign.id)
      .where('campaign_roster_entries.state', '=', 'active')
      .execute();
    const expectFor = (pick: (x: (typeof rows)[number]) => boolean) => {
      const mine = rows.filter(pick);
      return {
        planned: mine.length,
        delivered: mine.filter((x) => x.visit_status === 'delivered').length,
        plannedCashCents: mine.reduce((t, x) => t + x.cash_cents, 0),
        deliveredCashCents: mine.reduce((t, x) => t + (x.paid ?? 0), 0),
        deliveredGoodsCents: mine.reduce((t, x) => t + (x.goods_paid ?? 0), 0),
      };
    };
    const res = await office.get<ProgressResponse>(`/api/campaigns/${campaign.id}/progress?asOf=2026-02-20`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.overall).toMatchObject(expectFor(() => true));
    for (const s of r.streets) {
      expect(res.body.byStreet.find((g) => g.key === String(s))).toMatchObject(expectFor((x) => x.street_id === s));
    }
    for (const c of r.communities.flat()) {
      expect(res.body.byCommunity.find((g) => g.key === String(c))).toMatchObject(
        expectFor((x) => x.community_id === c),
      );
    }
    expect(res.body.byCategory.find((g) => g.key === 'disabled_veteran')).toMatchObject(
      expectFor((x) => x.category_code === 'disabled_veteran'),
    );
    const pending = rows.filter((x) => x.visit_status === 'pending').length;
    expect(res.body.phase).toBe('overdue');
    expect(res.body.overdue).toBe(pending);
    expect(res.body.missed).toBe(0);
    expect(res.body.deceased).toBe(1);
    expect(res.body.verification.problems).toBe(1);

    const later = await office.get<ProgressResponse>(`/api/campaigns/${campaign.id}/progress?asOf=2026-03-10`);
    expect(later.body.missed).toBe(pending);
    const missedList = await office.get<{ total: number }>(
      `/api/campaigns/${campaign.id}/progress/list?kind=missed&asOf=2026-03-10`,
    );
    expect(missedList.body.total).toBe(pending);
    const deceased = await office.get<{ items: { personId: number; deathDate: string }[] }>(
      `/api/campaigns/${campaign.id}/progress/list?kind=deceased`,
    );
    expect(deceased.body.items.map((i) => i.personId)).toEqual([dead.personId]);

    // The community worker's figures are its community's only.
    const mine = await community.get<ProgressResponse>(`/api/campaigns/${campaign.id}/progress?asOf=2026-02-12`);
    expect(mine.body.overall).toMatchObject(expectFor((x) => x.community_id === r.communities[0][0]));
    expect(mine.body.phase).toBe('before_due');
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });
});

describe('a late sync', () => {
  it('after the campaign has closed answers with the visit recorded before, and refuses a new record', async () => {
    const later = await createCampaign(office);
    await generate(office, later.id);
    const [entry] = (await lockRoster(office, later.id, r.streets)).filter(
      (e) => e.communityId === r.communities[0][0],
    );
    const url = `/api/campaigns/${later.id}/entries/${entry!.id}/visit`;
    const body = visitBody({ recordedOffline: true });
    const first = await community.post<VisitItem>(url, body);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const closed = await transition(office, later.id, 'closed');
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);

    // The phone did not hear the answer and sends the same record again: it is told the visit is recorded.
    const again = await community.post<VisitItem>(url, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, replayed: true });
    const fresh = await community.post<{ error: { code: string; message: string } }>(url, visitBody());
    expect(fresh.status).toBe(409);
    expect(fresh.body.error.message).toContain('已结束');
  });
});
