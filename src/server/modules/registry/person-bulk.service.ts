import type { Kysely, Transaction } from 'kysely';
import { type PersonInput, savePersonRequest } from '../../../shared/api/registry.api.ts';
import { parseIdNumber } from '../../../shared/domain/id-number.ts';
import { AppError, type ErrorDetail } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, regionScope, requireCapability } from '../../platform/access.ts';
import { type AuditEntry, appendAuditBatch } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import * as householdsRepo from './households.repo.ts';
import * as bulkRepo from './person-bulk.repo.ts';
import { idNumberHash } from './person-row.ts';
import { categoryResolver, diffStates, type InputFacts, type PersonState, stateFromInput } from './person-state.ts';
import * as repo from './registry.repo.ts';
import {
  auditSummary,
  categoryEntries,
  displayLookups,
  isUniqueViolation,
  qualificationWrite,
  rowFromState,
  todayInChina,
  zodDetails,
} from './registry-common.ts';

/**
 * The registry's bulk path for imports: the same checks and the same records (person, qualifications, version,
 * assessment, audit) as `savePersonInTransaction` creating one person, but with the region tree, categories and
 * scope read once, numbers encrypted and hashed in memory, and every table written many rows per statement.
 */

/** The facts `stateFromInput` needs, read once for many inputs (households are looked up as they appear). */
async function bulkFacts(db: Kysely<DB>, actor: Actor) {
  const [regions, categories] = await Promise.all([repo.listRegionsForLabels(db), categoryEntries(db)]);
  const scope = regionScope(actor);
  const existing = new Set(regions.map((r) => r.id));
  const inScope = scope === 'all' ? existing : new Set(scope.filter((id) => existing.has(id)));
  const households = new Map<number, boolean>();
  const householdVisible = async (id: number | null) => {
    if (id === null) return false;
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
  return async (input: PersonInput) => {
    const parsed = savePersonRequest.safeParse(input);
    if (!parsed.success) return { ok: false as const, errors: zodDetails(parsed.error) };
    const facts: InputFacts = { ...base, householdVisible: await householdVisible(parsed.data.householdId) };
    const result = stateFromInput(parsed.data, facts);
    return result.ok
      ? { ok: true as const, state: result.state, assessed: parsed.data.livingSituations !== undefined }
      : { ok: false as const, errors: result.errors };
  };
}

/**
 * The validate phase's check of new people, as `checkPersonInput` does for one: returns a function giving the
 * problems of an input (empty when it would be accepted).
 */
export async function personInputChecker(
  db: Kysely<DB>,
  actor: Actor,
): Promise<(input: PersonInput) => Promise<ErrorDetail[]>> {
  requireCapability(actor, 'registry.write');
  const check = await bulkFacts(db, actor);
  return async (input) => {
    const result = await check(input);
    return result.ok ? [] : result.errors;
  };
}

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

/** A row of a bulk write that fails: the caller names the row and rolls everything back. */
export class BulkRowError extends Error {
  constructor(
    readonly row: number,
    readonly error: AppError,
  ) {
    super(error.message);
  }
}

interface Pending {
  row: number;
  state: PersonState;
  assessed: boolean;
}

export interface BulkCreator {
  /** Checks and normalises one new person; throws BulkRowError when it does not pass. */
  add(row: number, input: PersonInput): Promise<void>;
  /** People added and not yet written (the caller flushes every thousand or so, to bound memory). */
  readonly pending: number;
  /** Writes every person added since the last flush; returns how many. */
  flush(): Promise<number>;
}

/**
 * Creates many people inside `trx`, tagged with `source`: `add` them, then `flush`. A number already
 * registered (someone registered it since the preview) fails its row; the caller's transaction then rolls
 * back, so nothing is half-imported.
 */
export async function bulkCreator(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  source: string,
): Promise<BulkCreator> {
  requireCapability(actor, 'registry.write');
  const check = await bulkFacts(trx, actor);
  let pending: Pending[] = [];
  const fail = (row: number, message: string, path = 'idNumber') =>
    new BulkRowError(row, new AppError('CONFLICT', message, [{ path, message }]));

  return {
    get pending() {
      return pending.length;
    },
    async add(row, input) {
      const result = await check(input);
      if (!result.ok) {
        const details = result.errors;
        throw new BulkRowError(
          row,
          new AppError('VALIDATION_FAILED', details.length === 1 ? details[0]!.message : undefined, details),
        );
      }
      pending.push({ row, state: result.state, assessed: result.assessed });
    },

    async flush() {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return 0;
      const now = nowIso();
      const rows = batch.map((p) => rowFromState(ctx, p.state));
      // Dedup by the keyed hash, inside the batch and against the whole registry.
      const seen = new Map<string, number>();
      rows.forEach((r, i) => {
        const first = seen.get(r.id_number_hash);
        if (first !== undefined) throw fail(batch[i]!.row, `与第 ${first} 行的身份证号相同，同一人只能登记一次`);
        seen.set(r.id_number_hash, batch[i]!.row);
      });
      const taken = await bulkRepo.personIdsByIdHashes(trx, [...seen.keys()]);
      if (taken.size > 0) {
        const i = rows.findIndex((r) => taken.has(r.id_number_hash));
        throw fail(batch[i]!.row, '该身份证号已登记，请勿重复登记');
      }
      let ids: Map<string, number>;
      try {
        ids = await bulkRepo.insertPersons(trx, rows, now);
      } catch (error) {
        if (isUniqueViolation(error)) throw fail(batch[0]!.row, '名单中有身份证号已被他人同时登记，请勿重复登记');
        throw error;
      }
      const idOf = (i: number) => ids.get(rows[i]!.id_number_hash)!;
      const look = await displayLookups(
        trx,
        batch.map((p) => p.state),
      );
      const today = todayInChina();
      const changes = batch.map((p) => diffStates(null, p.state, look));
      await bulkRepo.insertQualifications(
        trx,
        batch.flatMap((p, i) =>
          p.state.qualifications.map((q) => {
            const { id: _id, ...values } = qualificationWrite(q);
            return { ...values, person_id: idOf(i), created_at: now };
          }),
        ),
      );
      await bulkRepo.insertVersions(
        trx,
        batch.map((_, i) => ({
          person_id: idOf(i),
          version: 1,
          at: now,
          actor_user_id: actor.userId,
          actor_name: actor.displayName,
          action: 'create',
          source,
          changes_json: JSON.stringify(changes[i]),
        })),
      );
      // Living situations given on registration are kept in the assessment archive too.
      await bulkRepo.insertAssessments(
        trx,
        batch.flatMap((p, i) =>
          p.assessed && p.state.livingSituations.length > 0
            ? [
                {
                  person_id: idOf(i),
                  assessed_on: today,
                  situations_json: JSON.stringify(p.state.livingSituations),
                  notes: null,
                  needs: null,
                  source,
                  created_by: actor.userId,
                  created_by_name: actor.displayName,
                  created_at: now,
                },
              ]
            : [],
        ),
      );
      await appendAuditBatch(
        trx,
        actor,
        batch.map(
          (_, i): AuditEntry => ({
            action: 'create',
            entityType: 'person',
            entityId: idOf(i),
            summary: `${auditSummary.create}（${source}）`,
            before: Object.fromEntries(changes[i]!.map((ch) => [ch.label, ch.before])),
            after: Object.fromEntries(changes[i]!.map((ch) => [ch.label, ch.after])),
          }),
        ),
      );
      return batch.length;
    },
  };
}
