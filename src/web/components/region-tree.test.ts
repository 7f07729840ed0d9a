import { describe, expect, it } from 'vitest';
import type { RegionItem } from '../api/types.ts';
import { buildRegionTree, regionTreeSelectData } from './region-tree.ts';

const r = (
  id: number,
  code: string,
  name: string,
  level: RegionItem['level'],
  parentId: number | null,
): RegionItem => ({
  id,
  code,
  name,
  level,
  parentId,
});

describe('region tree', () => {
  const items = [
    r(3, '310107103000', '桃浦镇', 'town', 2),
    r(2, '310107', '普陀区', 'district', 1),
    r(4, '310107015000', '长寿路街道', 'street', 2),
    r(1, '310000', '上海市', 'province', null),
  ];

  it('nests regions under their parents, children ordered by code', () => {
    const [root] = buildRegionTree(items);
    expect(root?.region.name).toBe('上海市');
    expect(root?.children[0]?.children.map((c) => c.region.name)).toEqual(['长寿路街道', '桃浦镇']);
  });

  it('makes a region whose parent is out of sight a root (a street worker sees only their street down)', () => {
    const roots = buildRegionTree([items[2]!, r(5, '310107015001', '梅芳里居委会', 'community', 4)]);
    expect(roots.map((n) => n.region.name)).toEqual(['长寿路街道']);
    expect(roots[0]?.children[0]?.region.name).toBe('梅芳里居委会');
  });

  it('labels TreeSelect nodes with name and code', () => {
    expect(regionTreeSelectData(items)[0]).toMatchObject({ value: 1, title: '上海市（310000）', label: '上海市' });
  });
});
