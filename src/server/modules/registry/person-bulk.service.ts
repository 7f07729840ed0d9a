import type { Kysely } from 'kysely';
import { type PersonInput, savePersonRequest } from '../../../shared/api/registry.api.ts';
import { parseIdNumber } from '../../../shared/domain/id-number.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, regionScope, requireCapability } from '../../platform/access.ts';
import { nowIso, todayInChina } from '../../platform/clock.ts';
import * as householdsRepo from './households.repo.ts';
import * as bulkRepo from './person-bulk.repo.ts';
import { idNumberHash } from './person-row.ts';
import {
  categoryResolver,
  diffStates,
  type InputFacts,
  type ParsedPersonInput,
  stateFromInput,
} from './person-state.ts';
import * as repo from './registry.repo.ts';
import {
  categoryEntries,
  changeSidesJson,
  displayLookups,
  qualificationWrite,
  rowFromState,
  zodDetails,
} from './registry-common.ts';
import type { StagedPerson } from './registry-import-staged.repo.ts';

/**
 * The registry's bulk path for imports: the same checks and the same records (person, qualifications, version,
 * assessment) as `savePersonInTransaction` creating one person, but with the region tree, categories and scope
 * read once and the stored form computed while validating; the commit writes them set-based
 * (registry-import-commit.ts).
 */

/** The facts `stateFromInput` needs, read once for many inputs (households are looked up as they appear). */
async function bulkFacts(db: Kysely<DB>, actor: Actor) {
  const [regions, categories] = await Promise.all([repo.listRegionsForLabels(db), categoryEntries(db)]);
  const scope = regionScope(actor);
  const existing = new Set(regions.map((r) => r.id));
  const inScope = scope === 'all' ? existing : new Set(scope.filter((id) => existing.has(id)));
  const households = new Map<number, boolean>();
  const householdVisible = async (id: number) => {
    let visible = households.get(id);
    if (visible === undefined) {
      visible = (await householdsRepo.findHousehold(db, actor, id)) !== undefined;
      households.set(id, visible);
    }
    return visible;
  };
  const base: Omit<InputFacts, 'householdVisible'> = {
    now: new Date(nowIso()),
    today: todayInChina(),
    current: null,
    resolveCategory: categoryResolver(categories),
    regionsExisting: existing,
    regionsInScope: inScope,
  };
  // The two sets of facts built once: a row rarely names a household (an import never does).
  const visible: InputFacts = { ...base, householdVisible: true };
  const hidden: InputFacts = { ...base, householdVisible: false };
  const verdict = (data: ParsedPersonInput, facts: InputFacts) => {
    const result = stateFromInput(data, facts);
    return result.ok
      ? { ok: true as const, state: result.state, assessed: data.livingSituations !== undefined }
      : { ok: false as const, errors: result.errors };
  };
  // Answered at once unless a household must be looked up: no promise per row of a 100,000-row import.
  return (input: PersonInput) => {
    const parsed = savePersonRequest.safeParse(input);
    if (!parsed.success) return { ok: false as const, errors: zodDetails(parsed.error) };
    const { data } = parsed;
    if (data.householdId === null) return verdict(data, hidden);
    return householdVisible(data.householdId).then((shown) => verdict(data, shown ? visible : hidden));
  };
}

/**
 * The validate phase's check of new people, as `checkPersonInput` does for one, and on success the person as
 * the commit will store it (columns, qualifications, first version's changes), computed here once: the
 * commit copies it set-based from the staging table (registry-import-staged.repo.ts).
 */
export async function newPersonStager(
  db: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
): Promise<(input: PersonInput) => StagerResult | Promise<StagerResult>> {
  requireCapability(actor, 'registry.write');
  const [check, lookups] = await Promise.all([bulkFacts(db, actor), displayLookups(db, [])]);
  // Every row names one of a few regions: each label is built once.
  const labels = new Map<number, string>();
  const look = {
    ...lookups,
    regionLabel: (id: number) => {
      let label = labels.get(id);
      if (label === undefined) {
        label = lookups.regionLabel(id);
        labels.set(id, label);
      }
      return label;
    },
  };
  const stage = (result: Awaited<ReturnType<typeof check>>): StagerResult => {
    if (!result.ok) return result;
    const { state } = result;
    const changes = diffStates(null, state, look);
    return {
      ok: true,
      staged: {
        person: rowFromState(ctx, state),
        // A new person's qualifications have no id yet; the staging table takes the other columns.
        qualifications: state.qualifications.map(qualificationWrite),
        assessed: result.assessed && state.livingSituations.length > 0,
        changesJson: JSON.stringify(changes),
        auditJson: changeSidesJson(changes),
      },
    };
  };
  return (input) => {
    const result = check(input);
    return result instanceof Promise ? result.then(stage) : stage(result);
  };
}

type StagerResult = { ok: true; staged: StagedPerson } | { ok: false; errors: ErrorDetail[] };

/**
 * Dedup lookup of many 身份证号 at once (any accepted spelling), as `findPersonIdByIdNumber` does for one:
 * the registered person's id by number, with `inScope: false` for a person registered elsewhere.
 */
export async function findPersonIdsByIdNumbers(
  db: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  idNumbers: readonly string[],
): Promise<Map<string, { id: number; inScope: boolean }>> {
  requireCapability(actor, 'registry.read');
  const now = new Date(nowIso());
  const hashOf = new Map<string, string>();
  for (const text of idNumbers) {
    const parsed = parseIdNumber(text, now);
    if (parsed.ok) hashOf.set(text, idNumberHash(ctx.cipher, parsed.value.id));
  }
  const found = await bulkRepo.personIdsByIdHashes(db, [...new Set(hashOf.values())]);
  const inScope = await bulkRepo.personIdsInScope(db, actor, [...found.values()]);
  const result = new Map<string, { id: number; inScope: boolean }>();
  for (const [text, hash] of hashOf) {
    const id = found.get(hash);
    if (id !== undefined) result.set(text, { id, inScope: inScope.has(id) });
  }
  return result;
}
