import type { z } from 'zod';
import type {
  MyVisitItem,
  myVisitQuery,
  recordVisitRequest,
  VisitItem,
} from '../../../shared/api/campaign-visits.api.ts';
import { ageOn } from '../../../shared/domain/campaign/dates.ts';
import type { GoodsItem } from '../../../shared/domain/campaign/standards.ts';
import { maskIdNumber, parseIdNumber } from '../../../shared/domain/id-number.ts';
import { addDays } from '../../../shared/domain/troops/local-date.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { nowIso, todayInChina } from '../../platform/clock.ts';
import { checkedFile, type FileRow, readStoredFile, type StoredFileType } from '../../platform/files.ts';
import { groupTransaction } from '../../platform/group-commit.ts';
import { loadCampaign, parseJson } from '../campaigns/campaign-access.ts';
import { regionLabel } from '../campaigns/campaign-regions.ts';
import * as campaignRepo from '../campaigns/campaigns.repo.ts';
import * as rosterRepo from '../campaigns/roster.repo.ts';
import { completeTasksInTransaction } from '../campaigns/task-completion.service.ts';
import { phoneTasksOf } from '../campaigns/task-lists.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { addAssessmentInTransaction } from '../registry/registry.service.ts';
import { requireProgrammes, setProgrammeTagsInTransaction } from '../troops/programmes.service.ts';
import { checkVisitNeeds, openRequestsFromVisit } from '../troops/visit-requests.service.ts';
import * as deliveryRepo from './visit-delivery.repo.ts';
import { describeVisit } from './visit-item.ts';
import { alreadyDelivered, judgeDelivery, replay } from './visit-refusals.ts';
import * as repo from './visits.repo.ts';

type RecordVisit = z.output<typeof recordVisitRequest>;

/** The earlier of two ISO dates (a visit dated tomorrow by a phone's clock is assessed as of today). */
function earlierDate(a: string, b: string): string {
  return a < b ? a : b;
}

function dataUrlBytes(url: string): Buffer {
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
}

/** An image sent with the visit, checked and hashed before the batch (written with the delivery). */
function imageFile(url: string | null, allowed: readonly StoredFileType[], maxBytes: number): FileRow | null {
  return url === null ? null : checkedFile(dataUrlBytes(url), { allowed, maxBytes });
}

function deliveredGoodsValue(planned: GoodsItem[], given: RecordVisit['goods']): number {
  let total = 0;
  for (const g of given) {
    const item = planned.find((p) => p.name === g.name);
    if (item) total += g.quantity * item.unitPriceCents;
  }
  return total;
}

/** The campaign progress row a delivery updates (its triggers lock it): the batch's lock order. */
function progressKey(entry: rosterRepo.EntryRow): string {
  return `${entry.street_id}/${entry.community_id}/${entry.category_code}/${entry.standard_id}`;
}

