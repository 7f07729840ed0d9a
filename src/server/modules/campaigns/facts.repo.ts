/**
 * Person facts for the standards, read from the registry's tables (persons, qualifications) in pages: a million
 * people stream through in constant-size queries. Reading registry tables for roster facts is this module's own
 * repository query; writes to the registry go through the registry service.
 */
import type { Kysely } from 'kysely';
import type { DisabilityNature, PersonFacts, QualificationFacts } from '../../../shared/domain/campaign/standards.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import type { RegionIndex } from './campaign-regions.ts';

/** 伤残性质 as stored (Chinese or code) → the domain's code; anything else counts as unknown. */
export const natureCodes: Readonly<Record<string, DisabilityNature>> = {
  因战: 'war',
  因公: 'duty',
  因病: 'illness',
  war: 'war',
  duty: 'duty',
  illness: 'illness',
};

const EMPTY: readonly string[] = Object.freeze([]);

function parseList(text: string | null): readonly string[] {
  if (!text || text === '[]') return EMPTY;
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) && value.length > 0 ? value.map(String) : EMPTY;
  } catch {
    return EMPTY;
  }
}

export interface FactsScope {
  /** The campaign region's subtree: who is considered (户籍 or residence here) and what 本区户籍 means. */
  regionIds: readonly number[];
  regions: RegionIndex;
  /** Qualifications that ended before this date no longer count. */
  refDate: string;
}

export interface PersonRecord {
  facts: PersonFacts;
  name: string;
}

interface PersonRowLite {
  id: number;
  name: string;
  household_id: number | null;
  hukou_region_id: number | null;
  residence_region_id: number | null;
  alive: number;
  birth_date: string;
  living_situations_json: string;
}

interface QualRowLite {
  person_id: number;
  category_code: string;
  disability_grade: number | null;
  disability_nature: string | null;
  relation: string | null;
  end_date: string | null;
  flags_json: string;
}

function candidates(db: Kysely<DB>, regionIds: readonly number[]) {
  const ids = regionIds.length ? [...regionIds] : [-1];
  return db
    .selectFrom('persons')
    .where((eb) => eb.or([eb('persons.residence_region_id', 'in', ids), eb('persons.hukou_region_id', 'in', ids)]));
}

export async function countCandidates(db: Kysely<DB>, regionIds: readonly number[]): Promise<number> {
  const row = await candidates(db, regionIds)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function toRecord(
  p: PersonRowLite,
  quals: readonly QualRowLite[],
  scope: FactsScope,
  inScope: Set<number>,
): PersonRecord {
  const categories: QualificationFacts[] = [];
  let flags: string[] | null = null;
  for (const q of quals) {
    if (q.end_date !== null && q.end_date < scope.refDate) continue;
    categories.push({
      code: q.category_code,
      disabilityGrade: q.disability_grade,
      disabilityNature: q.disability_nature === null ? null : (natureCodes[q.disability_nature] ?? null),
      relation: q.relation,
    });
    const qFlags = parseList(q.flags_json);
    if (qFlags.length) {
      flags ??= [];
      for (const f of qFlags) if (!flags.includes(f)) flags.push(f);
    }
  }
  const residenceHere = p.residence_region_id !== null && inScope.has(p.residence_region_id);
  const placedAt = (residenceHere ? p.residence_region_id : p.hukou_region_id) as number;
  const place = scope.regions.place(placedAt);
  return {
    name: p.name,
    facts: {
      personId: String(p.id),
      householdId: p.household_id === null ? null : String(p.household_id),
      categories,
      hukouLocal: p.hukou_region_id !== null && inScope.has(p.hukou_region_id),
      alive: p.alive === 1,
      birthDate: p.birth_date,
      livingSituations: parseList(p.living_situations_json),
      flags: flags ?? EMPTY,
      streetId: String(place.streetId),
      communityId: String(place.communityId),
    },
  };
}

const personColumns = [
  'persons.id',
  'persons.name',
  'persons.household_id',
  'persons.hukou_region_id',
  'persons.residence_region_id',
  'persons.alive',
  'persons.birth_date',
  'persons.living_situations_json',
] as const;

const qualColumns = [
  'person_id',
  'category_code',
  'disability_grade',
  'disability_nature',
  'relation',
  'end_date',
  'flags_json',
] as const;

/** Every person the campaign considers, in pages of `pageSize` (keyset on persons.id). */
export async function* streamFacts(db: Kysely<DB>, scope: FactsScope, pageSize = 2000): AsyncGenerator<PersonRecord[]> {
  const inScope = new Set(scope.regionIds);
  let after = 0;
  for (;;) {
    const people = (await candidates(db, scope.regionIds)
      .select(personColumns)
      .where('persons.id', '>', after)
      .orderBy('persons.id')
      .limit(pageSize)
      .execute()) as PersonRowLite[];
    if (people.length === 0) return;
    const first = people[0]!.id;
    const last = people[people.length - 1]!.id;
    // One range read of the page's qualifications (index on person_id), grouped in memory.
    const quals = (await db
      .selectFrom('qualifications')
      .select(qualColumns)
      .where('person_id', '>=', first)
      .where('person_id', '<=', last)
      .orderBy('person_id')
      .orderBy('id')
      .execute()) as QualRowLite[];
    const byPerson = new Map<number, QualRowLite[]>();
    for (const q of quals) {
      const list = byPerson.get(q.person_id);
      if (list) list.push(q);
      else byPerson.set(q.person_id, [q]);
    }
    yield people.map((p) => toRecord(p, byPerson.get(p.id) ?? [], scope, inScope));
    after = last;
    if (people.length < pageSize) return;
  }
}

/** One person's facts, or undefined when the person is not considered by the campaign. */
export async function factsOfPerson(db: Kysely<DB>, scope: FactsScope, personId: number) {
  const p = (await candidates(db, scope.regionIds)
    .select(personColumns)
    .where('persons.id', '=', personId)
    .executeTakeFirst()) as PersonRowLite | undefined;
  if (!p) return undefined;
  const quals = (await db
    .selectFrom('qualifications')
    .select(qualColumns)
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute()) as QualRowLite[];
  return toRecord(p, quals, scope, new Set(scope.regionIds));
}

/** Whether the person is in the actor's region scope (户籍 or residence), as the registry places people. */
export async function personInActorScope(db: Kysely<DB>, actor: Actor, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('persons')
    .select('persons.id')
    .where('persons.id', '=', personId)
    .where(inRegionScope(actor, ['persons.hukou_region_id', 'persons.residence_region_id']))
    .executeTakeFirst();
  return row !== undefined;
}
