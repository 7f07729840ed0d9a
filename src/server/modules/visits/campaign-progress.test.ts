import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { CampaignDetail, RosterEntryItem } from '../../../shared/api/campaigns.api.ts';
import * as migration from '../../db/migrations/2026-12-07-0230-campaign-progress.ts';
import * as unpaired from '../../db/migrations/2026-12-08-0340-campaign-progress-unpaired.ts';
import { type Actor, systemActor } from '../../platform/access.ts';
import {
  addPerson,
  createCampaign,
  generate,
  loginOfficeAndStreets,
  transition,
  visitBody,
} from '../campaigns/campaigns.fixture.ts';
import { progressGroups } from './progress.repo.ts';

// The campaign progress kept by the database triggers equals a recount from the roster entries and visits after
// every kind of write: roster generation, review (add, remove), amendments, visits, and raw statements the app never
// issues but a bulk path or a later migration could (corrections, undone visits, moved entries, many rows at once,
// a discarded roster, a deleted campaign).

let ctx: TestContext;
let app: FastifyInstance;
let r: TestRegions;
let office: TestClient;
let street: TestClient;
let officeActor: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  r = await seedRegions(ctx);
  ({ office, street } = await loginOfficeAndStreets(ctx, app, r));
  officeActor = { ...systemActor(), role: 'office', regionId: r.district, regionIds: 'all' };
  for (const [si, row] of r.communities.entries()) {
    for (const [ci, community] of row.entries()) {
      for (let k = 0; k < 3; k++) {
        const severe = k === 0 && ci === 0;
        await addPerson(
          ctx,
          severe ? { community, category: 'disabled_veteran', grade: 1 + si } : { community, relation: '父母' },
        );
      }
      await addPerson(ctx, { community, category: 'serviceman_family', birthDate: '1930-01-01' });
    }
  }
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

type Figures = Record<string, number | string | null>;
const line = (x: Figures) =>
  Object.values(x)
    .map((v) => (v === null ? 0 : Number.isNaN(Number(v)) ? v : Number(v)))
    .join('/');

/** The kept rows, without those that dropped to zero. */
async function kept(): Promise<string[]> {
  const rows = await sql<Figures>`SELECT campaign_id, street_id, community_id, category_code, standard_id, planned,
      delivered, pending, planned_cash_cents, planned_goods_cents, delivered_cash_cents, delivered_goods_cents
    FROM campaign_progress WHERE planned <> 0 OR delivered <> 0 OR pending <> 0 OR planned_cash_cents <> 0
      OR planned_goods_cents <> 0 OR delivered_cash_cents <> 0 OR delivered_goods_cents <> 0`.execute(ctx.db);
  return rows.rows.map(line).sort();
}

/** The same figures from the base tables, independently of the triggers. */
async function recounted(): Promise<string[]> {
  const rows = await sql<Figures>`SELECT e.campaign_id, e.street_id, e.community_id, e.category_code, e.standard_id,
      count(*) AS planned,
      sum(CASE WHEN e.visit_status = 'delivered' THEN 1 ELSE 0 END) AS delivered,
      sum(CASE WHEN e.visit_status = 'pending' THEN 1 ELSE 0 END) AS pending,
      sum(e.cash_cents) AS planned_cash, sum(e.goods_cents) AS planned_goods,
      sum(COALESCE(v.cash_cents, 0)) AS delivered_cash, sum(COALESCE(v.goods_cents, 0)) AS delivered_goods
    FROM campaign_roster_entries e LEFT JOIN campaign_visits v ON v.entry_id = e.id
    WHERE e.state = 'active'
    GROUP BY e.campaign_id, e.street_id, e.community_id, e.category_code, e.standard_id`.execute(ctx.db);
  return rows.rows.map(line).sort();
}

/** Letters per group the way the roster itself says: active entries whose standard has a letter template. */
async function lettersRecounted(campaignId: number): Promise<string[]> {
  const rows = await sql<Figures>`SELECT e.street_id, e.community_id, e.category_code, e.standard_id,
      sum(CASE WHEN s.letter_template IS NOT NULL THEN 1 ELSE 0 END) AS letters
    FROM campaign_roster_entries e JOIN campaign_standards s ON s.id = e.standard_id
    WHERE e.campaign_id = ${campaignId} AND e.state = 'active'
    GROUP BY e.street_id, e.community_id, e.category_code, e.standard_id`.execute(ctx.db);
  return rows.rows.map(line).sort();
}

