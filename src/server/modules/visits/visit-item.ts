import type { VisitItem } from '../../../shared/api/campaign-visits.api.ts';
import type { AppContext } from '../../context.ts';
import { parseJson } from '../campaigns/campaign-access.ts';
import { programmeTagsOf } from '../troops/programmes.service.ts';
import { requestsOfVisits } from '../troops/visit-requests.service.ts';
import type { VisitRow } from './visits.repo.ts';

type VisitLinks = Pick<VisitItem, 'requests' | 'programmes'>;

/** Visits as the API answers them: with the requests they opened (and their status now) and programme tags. */
export async function describeVisits(ctx: AppContext, rows: readonly VisitRow[]): Promise<Map<number, VisitItem>> {
  const ids = rows.map((v) => v.id);
  const [requests, programmes] = await Promise.all([requestsOfVisits(ctx, ids), programmeTagsOf(ctx, 'visit', ids)]);
  return new Map(
    rows.map((v) => [
      v.id,
      toVisitItem(v, { requests: requests.get(v.id) ?? [], programmes: programmes.get(v.id) ?? [] }),
    ]),
  );
}

/**
 * One visit as the API answers it. `linked` says which requests and programme tags the caller just stored with
 * it: when it stored none there is nothing to read back.
 */
export async function describeVisit(
  ctx: AppContext,
  v: VisitRow,
  replayed = false,
  linked?: { requestIds: readonly number[]; programmeIds: readonly number[] },
): Promise<VisitItem> {
  if (linked && linked.requestIds.length === 0 && linked.programmeIds.length === 0) {
    return toVisitItem(v, { requests: [], programmes: [] }, replayed);
  }
  return { ...(await describeVisits(ctx, [v])).get(v.id)!, replayed };
}

/** A stored visit as the API shows it (the proxy's number masked, images as flags). */
function toVisitItem(v: VisitRow, links: VisitLinks, replayed = false): VisitItem {
  return {
    id: v.id,
    entryId: v.entry_id,
    clientKey: v.client_key,
    visitedOn: v.visited_on,
    mode: v.mode as VisitItem['mode'],
    cashCents: v.cash_cents,
    goods: parseJson<VisitItem['goods']>(v.goods_json, []),
    goodsCents: v.goods_cents,
    receiverKind: v.receiver_kind === 'proxy' ? 'proxy' : 'self',
    receiverName: v.receiver_name,
    proxyRelation: v.proxy_relation,
    proxyIdMasked: v.proxy_id_masked,
    hasSignature: v.signature_sha256 !== null,
    hasPhoto: v.photo_sha256 !== null,
    livingSituations: v.living_situations_json === null ? null : parseJson<string[]>(v.living_situations_json, []),
    needs: v.needs,
    caseId: v.case_id,
    ...links,
    recordedOffline: v.recorded_offline === 1,
    recordedByName: v.recorded_by_name,
    createdAt: v.created_at,
    replayed,
  };
}
