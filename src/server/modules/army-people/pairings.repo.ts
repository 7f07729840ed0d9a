/**
 * Pairings (结对) and their contact log. Every read applies the pairing scope, so a pairing outside it is
 * simply not found.
 */
import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import { engineOf, pathWithin } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import type { PairingContactTable, PairingTable } from './army-people.schema.ts';
import { scopeByRole } from './army-people.scope.ts';

type Db = Kysely<DB>;

/**
 * Which pairings the actor reaches: admin all; office, leaders and street staff their region's subtree (where
 * the paired people live); a troop liaison its own unit's; everyone else (departments, communities) none.
 */
export function pairingScope(actor: Actor) {
  const unitId = actor.role === 'troop' ? actor.unitId : null;
  return scopeByRole<'pairings'>(actor, inRegionScope(actor, ['pairings.region_id']), (eb) =>
    unitId === null ? eb.lit(false) : eb('pairings.military_unit_id', '=', unitId),
  );
}

const base = (db: Db, actor: Actor) =>
  db
    .selectFrom('pairings')
    .leftJoin('regions', 'regions.id', 'pairings.region_id')
    .select([
      'pairings.id',
      'pairings.military_unit_id',
      'pairings.region_id',
      'regions.name as region_name',
      'pairings.beneficiary_kind',
      'pairings.beneficiary_name',
      'pairings.category_code',
      'pairings.cadence_days',
      'pairings.started_on',
      'pairings.ended_on',
      'pairings.active',
      'pairings.address',
      'pairings.phone_enc',
      'pairings.notes',
      'pairings.last_contact_on',
      'pairings.next_due_on',
      'pairings.created_at',
      'pairings.updated_at',
      (eb) =>
        eb
          .selectFrom('pairing_contacts')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('pairing_contacts.pairing_id', '=', 'pairings.id')
          .as('contact_count'),
    ])
    .where(pairingScope(actor));

export type PairingRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

export interface PairingFilter {
  militaryUnitId?: number | undefined;
  category?: string | undefined;
  programmeId?: number | undefined;
  /** true: active, not ended and past its next contact date on `today`. */
  overdue?: boolean | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
}

function filtered(db: Db, actor: Actor, f: PairingFilter, today: string) {
  let q = base(db, actor);
  if (f.militaryUnitId) q = q.where('pairings.military_unit_id', '=', f.militaryUnitId);
  if (f.category) q = q.where('pairings.category_code', '=', f.category);
  if (f.active !== undefined) q = q.where('pairings.active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where('pairings.beneficiary_name', 'like', `%${f.q}%`);
  if (f.programmeId) {
    const programmeId = f.programmeId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('troop_programme_links')
          .select('troop_programme_links.owner_id')
          .where('troop_programme_links.owner_type', '=', 'pairing')
          .where('troop_programme_links.programme_id', '=', programmeId)
          .whereRef('troop_programme_links.owner_id', '=', 'pairings.id'),
      ),
    );
  }
  if (f.overdue !== undefined) {
    const overdue = (eb: ExpressionBuilder<DB, 'pairings'>) =>
      eb.and([
        eb('pairings.active', '=', 1),
        eb.or([eb('pairings.ended_on', 'is', null), eb('pairings.ended_on', '>=', today)]),
        eb('pairings.next_due_on', 'is not', null),
        eb('pairings.next_due_on', '<', today),
      ]);
    q = f.overdue ? q.where(overdue) : q.where((eb) => eb.not(overdue(eb)));
  }
  return q;
}

