import type { PersonFilterInput, PersonListItem, PersonListQuery } from '../../../shared/api/registry.api.ts';
import { resolveLivingSituation } from '../../../shared/domain/categories.ts';
import { maskIdNumber, parseIdNumber } from '../../../shared/domain/id-number.ts';
import { maskPhone, parsePhone } from '../../../shared/domain/phone.ts';
import { removeSpaces, toHalfWidth } from '../../../shared/domain/text.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { nowIso } from '../../platform/clock.ts';
import { regionSubtreeIds } from '../regions/regions.repo.ts';
import { idNumberHash, idTail6Hash, phoneHash } from './person-row.ts';
import { categoryResolver, nameSearchKey } from './person-state.ts';
import * as qualificationsRepo from './qualifications.repo.ts';
import { categoryEntries, nameLookup, parseJsonArray, RegionIndex } from './registry-common.ts';
import * as searchRepo from './search.repo.ts';

// ---------------------------------------------------------------------------------------------------------------
// Search and lists

/** What a search box entry means: ID (full, last 4, last 6), phone, pinyin, or a name in either script. */
function readSearchTerm(ctx: AppContext, q: string): searchRepo.SearchTerm {
  const t = removeSpaces(toHalfWidth(q));
  if (/^\d{17}[\dXx]$|^\d{15}$/.test(t)) {
    const parsed = parseIdNumber(t, new Date(nowIso()));
    return parsed.ok ? { kind: 'idHash', hash: idNumberHash(ctx.cipher, parsed.value.id) } : { kind: 'nothing' };
  }
  if (/^\d{3}[\dXx]$/.test(t)) return { kind: 'idTail4', value: t.toUpperCase() };
  if (/^\d{5}[\dXx]$/.test(t)) return { kind: 'idTail6', hash: idTail6Hash(ctx.cipher, t.toUpperCase()) };
  if (/^[\d+\-()（）]+$/.test(t) && t.replace(/\D/g, '').length >= 7) {
    const phone = parsePhone(q);
    return phone.ok ? { kind: 'phoneHash', hash: phoneHash(ctx.cipher, phone.value.value) } : { kind: 'nothing' };
  }
  if (/^[a-zA-Zü]+$/.test(t)) return { kind: 'pinyin', prefix: t.toLowerCase().replace(/ü/g, 'v') };
  if (/^[\p{L}\p{M}·•・]+$/u.test(t)) return { kind: 'name', prefix: nameSearchKey(t) };
  throw new AppError(
    'VALIDATION_FAILED',
    '请输入姓名、拼音（如 zs）、身份证号后 4 位或后 6 位、完整身份证号或电话号码',
    [{ path: 'q', message: '无法识别的查询内容' }],
  );
}

export async function personFilter(
  ctx: AppContext,
  regions: RegionIndex,
  f: PersonFilterInput,
): Promise<searchRepo.PersonFilter> {
  let categoryCode: string | undefined;
  if (f.category) {
    const resolved = categoryResolver(await categoryEntries(ctx.db))(f.category);
    categoryCode = resolved?.code ?? `\u0000unknown:${f.category}`;
  }
  return {
    term: f.q ? readSearchTerm(ctx, f.q) : undefined,
    categoryCode,
    regionIds: f.regionId === undefined ? undefined : await regionSubtreeIds(ctx.db, f.regionId),
    regionBasis: f.regionBasis,
    livingSituation: f.livingSituation ? (resolveLivingSituation(f.livingSituation) ?? f.livingSituation) : undefined,
    status: f.status,
    hukouLocal: f.hukouLocal ? { local: f.hukouLocal === 'yes', regionIds: regions.localIds() } : undefined,
  };
}

/** Each person's categories (code and name, once each) as lists show them. */
export async function categoryRefs(ctx: AppContext, personIds: readonly number[]) {
  const [quals, categories] = await Promise.all([
    qualificationsRepo.listQualifications(ctx.db, personIds),
    categoryEntries(ctx.db),
  ]);
  const categoryName = nameLookup(categories);
  const refs = new Map<number, { code: string; name: string }[]>();
  for (const q of quals) {
    const list = refs.get(q.person_id) ?? [];
    if (!list.some((c) => c.code === q.category_code)) {
      list.push({ code: q.category_code, name: categoryName(q.category_code) });
    }
    refs.set(q.person_id, list);
  }
  return refs;
}

export async function listItems(ctx: AppContext, rows: readonly searchRepo.PersonListRow[], regions: RegionIndex) {
  const refs = await categoryRefs(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toListItem(ctx, r, regions, refs.get(r.id) ?? []));
}

export function toListItem(
  ctx: AppContext,
  r: searchRepo.PersonListRow,
  regions: RegionIndex,
  categories: { code: string; name: string }[],
): PersonListItem {
  return {
    id: r.id,
    name: r.name,
    sex: r.sex === 'F' ? 'F' : 'M',
    birthDate: r.birth_date,
    // The masked forms are stored; only rows written before they existed are decrypted to mask them.
    idNumber: r.id_masked ?? maskIdNumber(ctx.cipher.decrypt(r.id_number_enc)),
    phone: r.phone_enc === null ? null : (r.phone_masked ?? maskPhone(ctx.cipher.decrypt(r.phone_enc))),
    categories,
    hukouRegionId: r.hukou_region_id,
    hukouRegionName: regions.label(r.hukou_region_id),
    hukouStreetName: regions.street(r.hukou_region_id),
    hukouLocal: regions.isLocal(r.hukou_region_id),
    residenceRegionId: r.residence_region_id,
    residenceRegionName: regions.label(r.residence_region_id),
    residenceStreetName: regions.street(r.residence_region_id),
    householdId: r.household_id,
    alive: r.alive === 1,
    deathDate: r.death_date,
    livingSituations: parseJsonArray(r.living_situations_json),
  };
}

/** The registry list and search: always within the actor's scope, masked, one page at a time. */
export async function listPersons(ctx: AppContext, actor: Actor, query: PersonListQuery) {
  requireCapability(actor, 'registry.read');
  const regions = await RegionIndex.load(ctx.db);
  const filter = await personFilter(ctx, regions, query);
  const { rows, total } = await searchRepo.searchPersons(ctx.db, actor, filter, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: await listItems(ctx, rows, regions), total, page: query.page, pageSize: query.pageSize };
}

/**
 * The same list for export: every matching person in scope, masked as the viewer sees them, in batches
 * (keyset paging, constant memory), for a streaming xlsx writer. The caller checks `registry.export` and
 * writes the export's audit record.
 */
export async function* streamPersons(
  ctx: AppContext,
  actor: Actor,
  filter: PersonFilterInput,
  batchSize = 1000,
): AsyncGenerator<PersonListItem[]> {
  requireCapability(actor, 'registry.read');
  const regions = await RegionIndex.load(ctx.db);
  const f = await personFilter(ctx, regions, filter);
  let after = 0;
  for (;;) {
    const rows = await searchRepo.personBatch(ctx.db, actor, f, after, batchSize);
    if (rows.length === 0) return;
    yield await listItems(ctx, rows, regions);
    after = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}
