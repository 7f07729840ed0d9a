import { idCheckDigit } from '../../shared/domain/id-number.ts';
import type { Random } from './random.ts';

/**
 * The ID numbers given so far, as small integers (birth date and sequence) per region prefix: a million of them
 * as strings kept the worker's heap large and its garbage collection slow.
 */
export type UsedIdNumbers = Map<string, Set<number>>;

/**
 * The sequence number (odd = male) of a fictional 身份证号 for the given region, birth date (YYYY-MM-DD) and sex
 * that no one has yet, taken as used (see idNumberOf for the number itself).
 */
export function drawIdSequence(
  prefix: string,
  birthDate: string,
  sex: 'M' | 'F',
  rnd: Random,
  used: UsedIdNumbers,
): number {
  let taken = used.get(prefix);
  if (taken === undefined) {
    taken = new Set();
    used.set(prefix, taken);
  }
  const year = Number(birthDate.slice(0, 4));
  const month = Number(birthDate.slice(5, 7));
  const day = Number(birthDate.slice(8, 10));
  // Below 2^30 for any year up to 2500: a small integer to V8, stored without an object of its own.
  const date = ((year * 13 + month) * 32 + day) * 1000;
  for (;;) {
    const seq = rnd.int(0, 499) * 2 + (sex === 'M' ? 1 : 0);
    if (!taken.has(date + seq)) {
      taken.add(date + seq);
      return seq;
    }
  }
}

/** The valid 身份证号 of a region, birth date (YYYY-MM-DD) and sequence number. */
export function idNumberOf(prefix: string, birthDate: string, seq: number): string {
  const body = `${prefix}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return body + idCheckDigit(body);
}