export async function listPairings(
  db: Db,
  actor: Actor,
  f: PairingFilter,
  today: string,
  offset: number,
  limit: number,
) {
  const q = filtered(db, actor, f, today);
  const [items, total] = await Promise.all([
    q.orderBy('pairings.next_due_on').orderBy('pairings.id').offset(offset).limit(limit).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Active pairings and those overdue for contact on `today` (the list's own definitions). */
export async function countPairings(db: Db, actor: Actor, today: string) {
  const count = async (f: PairingFilter) =>
    Number(
      (
        await filtered(db, actor, f, today)
          .clearSelect()
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [active, overdue] = await Promise.all([count({ active: true }), count({ overdue: true })]);
  return { active, overdue };
}

export function listAllPairings(db: Db, actor: Actor, f: PairingFilter = {}) {
  return filtered(db, actor, f, '0000-00-00').execute();
}

export function findPairing(db: Db, actor: Actor, id: number) {
  return base(db, actor).where('pairings.id', '=', id).executeTakeFirst();
}

export type PairingRecord = Omit<PairingTable, 'id' | 'created_at' | 'updated_at' | 'last_contact_on' | 'next_due_on'>;

export async function insertPairing(db: Db, row: PairingRecord, nextDueOn: string | null, now: string) {
  const r = await db
    .insertInto('pairings')
    .values({ ...row, last_contact_on: null, next_due_on: nextDueOn, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePairing(db: Db, id: number, row: PairingRecord, now: string): Promise<void> {
  await db
    .updateTable('pairings')
    .set({ ...row, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setContactDates(
  db: Db,
  id: number,
  lastContactOn: string | null,
  nextDueOn: string | null,
): Promise<void> {
  await db
    .updateTable('pairings')
    .set({ last_contact_on: lastContactOn, next_due_on: nextDueOn })
    .where('id', '=', id)
    .execute();
}

export function listContacts(db: Db, pairingId: number) {
  return db
    .selectFrom('pairing_contacts')
    .selectAll()
    .where('pairing_id', '=', pairingId)
    .orderBy('contacted_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function lastContactOn(db: Db, pairingId: number): Promise<string | null> {
  const r = await db
    .selectFrom('pairing_contacts')
    .select((eb) => eb.fn.max('contacted_on').as('last'))
    .where('pairing_id', '=', pairingId)
    .executeTakeFirst();
  return (r?.last as string | null | undefined) ?? null;
}

export async function insertContact(db: Db, row: Omit<Selectable<PairingContactTable>, 'id'>): Promise<number> {
  const r = await db.insertInto('pairing_contacts').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function findContact(db: Db, pairingId: number, id: number) {
  return db
    .selectFrom('pairing_contacts')
    .selectAll()
    .where('pairing_id', '=', pairingId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteContact(db: Db, id: number): Promise<void> {
  await db.deleteFrom('pairing_contacts').where('id', '=', id).execute();
}

/** Contacts of the pairings in scope, in a date range (for summaries). */
export function listContactsInScope(
  db: Db,
  actor: Actor,
  f: { from?: string | undefined; to?: string | undefined; pairingIds?: readonly number[] },
) {
  let q = db
    .selectFrom('pairing_contacts')
    .innerJoin('pairings', 'pairings.id', 'pairing_contacts.pairing_id')
    .select(['pairing_contacts.pairing_id', 'pairing_contacts.contacted_on', 'pairing_contacts.spend_cents'])
    .where(pairingScope(actor));
  if (f.from) q = q.where('pairing_contacts.contacted_on', '>=', f.from);
  if (f.to) q = q.where('pairing_contacts.contacted_on', '<=', f.to);
  if (f.pairingIds) q = q.where('pairing_contacts.pairing_id', 'in', f.pairingIds.length ? [...f.pairingIds] : [-1]);
  return q.execute();
}

export async function regionExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('regions').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/**
 * Places the actor may pick for a pairing or an activity: admin every region; region-scoped roles their
 * subtree; a troop liaison the subtree of its unit's region.
 */
export async function placesFor(db: Db, actor: Actor, unitRegionId: number | null) {
  const columns = ['id', 'code', 'name', 'level', 'parent_id'] as const;
  if (actor.role === 'admin') return db.selectFrom('regions').select(columns).orderBy('path').execute();
  if (actor.role === 'troop') {
    if (unitRegionId === null) return [];
    const own = await db.selectFrom('regions').select('path').where('id', '=', unitRegionId).executeTakeFirst();
    if (!own) return [];
    return db
      .selectFrom('regions')
      .select(columns)
      .where(pathWithin(engineOf(db), sql.ref('path'), sql.val(own.path)))
      .orderBy('path')
      .execute();
  }
  const scope = actor.regionIds;
  if (scope === 'all') return db.selectFrom('regions').select(columns).orderBy('path').execute();
  if (scope.length === 0) return [];
  return db
    .selectFrom('regions')
    .select(columns)
    .where('id', 'in', [...scope])
    .orderBy('path')
    .execute();
}
