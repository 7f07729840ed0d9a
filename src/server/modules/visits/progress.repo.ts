import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import { entryRegionColumns } from '../campaigns/campaigns.repo.ts';

/**
 * Planned against delivered (and still pending), grouped by street × community × category × standard: the rows of
 * campaign_progress, which the database keeps exact by triggers on the roster entries and visits (migration
 * 2026-12-07-0230), so a request reads a few hundred rows rather than every entry of the campaign. The service
 * folds the groups into each dimension. Delivered money is what the visits recorded, not the plan. Letters are the
 * planned entries of standards with a letter template, as the standard reads now.
 */
export type ProgressGroup = Awaited<ReturnType<typeof progressGroups>>[number];

export async function progressGroups(db: Kysely<DB>, actor: Actor, campaignId: number) {
  const rows = await db
    .selectFrom('campaign_progress as p')
    .innerJoin('campaign_standards as s', 's.id', 'p.standard_id')
    .select([
      'p.street_id',
      'p.community_id',
      'p.category_code',
      'p.standard_id',
      'p.planned',
      'p.delivered',
      'p.pending',
      'p.planned_cash_cents',
      'p.planned_goods_cents',
      'p.delivered_cash_cents',
      'p.delivered_goods_cents',
      's.letter_template',
    ])
    .where('p.campaign_id', '=', campaignId)
    .where('p.planned', '>', 0)
    .where(inRegionScope(actor, ['p.street_id', 'p.community_id']))
    .execute();
  return rows.map((r) => ({
    streetId: r.street_id,
    communityId: r.community_id,
    categoryCode: r.category_code,
    standardId: r.standard_id,
    planned: Number(r.planned),
    delivered: Number(r.delivered),
    pending: Number(r.pending),
    plannedCash: Number(r.planned_cash_cents),
    plannedGoods: Number(r.planned_goods_cents),
    deliveredCash: Number(r.delivered_cash_cents),
    deliveredGoods: Number(r.delivered_goods_cents),
    letters: r.letter_template === null ? 0 : Number(r.planned),
  }));
}

export type ListKind = 'pending' | 'deceased';

function listBase(db: Kysely<DB>, actor: Actor, campaignId: number, kind: ListKind, streetId?: number) {
  let q = db
    .selectFrom('campaign_roster_entries')
    .innerJoin('persons', 'persons.id', 'campaign_roster_entries.person_id')
    .where('campaign_roster_entries.campaign_id', '=', campaignId)
    .where('campaign_roster_entries.state', '=', 'active')
    .where(inRegionScope(actor, entryRegionColumns));
  q =
    kind === 'pending'
      ? q.where('campaign_roster_entries.visit_status', '=', 'pending')
      : q.where('persons.alive', '=', 0);
  if (streetId !== undefined) q = q.where('campaign_roster_entries.street_id', '=', streetId);
  return q;
}

/**
 * Entries in scope whose person has died: read from the (few) dead people's side through the roster's
 * (campaign, person) key, rather than a person lookup for every entry.
 */
export async function countDeceased(db: Kysely<DB>, actor: Actor, campaignId: number): Promise<number> {
  // CROSS JOIN keeps the dead people as the outer loop on SQLite; PostgreSQL plans it as any inner join.
  const row = await db
    .selectFrom('persons')
    .crossJoin('campaign_roster_entries')
    .whereRef('campaign_roster_entries.person_id', '=', 'persons.id')
    .where('persons.alive', '=', 0)
    .where('campaign_roster_entries.campaign_id', '=', campaignId)
    .where('campaign_roster_entries.state', '=', 'active')
    .where(inRegionScope(actor, entryRegionColumns))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function pageList(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: number,
  kind: ListKind,
  f: { streetId?: number | undefined; offset: number; limit: number },
) {
  const base = listBase(db, actor, campaignId, kind, f.streetId);
  const [items, total] = await Promise.all([
    base
      .innerJoin('campaign_standards', 'campaign_standards.id', 'campaign_roster_entries.standard_id')
      .leftJoin('users', 'users.id', 'campaign_roster_entries.assigned_user_id')
      .select([
        'campaign_roster_entries.id',
        'campaign_roster_entries.person_id',
        'campaign_roster_entries.person_name',
        'campaign_roster_entries.street_id',
        'campaign_roster_entries.community_id',
        'campaign_roster_entries.cash_cents',
        'campaign_roster_entries.visit_status',
        'campaign_standards.name as standard_name',
        'users.display_name as assigned_name',
        'persons.death_date',
      ])
      .orderBy('campaign_roster_entries.street_id')
      .orderBy('campaign_roster_entries.community_id')
      .orderBy('campaign_roster_entries.id')
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function caseAndSampleCounts(db: Kysely<DB>, actor: Actor, campaignId: number) {
  const [cases, samples] = await Promise.all([
    db
      .selectFrom('campaign_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'open')
      .where(inRegionScope(actor, ['campaign_cases.street_id', 'campaign_cases.community_id']))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('campaign_verifications')
      .select((eb) => [
        eb.fn.countAll<number>().as('drawn'),
        eb.fn.sum<number>(eb.case().when('outcome', 'is not', null).then(1).else(0).end()).as('checked'),
        eb.fn
          .sum<number>(eb.case().when('outcome', 'in', ['not_received', 'amount_differs']).then(1).else(0).end())
          .as('problems'),
      ])
      .where('campaign_id', '=', campaignId)
      .where(inRegionScope(actor, ['campaign_verifications.street_id', 'campaign_verifications.community_id']))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    openCases: Number(cases.n),
    verification: {
      drawn: Number(samples.drawn),
      checked: Number(samples.checked ?? 0),
      problems: Number(samples.problems ?? 0),
    },
  };
}
