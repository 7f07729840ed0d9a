import { describe, expect, it } from 'vitest';
import { type CandidateUnit, unitsForKinds } from './suggest-units.ts';

const u = (
  id: number,
  kind: string,
  regionLevel: string | null,
  belowNoticeRegion = false,
  active = true,
): CandidateUnit => ({
  id,
  kind,
  regionLevel,
  belowNoticeRegion,
  active,
});

const units = [
  u(1, 'office', 'district'),
  u(2, 'department', 'district'),
  u(3, 'department', 'district', true), // a district's bureau under a city notice
  u(4, 'street_office', 'street', true),
  u(5, 'street_office', 'town', true),
  u(6, 'service_station', 'community', true),
  u(7, 'military', 'district'),
  u(8, 'military', null, false, false), // inactive
  u(9, 'social_org', 'district'),
  u(10, 'volunteer_team', null),
  u(11, 'office', 'district', true),
];

describe('unitsForKinds', () => {
  it('maps 驻区各部队 / 各街道 / 各区 / 各部门 / 社会力量 to units', () => {
    expect(unitsForKinds(['military'], units)).toEqual([7]);
    expect(unitsForKinds(['street'], units)).toEqual([4, 5]);
    expect(unitsForKinds(['community'], units)).toEqual([6]);
    expect(unitsForKinds(['district'], units)).toEqual([3, 11]);
    expect(unitsForKinds(['department'], units)).toEqual([2]);
    expect(unitsForKinds(['social'], units)).toEqual([9, 10]);
    expect(unitsForKinds(['department', 'military'], units)).toEqual([2, 7]);
    expect(unitsForKinds([], units)).toEqual([]);
  });
});
