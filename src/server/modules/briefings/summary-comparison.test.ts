import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryResponse } from '../../../shared/api/briefings.api.ts';
import { addPerson, createCampaign, generate, lockRoster, visitBody } from '../campaigns/campaigns.fixture.ts';
import { buildWorld, type World } from '../troops/troops.fixture.ts';

let w: World;
const office = () => w.users.office.client;

/** A locked campaign of `year` with `visits` of its entries delivered at `cashCents` each; returns its id. */
async function runCampaign(year: number, visits: number, cashCents: number) {
  const c = await createCampaign(office(), { year });
  await generate(office(), c.id);
  const entries = await lockRoster(office(), c.id, w.r.streets);
  for (const e of entries.slice(0, visits)) {
    const res = await office().post(
      `/api/campaigns/${c.id}/entries/${e.id}/visit`,
      visitBody({ visitedOn: `${year}-02-10`, cashCents }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return { id: c.id, name: c.name, planned: entries.length };
}

beforeAll(async () => {
  w = await buildWorld();
  for (const community of [w.r.communities[0][0], w.r.communities[0][1], w.r.communities[1][0], w.r.communities[1][1]])
    await addPerson(w.ctx, { community, relation: '父母' });
});
afterAll(async () => {
  await w?.close();
});

describe('comparison with last year', () => {
  it('finds last year’s campaign of the same region and compares people, money and coverage', async () => {
    const last = await runCampaign(2025, 2, 50_000);
    const now = await runCampaign(2026, 3, 60_000);
    const res = await office().get<SummaryResponse>(`/api/briefings/campaigns/${now.id}/summary`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.figures.previous).toEqual({
      name: last.name,
      planned: last.planned,
      delivered: 2,
      cashCents: 100_000,
    });
    const text = res.body.draft.body;
    expect(text).toContain(`与上年（${last.name}）相比`);
    expect(text).toContain('走访慰问人数比上年增加 1 人（增长50.0%）');
    // 3 × 600 元 − 2 × 500 元 = 800 元
    expect(text).toContain('慰问金比上年增加 800 元');
    expect(text).toContain(
      `由 ${((2 / last.planned) * 100).toFixed(1)}% 变为 ${((3 / now.planned) * 100).toFixed(1)}%`,
    );
  });
});