export async function recordVisit(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  entryId: number,
  input: RecordVisit,
): Promise<VisitItem> {
  requireCapability(actor, 'campaign.visit');
  // Every read that decides the request (entry, campaign, the campaign's default tags) in one statement.
  const found = await deliveryRepo.findDeliveryTarget(ctx.db, actor, campaignId, entryId);
  const judged = judgeDelivery(found);
  if (!judged.ok) {
    // A repeated sync of a visit recorded before is answered with that visit (or a conflict, if its key named
    // another entry), whatever has changed since; the key is looked up only here, off the common path.
    const again = await replay(ctx, actor, campaignId, entryId, input.clientKey);
    if (again) return again;
    throw judged.refusal === 'delivered' ? await alreadyDelivered(ctx.db, entryId) : judged.refusal;
  }
  const { campaign, entry } = judged;
  const today = todayInChina();
  if (input.visitedOn > addDays(today, 1)) {
    throw new AppError('VALIDATION_FAILED', '走访日期不能晚于今天，请核对手机日期。', [
      { path: 'body.visitedOn', message: '走访日期不能晚于今天' },
    ]);
  }
  if (input.visitedOn < campaign.window_start) {
    throw new AppError('VALIDATION_FAILED', `走访日期早于活动开始日期 ${campaign.window_start}，请核对。`, [
      { path: 'body.visitedOn', message: '走访日期早于活动开始日期' },
    ]);
  }
  let proxyId: { enc: string; masked: string } | null = null;
  if (input.receiver.kind === 'proxy' && input.receiver.idNumber) {
    const parsed = parseIdNumber(input.receiver.idNumber, new Date(nowIso()));
    if (!parsed.ok) {
      throw new AppError('VALIDATION_FAILED', `代领人身份证号有误：${parsed.message}`, [
        { path: 'body.receiver.idNumber', message: parsed.message },
      ]);
    }
    proxyId = { enc: ctx.cipher.encrypt(parsed.value.id), masked: maskIdNumber(parsed.value.id) };
  }
  const planned = parseJson<GoodsItem[]>(entry.goods_json, []);
  // Tags: as chosen on the phone, or the campaign's defaults when the form sent none.
  const programmeIds = input.programmeIds ?? judged.defaultProgrammeIds;
  // The defaults were read joined to the programmes: only tags chosen on the phone may name missing ones.
  if (input.programmeIds?.length) await requireProgrammes(ctx, input.programmeIds);
  const signature = imageFile(input.signature, ['image/png'], 256 * 1024);
  const photo = imageFile(input.photo, ['image/jpeg', 'image/png'], 512 * 1024);
  const kindNames = await checkVisitNeeds(ctx, input.requests);

  try {
    // Group commit: this visit's writes share one durable commit with the visits recorded at the same moment, in
    // the order of their progress rows; the answer goes out only after that commit.
    const done = await groupTransaction(
      ctx.db,
      async (trx) => {
        const now = nowIso();
        // Files in the delivery's statement: a visit never points at a missing file, and a new signature costs no
        // commit of its own (content-addressed: the same bytes are stored once).
        const files = [signature, photo].filter((f) => f !== null);
        let row = await deliveryRepo.deliverVisit(
          trx,
          entryId,
          {
            campaign_id: campaignId,
            entry_id: entryId,
            client_key: input.clientKey,
            person_id: entry.person_id,
            visited_on: input.visitedOn,
            mode: input.mode,
            cash_cents: input.cashCents,
            goods_json: JSON.stringify(input.goods),
            goods_cents: deliveredGoodsValue(planned, input.goods),
            receiver_kind: input.receiver.kind,
            receiver_name: input.receiver.kind === 'proxy' ? input.receiver.name : entry.person_name,
            proxy_relation: input.receiver.kind === 'proxy' ? input.receiver.relation : null,
            proxy_id_enc: proxyId?.enc ?? null,
            proxy_id_masked: proxyId?.masked ?? null,
            signature_sha256: signature?.sha256 ?? null,
            photo_sha256: photo?.sha256 ?? null,
            living_situations_json: input.livingSituations === null ? null : JSON.stringify(input.livingSituations),
            living_notes: input.livingNotes,
            needs: input.needs,
            case_id: null,
            note: input.note,
            recorded_offline: input.recordedOffline ? 1 : 0,
            recorded_by: actor.userId,
            recorded_by_name: actor.displayName,
            created_at: now,
          },
          files,
        );
        if (!row) {
          const sameKey = await repo.findVisitByKey(trx, input.clientKey);
          if (sameKey?.entry_id === entryId) return { row: sameKey, replayed: true, requestIds: [] };
          const current = await rosterRepo.findEntry(trx, actor, campaignId, entryId);
          if (current?.state !== 'active') throw new AppError('INVALID_STATE', '该对象已移出名单，不能登记发放。');
          throw await alreadyDelivered(trx, entryId);
        }
        const visitId = row.id;
        // A new visit has no tags to replace.
        if (programmeIds.length > 0) await setProgrammeTagsInTransaction(trx, 'visit', visitId, programmeIds);
        // Needs for a department: requests about this family, opened once with the visit itself.
        const requestIds = await openRequestsFromVisit(
          trx,
          ctx,
          actor,
          {
            visitId,
            personId: entry.person_id,
            personName: entry.person_name,
            regionId: entry.community_id,
            campaignId,
            campaignName: campaign.name,
            programmeIds,
          },
          input.requests,
          kindNames,
          now,
        );
        await completeTasksInTransaction(
          trx,
          actor,
          campaign,
          input.tasks,
          {
            doneOn: earlierDate(input.visitedOn, today),
            clientKey: input.clientKey,
            familySigner: input.receiver.kind === 'proxy' ? input.receiver.name : entry.person_name,
            visitId,
            offline: input.recordedOffline,
          },
          { entryId, householdId: entry.household_id, personId: entry.person_id },
        );
        if (campaign.status === 'locked') {
          await trx
            .updateTable('campaigns')
            .set((eb) => ({ status: 'in_progress', version: eb('version', '+', 1), updated_at: now }))
            .where('id', '=', campaignId)
            .where('status', '=', 'locked')
            .execute();
        }
        if (input.livingSituations !== null) {
          // Into the registry's 生活状况档案 through its service (versioned there).
          await addAssessmentInTransaction(
            trx,
            ctx,
            actor,
            entry.person_id,
            {
              assessedOn: earlierDate(input.visitedOn, today),
              situations: input.livingSituations,
              notes: input.livingNotes,
              needs: input.needs,
            },
            `走访：${campaign.name}`,
          );
        }
        if (input.needs) {
          const caseId = await repo.insertCase(trx, {
            campaign_id: campaignId,
            entry_id: entryId,
            person_id: entry.person_id,
            street_id: entry.street_id,
            community_id: entry.community_id,
            source: 'visit',
            title: '走访中提出的诉求',
            detail: input.needs,
            status: 'open',
            created_by: actor.userId,
            created_by_name: actor.displayName,
            created_at: now,
          });
          await trx.updateTable('campaign_visits').set({ case_id: caseId }).where('id', '=', visitId).execute();
          row = { ...row, case_id: caseId };
          await notify(
            trx,
            { regionId: entry.community_id, roles: ['street'] },
            {
              kind: 'assignment',
              title: `「${campaign.name}」走访中登记了诉求，请跟进办理`,
              link: `/campaigns/${campaignId}?tab=cases`,
            },
          );
        }
        await appendAudit(trx, actor, {
          action: 'create',
          entityType: 'campaign_visit',
          entityId: visitId,
          summary: `走访发放（活动 ${campaignId}，名单条目 ${entryId}）${input.recordedOffline ? '，离线登记' : ''}`,
          after: {
            entryId,
            visitedOn: input.visitedOn,
            mode: input.mode,
            cashCents: input.cashCents,
            receiverKind: input.receiver.kind,
            signature: signature !== null,
            photo: photo !== null,
            needs: input.needs !== null,
            requestIds,
            programmeIds,
          },
        });
        return { row, replayed: false, requestIds };
      },
      progressKey(entry),
    );
    if (done.replayed) return await describeVisit(ctx, done.row, true);
    return await describeVisit(ctx, done.row, false, { requestIds: done.requestIds, programmeIds });
  } catch (error) {
    // The database's own guards (unique entry_id / client_key) answer like the conditional update does.
    if (error instanceof AppError) throw error;
    if (/unique|duplicate/i.test(String((error as Error)?.message))) {
      const again = await replay(ctx, actor, campaignId, entryId, input.clientKey);
      if (again) return again;
      throw await alreadyDelivered(ctx.db, entryId);
    }
    throw error;
  }
}

