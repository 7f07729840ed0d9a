/** 慰问标准 of a campaign: created, edited and deleted in 草稿 only, checked against the category dictionary. */
import type { Kysely } from 'kysely';
import type { StandardItem } from '../../../shared/api/campaigns.api.ts';
import { type StandardInput, standardInputSchema } from '../../../shared/domain/campaign/standards.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import { loadCampaign, requireStatus } from './campaign-access.ts';
import * as repo from './campaigns.repo.ts';
import { standardRecord, toStandardItem } from './standard-mapping.ts';

async function checkStandard(db: Kysely<DB>, campaignId: number, input: StandardInput, exceptId?: number) {
  const parsed = standardInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      parsed.error.issues[0]?.message,
      parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })),
    );
  }
  const known = await repo.categoryLabels(db);
  const unknown = parsed.data.categories.filter((c) => !Object.hasOwn(known, c));
  if (unknown.length) {
    throw new AppError('VALIDATION_FAILED', `优抚类别不存在：${unknown.join('、')}，请从列表中选择。`, [
      { path: 'body.categories', message: '请从列表中选择优抚类别' },
    ]);
  }
  if (await repo.standardNameTaken(db, campaignId, parsed.data.name, exceptId)) {
    throw new AppError('VALIDATION_FAILED', `本活动已有名为“${parsed.data.name}”的标准，请换一个名称。`, [
      { path: 'body.name', message: '标准名称重复' },
    ]);
  }
  return parsed.data;
}

export async function saveStandard(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  standardId: number | null,
  input: StandardInput,
): Promise<StandardItem> {
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign } = await loadCampaign(trx, actor, campaignId, { manage: true, forUpdate: true });
    requireStatus(campaign, ['draft'], '修改慰问标准（名单已生成的，请先退回草稿）');
    const data = await checkStandard(trx, campaignId, input, standardId ?? undefined);
    const now = nowIso();
    const existing = await repo.listStandards(trx, campaignId);
    let id = standardId;
    if (id === null) {
      id = await repo.insertStandard(trx, campaignId, standardRecord(data, true, existing.length), now);
    } else {
      const before = existing.find((s) => s.id === id);
      if (!before) throw notFound();
      await repo.updateStandard(trx, campaignId, id, standardRecord(data, true, before.sort), now);
    }
    await appendAudit(trx, actor, {
      action: standardId === null ? 'create' : 'update',
      entityType: 'campaign_standard',
      entityId: id,
      summary: `慰问标准“${data.name}”（活动 ${campaignId}）`,
      after: data,
    });
    const saved = (await repo.listStandards(trx, campaignId)).find((s) => s.id === id)!;
    return toStandardItem(saved);
  });
}

export async function deleteStandard(ctx: AppContext, actor: Actor, campaignId: number, standardId: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const { campaign } = await loadCampaign(trx, actor, campaignId, { manage: true, forUpdate: true });
    requireStatus(campaign, ['draft'], '删除慰问标准（名单已生成的，请先退回草稿）');
    if (!(await repo.deleteStandard(trx, campaignId, standardId))) throw notFound();
    await appendAudit(trx, actor, { action: 'delete', entityType: 'campaign_standard', entityId: standardId });
  });
  return { ok: true as const };
}
