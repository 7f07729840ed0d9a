import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The region tree in memory (a deployment has at most a few thousand regions): names for labels, and where a
 * person is visited — the street/town and community/village above the region they live in.
 */
export interface RegionNode {
  id: number;
  code: string;
  name: string;
  level: string;
  parentId: number | null;
  path: string;
}

export interface Place {
  streetId: number;
  communityId: number;
}

export interface RegionIndex {
  get(id: number): RegionNode | undefined;
  name(id: number | null | undefined): string;
  /** Ids of the region and everything below it. */
  subtree(rootId: number): number[];
  /** The street/town and community/village that a person placed at `regionId` belongs to. */
  place(regionId: number): Place;
  /** Ancestors of a region, nearest last (the region itself excluded). */
  ancestors(regionId: number): number[];
}

const streetLevels = new Set(['street', 'town']);
const communityLevels = new Set(['community', 'village']);

/** How a region is labelled: its name; its id where the region is unknown; a dash for none. */
export function regionLabel(id: number | null | undefined, name: string | null | undefined): string {
  return id == null ? '—' : (name ?? `区划 ${id}`);
}

export function indexRegions(rows: readonly RegionNode[]): RegionIndex {
  const byId = new Map(rows.map((r) => [r.id, r] as const));
  const places = new Map<number, Place>();
  const ancestors = (regionId: number): number[] => {
    const node = byId.get(regionId);
    if (!node) return [];
    return node.path
      .split('/')
      .filter(Boolean)
      .map(Number)
      .filter((id) => id !== regionId);
  };
  return {
    get: (id) => byId.get(id),
    name: (id) => regionLabel(id, id == null ? undefined : byId.get(id)?.name),
    subtree(rootId) {
      const root = byId.get(rootId);
      if (!root) return [];
      return rows.filter((r) => r.path.startsWith(root.path)).map((r) => r.id);
    },
    ancestors,
    place(regionId) {
      let cached = places.get(regionId);
      if (cached) return cached;
      const chain = [...ancestors(regionId), regionId];
      let streetId: number | undefined;
      let communityId: number | undefined;
      for (const id of chain) {
        const level = byId.get(id)?.level ?? '';
        if (streetLevels.has(level)) streetId = id;
        if (communityLevels.has(level)) communityId = id;
      }
      // A person registered at street level counts as the street's own "community"; above it, the region itself.
      cached = { streetId: streetId ?? regionId, communityId: communityId ?? streetId ?? regionId };
      places.set(regionId, cached);
      return cached;
    },
  };
}

export async function loadRegionIndex(db: Kysely<DB>): Promise<RegionIndex> {
  const rows = await db
    .selectFrom('regions')
    .select(['id', 'code', 'name', 'level', 'parent_id as parentId', 'path'])
    .execute();
  return indexRegions(rows);
}
