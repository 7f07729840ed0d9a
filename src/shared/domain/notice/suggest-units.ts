/**
 * Which units a task's suggested kinds stand for (驻区各部队 → the military units, 各街道 → the street offices …).
 * Pure: the caller passes the units with what it knows of their regions.
 */
import type { AssigneeKind } from './assignees.ts';

export interface CandidateUnit {
  id: number;
  /** units.kind: office, department, street_office, service_station, enterprise, social_org, volunteer_team, military */
  kind: string;
  /** level of the unit's region (district, street, community …), null when unknown */
  regionLevel: string | null;
  /** the unit's region lies strictly below the notice's own region (a district under a city notice) */
  belowNoticeRegion: boolean;
  active: boolean;
}

function matches(kind: AssigneeKind, u: CandidateUnit): boolean {
  const local = u.regionLevel === 'community' || u.regionLevel === 'village';
  switch (kind) {
    case 'military':
      return u.kind === 'military';
    case 'street':
      return u.kind === 'street_office' && !local;
    case 'community':
      return (u.kind === 'street_office' || u.kind === 'service_station') && local;
    case 'district':
      return (u.kind === 'office' || u.kind === 'department') && u.regionLevel === 'district' && u.belowNoticeRegion;
    case 'department':
      return u.kind === 'department' && !u.belowNoticeRegion;
    case 'social':
      return u.kind === 'enterprise' || u.kind === 'social_org' || u.kind === 'volunteer_team';
  }
}

/** Ids of the active units of the given kinds, in the order of `units`. */
export function unitsForKinds(kinds: readonly AssigneeKind[], units: readonly CandidateUnit[]): number[] {
  if (kinds.length === 0) return [];
  return units.filter((u) => u.active && kinds.some((k) => matches(k, u))).map((u) => u.id);
}