export async function getEntryVisit(ctx: AppContext, actor: Actor, campaignId: number, entryId: number) {
  await loadCampaign(ctx.db, actor, campaignId);
  if (!(await rosterRepo.findEntry(ctx.db, actor, campaignId, entryId))) throw notFound();
  const visit = await repo.findVisitOfEntry(ctx.db, entryId);
  if (!visit) throw new AppError('NOT_FOUND', '该对象尚未登记走访。');
  return describeVisit(ctx, visit);
}

export async function visitImage(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  visitId: number,
  which: 'signature' | 'photo',
): Promise<{ bytes: Buffer; mime: string }> {
  await loadCampaign(ctx.db, actor, campaignId);
  const visit = await repo.findVisit(ctx.db, actor, campaignId, visitId);
  const sha = which === 'signature' ? visit?.signature_sha256 : visit?.photo_sha256;
  if (!visit || !sha) throw notFound();
  const bytes = await readStoredFile(ctx, sha);
  return { bytes, mime: bytes[0] === 0xff ? 'image/jpeg' : 'image/png' };
}

/**
 * The visitor's list for the phone: entries of campaigns in execution, assigned to me or in my region. Three
 * statements: the campaigns, then the page of entries (with its total) and the tasks side by side, each with the
 * names it shows joined in, so that nothing reads the region tree or the category table per request.
 */
export async function myVisits(ctx: AppContext, actor: Actor, query: z.output<typeof myVisitQuery>) {
  requireCapability(actor, 'campaign.visit');
  const campaigns = (await campaignRepo.listCampaignsInExecution(ctx.db, actor)).filter(
    (c) => query.campaignId === undefined || c.id === query.campaignId,
  );
  const byId = new Map(campaigns.map((c) => [c.id, c] as const));
  const [{ rows, total }, tasks] = await Promise.all([
    repo.listVisitEntries(
      ctx.db,
      actor,
      {
        campaignIds: campaigns.map((c) => c.id),
        assignedTo: query.scope === 'mine' ? (actor.userId ?? -1) : undefined,
        status: query.status,
        q: query.q,
      },
      500,
    ),
    phoneTasksOf(ctx.db, actor, campaigns, query),
  ]);
  const items: MyVisitItem[] = rows.map((r) => {
    const c = byId.get(r.campaign_id)!;
    return {
      entryId: r.id,
      campaignId: r.campaign_id,
      campaignName: c.name,
      personName: r.person_name,
      address: r.address,
      phoneMasked: r.phone_masked,
      age: ageOn(r.birth_date, c.ref_date),
      alive: r.alive === 1,
      streetName: regionLabel(r.street_id, r.street_name),
      communityName: regionLabel(r.community_id, r.community_name),
      categoryName: r.category_name ?? r.category_code,
      standardName: r.standard_name,
      cashCents: r.cash_cents,
      goods: parseJson<GoodsItem[]>(r.goods_json, []).map((g) => ({
        name: g.name,
        quantity: g.quantity,
        unit: g.unit,
      })),
      visitStatus: r.visit_status === 'delivered' ? 'delivered' : 'pending',
      deliveredAt: r.delivered_at,
      assignedToMe: r.assigned_user_id !== null && r.assigned_user_id === actor.userId,
      windowEnd: c.window_end,
    };
  });
  return { items, total, tasks };
}
