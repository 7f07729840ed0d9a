/** Activity figures: the summary page (counts, participants, money) and the 报表's month × type groups. */
import type { ActivitySummary } from '../../../shared/api/army-people.api.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import * as programmesRepo from '../troops/programmes.repo.ts';
import { lookupNames } from '../troops/programmes.service.ts';
import * as repo from './activities.repo.ts';
import { type ActivityQuery, filterOf, maxRows } from './activity-items.ts';
import * as pairingsRepo from './pairings.repo.ts';

type Row = repo.ActivityRow;

/** Counts, participants and money, by type, programme and month: spend is always in view (儉樸節約). */
export async function activitySummary(ctx: AppContext, actor: Actor, query: ActivityQuery): Promise<ActivitySummary> {
  requireCapability(actor, 'activities.read');
  const rows = await repo.listAllActivities(ctx.db, actor, filterOf(query), maxRows);
  const ids = rows.map((r) => r.id);
  const [types, programmes, programmeLinks, contacts] = await Promise.all([
    lookupNames(ctx, 'activity_type'),
    programmesRepo.listProgrammes(ctx.db),
    programmesRepo.programmeIdsFor(ctx.db, 'activity', ids),
    pairingsRepo.listContactsInScope(ctx.db, actor, { from: query.from, to: query.to }),
  ]);
  const programmeNames = new Map(programmes.map((p) => [String(p.id), p.name]));
  const group = (keyOf: (r: Row) => string[], nameOf: (key: string) => string) => {
    const map = new Map<string, { count: number; participants: number; spendCents: number }>();
    for (const r of rows) {
      for (const key of keyOf(r)) {
        const g = map.get(key) ?? { count: 0, participants: 0, spendCents: 0 };
        g.count++;
        g.participants += r.participant_count;
        g.spendCents += r.spend_cents;
        map.set(key, g);
      }
    }
    return [...map.entries()].map(([code, g]) => ({ code, name: nameOf(code), ...g }));
  };
  const spendCents = rows.reduce((s, r) => s + r.spend_cents, 0);
  return {
    count: rows.length,
    participants: rows.reduce((s, r) => s + r.participant_count, 0),
    spendCents,
    averageSpendCents: rows.length ? Math.round(spendCents / rows.length) : 0,
    byType: group(
      (r) => [r.type_code],
      (c) => types.get(c) ?? c,
    ).sort((a, b) => b.spendCents - a.spendCents || b.count - a.count),
    byProgramme: group(
      (r) => (programmeLinks.get(r.id) ?? []).map(String),
      (c) => programmeNames.get(c) ?? c,
    ).sort((a, b) => b.spendCents - a.spendCents),
    byMonth: group(
      (r) => [r.held_on.slice(0, 7)],
      (c) => `${Number(c.slice(0, 4))}年${Number(c.slice(5))}月`,
    ).sort((a, b) => (a.code < b.code ? -1 : 1)),
    pairingContacts: { count: contacts.length, spendCents: contacts.reduce((s, c) => s + c.spend_cents, 0) },
  };
}

/** Activities of a period per month × type (count, participants, spend), with the type names. */
export async function activityFigures(ctx: AppContext, actor: Actor, query: ActivityQuery) {
  requireCapability(actor, 'activities.read');
  const [rows, types] = await Promise.all([
    repo.activityGroups(ctx.db, actor, filterOf(query)),
    lookupNames(ctx, 'activity_type'),
  ]);
  return rows.map((r) => ({ ...r, typeName: types.get(r.type) ?? r.type }));
}
