/**
 * A standard's conditions compiled by kind (also what the server's SQL compiler of the roster reads), the
 * winning order of standards, and the checks the evaluator runs per qualification.
 */
import type { QualificationFacts } from './standard-facts.ts';
import { packageValueCents, type Standard } from './standard-schema.ts';

/** Stages in checking order. */
export const STAGE_CATEGORY = 0;
export const STAGE_ALIVE = 1;
export const STAGE_HUKOU = 2;
export const STAGE_QUALIFICATION = 3;
export const STAGE_AGE = 4;
export const STAGE_LIVING = 5;
export const STAGE_FLAG = 6;

export interface Range {
  min?: number | undefined;
  max?: number | undefined;
}

/** A standard's conditions by kind (also what the server's SQL compiler of the roster reads). */
export interface CompiledStandard {
  standard: Standard;
  /** null = any category. */
  categories: readonly string[] | null;
  aliveRequired: boolean;
  aliveExplicit: boolean;
  hukou: boolean | null;
  grade: Range | null;
  nature: readonly string[] | null;
  relation: readonly string[] | null;
  age: Range | null;
  living: readonly string[] | null;
  flags: readonly string[] | null;
}

export function compileStandard(standard: Standard): CompiledStandard {
  const compiled: CompiledStandard = {
    standard,
    categories: standard.categories.length > 0 ? standard.categories : null,
    aliveRequired: true,
    aliveExplicit: false,
    hukou: null,
    grade: null,
    nature: null,
    relation: null,
    age: null,
    living: null,
    flags: null,
  };
  for (const condition of standard.conditions) {
    switch (condition.kind) {
      case 'disabilityGrade':
        compiled.grade = { min: condition.min, max: condition.max };
        break;
      case 'disabilityNature':
        compiled.nature = condition.anyOf;
        break;
      case 'relation':
        compiled.relation = condition.anyOf;
        break;
      case 'hukouLocal':
        compiled.hukou = condition.value;
        break;
      case 'alive':
        compiled.aliveRequired = condition.value;
        compiled.aliveExplicit = true;
        break;
      case 'age':
        compiled.age = { min: condition.min, max: condition.max };
        break;
      case 'livingSituation':
        compiled.living = condition.anyOf;
        break;
      case 'flag':
        compiled.flags = condition.anyOf;
        break;
      default: {
        const unknown: never = condition;
        throw new Error(`未知的条件类型：${JSON.stringify(unknown)}`);
      }
    }
  }
  return compiled;
}

/** Orders standards best first: priority (higher wins), package value (higher wins), id. */
export function compareStandards(a: Standard, b: Standard): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const va = packageValueCents(a.package);
  const vb = packageValueCents(b.package);
  if (va !== vb) return vb - va;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function inRange(value: number, range: Range): boolean {
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}

export function anyIn(values: readonly string[], wanted: readonly string[]): boolean {
  for (const value of values) if (wanted.includes(value)) return true;
  return false;
}

export function qualificationHolds(c: CompiledStandard, q: QualificationFacts): boolean {
  if (c.grade !== null && (q.disabilityGrade == null || !inRange(q.disabilityGrade, c.grade))) return false;
  if (c.nature !== null && (q.disabilityNature == null || !c.nature.includes(q.disabilityNature))) return false;
  if (c.relation !== null && (q.relation == null || !c.relation.includes(q.relation))) return false;
  return true;
}
