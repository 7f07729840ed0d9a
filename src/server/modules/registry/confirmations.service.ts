import type { z } from 'zod';
import type {
  ConfirmationItem,
  confirmationList,
  confirmationListQuery,
  saveConfirmationRequest,
} from '../../../shared/api/registry.api.ts';
import { AppError, type ErrorDetail } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { nowIso, todayInChina } from '../../platform/clock.ts';
import * as confirmationsRepo from './confirmations.repo.ts';
import { confirmationItem } from './person-items.ts';
import { commit, loadState } from './person-write.service.ts';
import { RegionIndex, validationError } from './registry-common.ts';
import * as searchRepo from './search.repo.ts';
import { listItems, personFilter } from './search.service.ts';

// ---------------------------------------------------------------------------------------------------------------
// Annual re-confirmation (年度确认)

const resultLabels: Record<string, string> = {
  confirmed: '已确认，继续发放',
  suspended: '暂停发放，待核实',
  stopped: '终止发放',
};

export async function saveConfirmation(
  ctx: AppContext,
  actor: Actor,
  personId: number,
  input: z.output<typeof saveConfirmationRequest>,
): Promise<ConfirmationItem> {
  requireCapability(actor, 'registry.write');
  return ctx.db.transaction().execute(async (trx) => {
    const { row, state } = await loadState(trx, ctx, actor, personId, true);
    const today = todayInChina();
    const thisYear = Number(today.slice(0, 4));
    const errors: ErrorDetail[] = [];
    if (input.year > thisYear) errors.push({ path: 'year', message: `不能确认 ${input.year} 年度：该年度尚未开始` });
    if (input.confirmedOn > today) errors.push({ path: 'confirmedOn', message: '确认日期不能晚于今天，请核对' });
    if (Number(input.confirmedOn.slice(0, 4)) < input.year) {
      errors.push({ path: 'confirmedOn', message: `确认日期应在 ${input.year} 年度内或之后，请核对` });
    }
    if (errors.length) throw validationError(errors);
    const periodic = await confirmationsRepo.periodicCategoryCodes(trx);
    const yearStart = `${input.year}-01-01`;
    if (
      !state.qualifications.some(
        (q) => periodic.includes(q.categoryCode) && (q.endDate === null || q.endDate >= yearStart),
      )
    ) {
      throw new AppError(
        'INVALID_STATE',
        '该对象没有享受定期抚恤补助的优抚身份，无需年度确认；如类别有误，请先修改其优抚身份',
      );
    }
    if (!state.alive && input.result === 'confirmed') {
      throw new AppError('INVALID_STATE', '该对象已故，不能确认继续发放；请选择“终止发放”', [
        { path: 'result', message: '已故人员不能确认继续发放' },
      ]);
    }
    const existing = (await confirmationsRepo.listConfirmations(trx, [personId], input.year))[0];
    const now = nowIso();
    await confirmationsRepo.upsertConfirmation(trx, {
      personId,
      year: input.year,
      result: input.result,
      method: input.method,
      confirmedOn: input.confirmedOn,
      notes: input.notes,
      actor,
      now,
    });
    const describe = (r: string, on: string, method: string | null) =>
      `${resultLabels[r] ?? r}（${on}${method ? `，${method}` : ''}）`;
    await commit(trx, ctx, actor, {
      id: personId,
      currentVersion: row.version,
      before: state,
      after: state,
      action: 'confirmation',
      source: null,
      extraChanges: [
        {
          field: `confirmation.${input.year}`,
          label: `${input.year} 年度确认`,
          before: existing ? describe(existing.result, existing.confirmed_on, existing.method) : '未确认',
          after: describe(input.result, input.confirmedOn, input.method),
        },
      ],
    });
    return confirmationItem((await confirmationsRepo.listConfirmations(trx, [personId], input.year))[0]!);
  });
}

export async function listConfirmations(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof confirmationListQuery>,
): Promise<z.infer<typeof confirmationList>> {
  requireCapability(actor, 'registry.read');
  const [regions, periodic] = await Promise.all([
    RegionIndex.load(ctx.db),
    confirmationsRepo.periodicCategoryCodes(ctx.db),
  ]);
  const base = await personFilter(ctx, regions, {
    q: query.q,
    regionId: query.regionId,
    regionBasis: 'any',
    status: 'all',
  });
  const filter = (state: 'pending' | 'done' | 'all'): searchRepo.PersonFilter => ({
    ...base,
    holdsAnyOf: { codes: periodic, validOn: `${query.year}-01-01` },
    confirmation: { year: query.year, state },
  });
  const offset = (query.page - 1) * query.pageSize;
  const [page, all, done] = await Promise.all([
    searchRepo.searchPersons(ctx.db, actor, filter(query.status), { offset, limit: query.pageSize }),
    searchRepo.countFiltered(ctx.db, actor, filter('all')),
    searchRepo.countFiltered(ctx.db, actor, filter('done')),
  ]);
  const items = await listItems(ctx, page.rows, regions);
  const confirmations = await confirmationsRepo.listConfirmations(
    ctx.db,
    page.rows.map((r) => r.id),
    query.year,
  );
  const byPerson = new Map(confirmations.map((c) => [c.person_id, confirmationItem(c)]));
  return {
    items: items.map((person) => ({ person, confirmation: byPerson.get(person.id) ?? null })),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
    counts: { total: all, done },
  };
}
