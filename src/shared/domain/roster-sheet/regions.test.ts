import { describe, expect, it } from 'vitest';
import { findHukouRegion, matchRegionName, pickResidenceRegion, type RegionRef } from './regions.ts';

describe('regions', () => {
  const regions: RegionRef[] = [
    { id: 1, name: '普陀区', level: 'district', parentId: null, path: '/1/' },
    { id: 2, name: '长寿路街道', level: 'street', parentId: 1, path: '/1/2/' },
    { id: 3, name: '梅芳里居委会', level: 'community', parentId: 2, path: '/1/2/3/' },
    { id: 4, name: '桃浦镇', level: 'town', parentId: 1, path: '/1/4/' },
    { id: 5, name: '新村', level: 'village', parentId: 4, path: '/1/4/5/' },
    { id: 6, name: '曹杨新村街道', level: 'street', parentId: 1, path: '/1/6/' },
    { id: 7, name: '新村', level: 'community', parentId: 6, path: '/1/6/7/' },
  ];

  it('matches names with or without the level word, 繁體 too', () => {
    expect(matchRegionName('长寿路', regions, 'street').map((r) => r.id)).toEqual([2]);
    expect(matchRegionName('長壽路街道', regions, 'street').map((r) => r.id)).toEqual([2]);
    expect(matchRegionName('梅芳里社区', regions, 'community').map((r) => r.id)).toEqual([3]);
  });

  it('picks the community under the street and refuses ambiguity', () => {
    expect(pickResidenceRegion('桃浦镇', '新村', regions)).toMatchObject({ ok: true, region: { id: 5 } });
    expect(pickResidenceRegion(null, '新村', regions)).toMatchObject({ ok: false, code: 'region-ambiguous' });
    expect(pickResidenceRegion('长寿路街道', '新村', regions)).toMatchObject({ ok: false, code: 'region-unknown' });
    expect(pickResidenceRegion('长寿路街道', null, regions)).toMatchObject({ ok: true, region: { id: 2 } });
    expect(pickResidenceRegion(null, null, regions)).toBeNull();
  });

  it('finds the deepest region an address names', () => {
    expect(findHukouRegion('上海市普陀区长寿路街道常德路12号', regions)?.id).toBe(2);
    expect(findHukouRegion('上海市普陀区长寿路街道梅芳里12号', regions)?.id).toBe(3);
    expect(findHukouRegion('普陀区梅芳里居委会', regions)?.id).toBe(3);
    expect(findHukouRegion('江苏省南京市玄武区', regions)).toBeNull();
  });
});
