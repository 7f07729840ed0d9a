import { AppError } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import { type Actor, regionScope } from '../../platform/access.ts';

/**
 * Role rules shared by the troop and army–people modules, on top of the capability matrix: which roles
 * manage (双拥办 and admins), and whether a region lies in the actor's scope.
 */
export function isOffice(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'office';
}

export function requireOffice(actor: Actor): void {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', '只有双拥办工作人员可以执行此操作，如需调整请联系区双拥办。');
}

/** Reading dictionaries and programmes: anyone who works with requests or activities. */
export function requireTroopOrActivityRead(actor: Actor): void {
  if (!can(actor.role, 'troops.read') && !can(actor.role, 'activities.read')) throw new AppError('FORBIDDEN');
}

export function regionInScope(actor: Actor, regionId: number | null | undefined): boolean {
  const scope = regionScope(actor);
  if (scope === 'all') return true;
  return regionId !== null && regionId !== undefined && scope.includes(regionId);
}

/** The troop liaison's own unit, or FORBIDDEN when the account is not linked to one. */
export function ownMilitaryUnit(actor: Actor): number {
  if (actor.role !== 'troop' || actor.unitId === null) {
    throw new AppError('FORBIDDEN', '您的账号没有关联驻区部队，请联系系统管理员设置所属单位。');
  }
  return actor.unitId;
}