async function expectExact(nonEmpty = true) {
  const now = await recounted();
  if (nonEmpty) expect(now.length).toBeGreaterThan(0);
  expect(await kept()).toEqual(now);
}

let campaign: CampaignDetail;
let entries: RosterEntryItem[];
const listEntries = async (campaignId: number) =>
  (await office.get<{ items: RosterEntryItem[] }>(`/api/campaigns/${campaignId}/entries?pageSize=200`)).body.items;
const visitUrl = (entryId: number) => `/api/campaigns/${campaign.id}/entries/${entryId}/visit`;

describe('campaign progress kept by the database', () => {
  it('counts the roster as generated, and again when it is generated anew', async () => {
    campaign = await createCampaign(office);
    await generate(office, campaign.id);
    await expectExact();
    await generate(office, campaign.id);
    await expectExact();
    entries = await listEntries(campaign.id);
    expect(entries.length).toBeGreaterThan(10);
  });

  it('follows the street review: entries added and removed, an amendment approved after the lock', async () => {
    const soldier = await addPerson(ctx, { community: r.communities[0][1], category: 'retired_soldier' });
    const standardId = campaign.standards.at(-1)!.id;
    await transition(office, campaign.id, 'in_review');
    const added = await street.post(`/api/campaigns/${campaign.id}/entries`, {
      personId: soldier.id,
      standardId,
      reason: '困难退役士兵',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    await expectExact();
    const toRemove = entries.find((e) => e.streetId === r.streets[0])!;
    const removed = await street.post(`/api/campaigns/${campaign.id}/entries/${toRemove.id}/remove`, {
      reason: '已迁出本区',
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    await expectExact();
    // Put back: the removed entry becomes active again under the standard chosen now.
    const back = await street.post(`/api/campaigns/${campaign.id}/entries`, {
      personId: toRemove.personId,
      standardId,
      reason: '仍居住在本区',
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    await expectExact();
    for (const s of r.streets) await office.post(`/api/campaigns/${campaign.id}/reviews/${s}/confirm`, {});
    expect((await transition(office, campaign.id, 'locked')).status).toBe(200);
    entries = await listEntries(campaign.id);
    const target = entries.find((e) => e.state === 'active' && e.streetId === r.streets[1])!;
    const pending = await office.post<{ amendmentId: number }>(
      `/api/campaigns/${campaign.id}/entries/${target.id}/remove`,
      { reason: '本人已去世' },
    );
    expect(pending.status, JSON.stringify(pending.body)).toBe(200);
    await office.post(`/api/campaigns/${campaign.id}/amendments/${pending.body.amendmentId}/decide`, {
      approve: true,
    });
    await expectExact();
    entries = (await listEntries(campaign.id)).filter((e) => e.state === 'active');
  });

  it('adds the money of each visit recorded, whatever it was', async () => {
    for (const [i, entry] of entries.slice(0, 5).entries()) {
      const res = await office.post(visitUrl(entry.id), visitBody({ cashCents: 10_000 * (i + 1) }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    await expectExact();
    const delivered = (await kept()).length;
    expect(delivered).toBeGreaterThan(0);
  });

  it('stays exact under corrections, undone visits and entries moved by raw statements', async () => {
    const [a, b, c] = entries;
    // A visit corrected (money and goods), then one undone: the visit deleted, the entry pending again.
    await sql`UPDATE campaign_visits SET cash_cents = cash_cents + 123, goods_cents = 4000 WHERE entry_id = ${a!.id}`.execute(
      ctx.db,
    );
    await expectExact();
    await sql`UPDATE campaign_roster_entries SET visit_id = NULL WHERE id = ${b!.id}`.execute(ctx.db);
    await sql`DELETE FROM campaign_visits WHERE entry_id = ${b!.id}`.execute(ctx.db);
    await sql`UPDATE campaign_roster_entries SET visit_status = 'pending', delivered_at = NULL WHERE id = ${b!.id}`.execute(
      ctx.db,
    );
    await expectExact();
    // A delivered entry moved to another community, standard and category, with other planned money.
    const [other] = campaign.standards;
    await sql`UPDATE campaign_roster_entries SET community_id = ${r.communities[1][1]}, street_id = ${r.streets[1]},
      standard_id = ${other!.id}, category_code = 'retired_soldier', cash_cents = 777, goods_cents = 55
      WHERE id = ${c!.id}`.execute(ctx.db);
    await expectExact();
    // A visit moved to another entry; then a delivered entry withdrawn and brought back.
    const [d] = entries.filter((e) => e.visitStatus !== 'delivered' && e.id !== b!.id);
    await sql`UPDATE campaign_visits SET entry_id = ${d!.id} WHERE entry_id = ${a!.id}`.execute(ctx.db);
    await expectExact();
    await sql`UPDATE campaign_roster_entries SET state = 'removed' WHERE id = ${c!.id}`.execute(ctx.db);
    await expectExact();
    await sql`UPDATE campaign_roster_entries SET state = 'active' WHERE id = ${c!.id}`.execute(ctx.db);
    await expectExact();
    // Many rows at once: a second half of the roster delivered in two statements, as the bench writes it.
    const now = new Date().toISOString();
    await sql`INSERT INTO campaign_visits (campaign_id, entry_id, client_key, person_id, visited_on, mode, cash_cents,
        goods_json, goods_cents, receiver_kind, receiver_name, recorded_offline, created_at)
      SELECT campaign_id, id, 'bulk-' || id, person_id, '2026-02-10', 'home', cash_cents, '[]', goods_cents,
        'self', person_name, 0, ${now}
      FROM campaign_roster_entries e WHERE campaign_id = ${campaign.id} AND state = 'active'
        AND NOT EXISTS (SELECT 1 FROM campaign_visits v WHERE v.entry_id = e.id) AND id % 2 = 0`.execute(ctx.db);
    await sql`UPDATE campaign_roster_entries SET visit_status = 'delivered'
      WHERE campaign_id = ${campaign.id} AND id % 2 = 0 AND id IN (SELECT entry_id FROM campaign_visits)`.execute(
      ctx.db,
    );
    await expectExact();
    await sql`UPDATE campaign_roster_entries SET community_id = ${r.communities[0][0]}, street_id = ${r.streets[0]}
      WHERE campaign_id = ${campaign.id}`.execute(ctx.db);
    await expectExact();
  });

  it('stays exact when one statement moves entries with visits and only changes the others', async () => {
    const withVisit = await sql<{ id: number }>`SELECT entry_id AS id FROM campaign_visits
      WHERE campaign_id = ${campaign.id} ORDER BY entry_id LIMIT 3`.execute(ctx.db);
    const without = await sql<{
      id: number;
    }>`SELECT id FROM campaign_roster_entries e WHERE campaign_id = ${campaign.id}
      AND state = 'active' AND NOT EXISTS (SELECT 1 FROM campaign_visits v WHERE v.entry_id = e.id)
      ORDER BY id LIMIT 3`.execute(ctx.db);
    const moved = withVisit.rows.map((x) => x.id);
    const changed = without.rows.map((x) => x.id);
    expect(moved).toHaveLength(3);
    expect(changed).toHaveLength(3);
    // Entries with a visit move to another community (their visit's money with them) in the same statement that
    // delivers the others and changes their planned money.
    await sql`UPDATE campaign_roster_entries SET
        community_id = CASE WHEN id IN (${sql.join(moved)}) THEN ${r.communities[0][1]} ELSE community_id END,
        visit_status = CASE WHEN id IN (${sql.join(changed)}) THEN 'delivered' ELSE visit_status END,
        cash_cents = CASE WHEN id IN (${sql.join(changed)}) THEN cash_cents + 500 ELSE cash_cents END
      WHERE id IN (${sql.join([...moved, ...changed])})`.execute(ctx.db);
    await expectExact();
    // Entries with a visit change status and planned money without moving: their visit's money stays where it is.
    await sql`UPDATE campaign_roster_entries SET visit_status = 'pending', cash_cents = cash_cents + 9
      WHERE id IN (${sql.join(moved)})`.execute(ctx.db);
    await expectExact();
    await sql`UPDATE campaign_roster_entries SET visit_status = 'delivered' WHERE id IN (${sql.join(moved)})`.execute(
      ctx.db,
    );
    // A visit update of no figure (its case link) and one of all visits' money at once.
    await sql`UPDATE campaign_visits SET case_id = NULL WHERE campaign_id = ${campaign.id}`.execute(ctx.db);
    await expectExact();
    await sql`UPDATE campaign_visits SET cash_cents = cash_cents + 1 WHERE campaign_id = ${campaign.id}`.execute(
      ctx.db,
    );
    await expectExact();
  });

  it('reads letters from the standard as it is now, and scopes the groups like the roster', async () => {
    const groups = await progressGroups(ctx.db, officeActor, campaign.id);
    const letters = (gs: typeof groups) =>
      gs.map((g) => `${g.streetId}/${g.communityId}/${g.categoryCode}/${g.standardId}/${g.letters}`).sort();
    expect(letters(groups)).toEqual(await lettersRecounted(campaign.id));
    const [withLetter] = campaign.standards;
    await ctx.db
      .updateTable('campaign_standards')
      .set({ letter_template: '尊敬的{姓名}：新春快乐！' })
      .where('id', '=', withLetter!.id)
      .execute();
    const after = await progressGroups(ctx.db, officeActor, campaign.id);
    expect(letters(after)).toEqual(await lettersRecounted(campaign.id));
    expect(after.reduce((n, g) => n + g.letters, 0)).toBeGreaterThan(groups.reduce((n, g) => n + g.letters, 0));
    // Every entry was moved into the first street above: its street sees all the groups, the other street none.
    const streetActor = (i: 0 | 1): Actor => ({
      ...officeActor,
      role: 'street',
      regionIds: [r.streets[i], ...r.communities[i]],
    });
    const scoped = await progressGroups(ctx.db, streetActor(0), campaign.id);
    expect(scoped).toHaveLength(after.length);
    expect(await progressGroups(ctx.db, streetActor(1), campaign.id)).toEqual([]);
  });

  it('drops a roster discarded back to draft, and a deleted campaign', async () => {
    const draft = await createCampaign(office, { year: 2027 });
    await generate(office, draft.id);
    await expectExact();
    expect((await transition(office, draft.id, 'draft')).status).toBe(200);
    await expectExact();
    expect(await kept()).toEqual(await recounted());
    await generate(office, draft.id);
    await expectExact();
    const remaining = await sql<{ n: number }>`SELECT count(*) AS n FROM campaign_progress
      WHERE campaign_id = ${draft.id} AND planned > 0`.execute(ctx.db);
    expect(Number(remaining.rows[0]?.n)).toBeGreaterThan(0);
    await ctx.db.deleteFrom('campaign_street_reviews').where('campaign_id', '=', draft.id).execute();
    await ctx.db.deleteFrom('campaigns').where('id', '=', draft.id).execute();
    await expectExact();
    const gone = await sql<{ n: number }>`SELECT count(*) AS n FROM campaign_progress
      WHERE campaign_id = ${draft.id}`.execute(ctx.db);
    expect(Number(gone.rows[0]?.n)).toBe(0);
  });

  it('keeps the figures exact with the update triggers of either migration', async () => {
    for (const step of [unpaired.down, unpaired.up]) {
      await step(ctx.db);
      await sql`UPDATE campaign_roster_entries SET cash_cents = cash_cents + 2, state = CASE WHEN id % 5 = 0
        THEN 'removed' ELSE state END`.execute(ctx.db);
      await sql`UPDATE campaign_visits SET goods_cents = goods_cents + 3`.execute(ctx.db);
      await expectExact();
      await sql`UPDATE campaign_roster_entries SET state = 'active' WHERE id % 5 = 0`.execute(ctx.db);
      await expectExact();
    }
  });

  it('is filled for the rows already there when the migration runs, and removed by its down', async () => {
    const before = await kept();
    await migration.down(ctx.db);
    await migration.up(ctx.db);
    expect(await kept()).toEqual(before);
    await expectExact();
    // The triggers are back too.
    await sql`UPDATE campaign_roster_entries SET cash_cents = cash_cents + 1`.execute(ctx.db);
    await expectExact();
  });
});
