import type { AssessmentItem, ConfirmationItem, QualificationItem } from '../../../shared/api/registry.api.ts';
import { qualificationFlags } from '../../../shared/domain/categories.ts';
import type { AppContext } from '../../context.ts';
import type * as assessmentsRepo from './assessments.repo.ts';
import type * as confirmationsRepo from './confirmations.repo.ts';
import type * as personRepo from './person.repo.ts';
import type { PersonState } from './person-state.ts';
import type * as qualificationsRepo from './qualifications.repo.ts';
import { parseJsonArray } from './registry-common.ts';

/** Stored rows → the API's items and the service's person state. */

export function stateFromRow(
  ctx: AppContext,
  row: personRepo.PersonRow,
  quals: readonly qualificationsRepo.QualificationRow[],
): PersonState {
  return {
    name: row.name,
    idNumber: ctx.cipher.decrypt(row.id_number_enc),
    sex: row.sex === 'F' ? 'F' : 'M',
    birthDate: row.birth_date,
    phone: row.phone_enc ? ctx.cipher.decrypt(row.phone_enc) : null,
    phone2: row.phone2_enc ? ctx.cipher.decrypt(row.phone2_enc) : null,
    hukouRegionId: row.hukou_region_id,
    hukouAddress: row.hukou_address,
    residenceRegionId: row.residence_region_id,
    address: row.address,
    householdId: row.household_id,
    householdRole: row.household_role,
    alive: row.alive === 1,
    deathDate: row.death_date,
    livingSituations: parseJsonArray(row.living_situations_json),
    notes: row.notes,
    qualifications: quals.map((q) => ({
      id: q.id,
      categoryCode: q.category_code,
      disabilityGrade: q.disability_grade,
      disabilityNature: q.disability_nature,
      relation: q.relation,
      servicemanName: q.serviceman_name,
      certificateNo: q.certificate_no,
      startDate: q.start_date,
      endDate: q.end_date,
      flags: parseJsonArray(q.flags_json),
    })),
  };
}
export const flagNames = new Map<string, string>(qualificationFlags.map((f) => [f.code, f.name]));
export function qualificationItem(
  q: qualificationsRepo.QualificationRow,
  categoryName: (code: string) => string,
): QualificationItem {
  return {
    id: q.id,
    categoryCode: q.category_code,
    categoryName: categoryName(q.category_code),
    disabilityGrade: q.disability_grade,
    disabilityNature: q.disability_nature,
    relation: q.relation,
    servicemanName: q.serviceman_name,
    certificateNo: q.certificate_no,
    startDate: q.start_date,
    endDate: q.end_date,
    flags: parseJsonArray(q.flags_json).map((code) => ({ code, name: flagNames.get(code) ?? code })),
  };
}
export const assessmentItem = (
  a: Awaited<ReturnType<typeof assessmentsRepo.listAssessments>>[number],
): AssessmentItem => ({
  id: a.id,
  assessedOn: a.assessed_on,
  situations: parseJsonArray(a.situations_json),
  notes: a.notes,
  needs: a.needs,
  source: a.source,
  createdByName: a.created_by_name,
  createdAt: a.created_at,
});
export const confirmationItem = (c: confirmationsRepo.ConfirmationRow): ConfirmationItem => ({
  id: c.id,
  year: c.year,
  result: c.result as ConfirmationItem['result'],
  method: c.method,
  confirmedOn: c.confirmed_on,
  notes: c.notes,
  confirmedByName: c.confirmed_by_name,
  updatedAt: c.updated_at,
});
