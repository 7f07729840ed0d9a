import { matchKey, normalizeText } from '../text.ts';

/** Regions named in a sheet: the 街道 and 社区 columns, and the region a 户籍地 address lies in. */
export interface RegionRef {
  id: number;
  name: string;
  level: string;
  parentId: number | null;
  /** Materialised path `/1/4/9/`. */
  path: string;
}

const regionSuffixes = [
  '街道办事处',
  '社区居民委员会',
  '村民委员会',
  '居民委员会',
  '社区居委会',
  '镇人民政府',
  '村委会',
  '居委会',
  '街道',
  '社区',
  '镇',
  '乡',
  '村',
];

/** A region name without its level word: 长寿路街道 → 长寿路, 梅芳里居委会 → 梅芳里. */
export function regionBaseKey(name: string): string {
  const key = matchKey(name);
  for (const s of regionSuffixes) {
    if (key.endsWith(s) && key.length > s.length) return key.slice(0, -s.length);
  }
  return key;
}

const streetLevels = new Set(['street', 'town']);
const communityLevels = new Set(['community', 'village']);

/** Regions of the given kind whose name is the text, with or without its level word. */
export function matchRegionName(
  text: string,
  regions: readonly RegionRef[],
  kind: 'street' | 'community',
): RegionRef[] {
  const levels = kind === 'street' ? streetLevels : communityLevels;
  const key = matchKey(text);
  const base = regionBaseKey(text);
  const candidates = regions.filter((r) => levels.has(r.level));
  const exact = candidates.filter((r) => matchKey(r.name) === key);
  if (exact.length > 0) return exact;
  return candidates.filter((r) => regionBaseKey(r.name) === base);
}

export type RegionPick =
  | { ok: true; region: RegionRef }
  | { ok: false; field: 'street' | 'community'; code: string; message: string };

/** The residence region named by the 街道 and 社区 columns. */
export function pickResidenceRegion(
  streetText: string | null,
  communityText: string | null,
  regions: readonly RegionRef[],
): RegionPick | null {
  let street: RegionRef | undefined;
  if (streetText) {
    const found = matchRegionName(streetText, regions, 'street');
    if (found.length === 0) {
      return {
        ok: false,
        field: 'street',
        code: 'region-unknown',
        message: `找不到街道/镇“${streetText}”，请填写区划中的名称（如 长寿路街道），或联系管理员补充区划`,
      };
    }
    street = found[0];
  }
  if (communityText) {
    let found = matchRegionName(communityText, regions, 'community');
    if (street) found = found.filter((r) => r.parentId === street.id);
    if (found.length === 0) {
      return {
        ok: false,
        field: 'community',
        code: 'region-unknown',
        message: street
          ? `“${street.name}”下没有社区/村“${communityText}”，请核对街道和社区是否对应`
          : `找不到社区/村“${communityText}”，请填写区划中的名称，或同时填写所属街道`,
      };
    }
    if (found.length > 1) {
      return {
        ok: false,
        field: 'community',
        code: 'region-ambiguous',
        message: `有多个名为“${communityText}”的社区/村，请同时填写所属街道`,
      };
    }
    return { ok: true, region: found[0]! };
  }
  return street ? { ok: true, region: street } : null;
}

/**
 * The region a 户籍地 address names: the deepest region of the tree whose name (or name without its level
 * word, at least two characters) the address contains. Null when the address lies outside the tree.
 */
export function findHukouRegion(address: string, regions: readonly RegionRef[]): RegionRef | null {
  const key = matchKey(address);
  let best: { r: RegionRef; depth: number; len: number } | null = null;
  for (const r of regions) {
    const full = matchKey(r.name);
    const base = regionBaseKey(r.name);
    const hit = key.includes(full) ? full.length : base.length >= 2 && key.includes(base) ? base.length : 0;
    if (hit === 0) continue;
    const depth = r.path.split('/').filter(Boolean).length;
    if (!best || depth > best.depth || (depth === best.depth && hit > best.len)) best = { r, depth, len: hit };
  }
  return best?.r ?? null;
}

/**
 * What a 户籍地 address says beyond the region it names: `普陀区长寿路街道梅芳里12号` → the whole address;
 * null when it only names regions (`甲街道 / 甲一社区`), so that a region's name is never stored as an address.
 */
export function hukouDetail(address: string, region: RegionRef, regions: readonly RegionRef[]): string | null {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const chain = region.path
    .split('/')
    .filter(Boolean)
    .map((id) => byId.get(Number(id)))
    .filter((r): r is RegionRef => r !== undefined);
  const keys = chain.flatMap((r) => [matchKey(r.name), regionBaseKey(r.name)]).filter((k) => k.length >= 2);
  let rest = matchKey(address);
  for (const key of keys.sort((a, b) => b.length - a.length)) rest = rest.split(key).join('');
  rest = rest.replace(/[/／\\,，、;；|\-—()（）]/g, '');
  return rest === '' ? null : normalizeText(address);
}
