import type { VisitItem } from '../../../shared/api/campaign-visits.api.ts';
import { parseJson } from '../campaigns/campaign-access.ts';
import type { VisitRow } from './visits.repo.ts';

/** A stored visit as the API shows it (the proxy's number masked, images as flags). */
export function toVisitItem(v: VisitRow, replayed = false): VisitItem {
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
    recordedOffline: v.recorded_offline === 1,
    recordedByName: v.recorded_by_name,
    createdAt: v.created_at,
    replayed,
  };
}
