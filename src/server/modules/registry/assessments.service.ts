import type { Transaction } from 'kysely';
import {
  type AddAssessmentInput,
  type AssessmentItem,
  addAssessmentRequest,
} from '../../../shared/api/registry.api.ts';
import { resolveLivingSituation } from '../../../shared/domain/categories.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { nowIso, todayInChina } from '../../platform/clock.ts';
import * as assessmentsRepo from './assessments.repo.ts';
import { assessmentItem } from './person-items.ts';
import type { PersonState } from './person-state.ts';
import { commit, loadState } from './person-write.service.ts';
import { validationError, zodDetails } from './registry-common.ts';

// ---------------------------------------------------------------------------------------------------------------
// Living-situation assessments

/**
 * Adds an assessment to the person's 生活状况档案 (also for visits: pass `source`, e.g. `走访：2026年春节`).
 * The newest assessment is the person's current living situation; that change is versioned.
 */
export async function addAssessmentInTransaction(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  personId: number,
  input: AddAssessmentInput,
  source = '人工评估',
): Promise<AssessmentItem> {
  requireCapability(actor, 'registry.write');
  const parsed = addAssessmentRequest.safeParse(input);
  if (!parsed.success) throw validationError(zodDetails(parsed.error));
  const a = parsed.data;
  const { row, state } = await loadState(trx, ctx, actor, personId, true);
  const errors: ErrorDetail[] = [];
  const situations: string[] = [];
  for (const s of a.situations) {
    const resolved = resolveLivingSituation(s);
    if (!resolved) errors.push({ path: 'situations', message: `生活状况“${s}”不在可选范围内，请从列表中选择` });
    else if (!situations.includes(resolved)) situations.push(resolved);
  }
  if (a.assessedOn > todayInChina()) errors.push({ path: 'assessedOn', message: '评估日期不能晚于今天，请核对' });
  if (a.assessedOn < state.birthDate) errors.push({ path: 'assessedOn', message: '评估日期早于出生日期，请核对' });
  if (errors.length) throw validationError(errors);

  const latest = await assessmentsRepo.latestAssessmentDate(trx, personId);
  const now = nowIso();
  const assessmentId = await assessmentsRepo.insertAssessment(trx, {
    personId,
    assessedOn: a.assessedOn,
    situations,
    notes: a.notes,
    needs: a.needs,
    source,
    actor,
    now,
  });
  // An older assessment entered late goes into the archive without overriding a newer one.
  const isNewest = latest === null || a.assessedOn >= latest;
  const after: PersonState = isNewest ? { ...state, livingSituations: situations } : state;
  await commit(trx, ctx, actor, {
    id: personId,
    currentVersion: row.version,
    before: state,
    after,
    action: 'assessment',
    source,
    extraChanges: [
      {
        field: `assessment.${assessmentId}`,
        label: `生活状况评估（${a.assessedOn}）`,
        before: null,
        after: [situations.length ? situations.join('、') : '无特殊情况', a.needs ? `诉求：${a.needs}` : null]
          .filter(Boolean)
          .join('；'),
      },
    ],
  });
  const stored = (await assessmentsRepo.listAssessments(trx, personId)).find((x) => x.id === assessmentId)!;
  return assessmentItem(stored);
}

export async function addAssessment(ctx: AppContext, actor: Actor, personId: number, input: AddAssessmentInput) {
  requireCapability(actor, 'registry.write');
  return ctx.db.transaction().execute((trx) => addAssessmentInTransaction(trx, ctx, actor, personId, input));
}
