import dayjs, { type Dayjs } from 'dayjs';
import type { PersonDetail } from '../../../shared/api/registry.api.ts';
import { normalizePersonName } from '../../../shared/domain/person-name.ts';
import { rule } from '../../components/form-rules.ts';

// Form values and field rules of the person form, shared by the page and its qualification fields.
export interface QualificationValues {
  id?: number;
  category?: string;
  disabilityGrade?: number | null;
  disabilityNature?: string | null;
  relation?: string | null;
  servicemanName?: string;
  certificateNo?: string;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  flags?: string[];
}

export interface Values {
  name: string;
  idNumber?: string;
  phone?: string;
  phone2?: string;
  residenceRegionId: number | null;
  address?: string;
  hukouRegionId: number | null;
  hukouAddress?: string;
  householdId: number | null;
  householdRole: string | null;
  livingSituations?: string[];
  notes?: string;
  qualifications: QualificationValues[];
}

export const nameRule = rule((v) => normalizePersonName(v), true);
export const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function initialValues(p: PersonDetail | undefined): Partial<Values> {
  if (!p)
    return {
      qualifications: [{}],
      householdId: null,
      householdRole: null,
      residenceRegionId: null,
      hukouRegionId: null,
    };
  return {
    name: p.name,
    phone: p.phone ?? '',
    phone2: p.phone2 ?? '',
    residenceRegionId: p.residenceRegionId,
    address: p.address ?? '',
    hukouRegionId: p.hukouRegionId,
    hukouAddress: p.hukouAddress ?? '',
    householdId: p.household?.id ?? null,
    householdRole: p.householdRole,
    notes: p.notes ?? '',
    qualifications: p.qualifications.map((q) => ({
      id: q.id,
      category: q.categoryCode,
      disabilityGrade: q.disabilityGrade,
      disabilityNature: q.disabilityNature,
      relation: q.relation,
      servicemanName: q.servicemanName ?? '',
      certificateNo: q.certificateNo ?? '',
      startDate: q.startDate ? dayjs(q.startDate) : null,
      endDate: q.endDate ? dayjs(q.endDate) : null,
      flags: q.flags.map((f) => f.code),
    })),
  };
}
