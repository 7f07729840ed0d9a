import { idCheckDigit } from '../../shared/domain/id-number.ts';
import type { Random } from './random.ts';

/** A valid, unused fictional 身份证号 for the given region, birth date and sex (odd sequence = male). */
export function makeIdNumber(
  prefix: string,
  birthDate: string,
  sex: 'M' | 'F',
  rnd: Random,
  used: Set<string>,
): string {
  for (;;) {
    const seq = rnd.int(0, 499) * 2 + (sex === 'M' ? 1 : 0);
    const body = `${prefix}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    const id = body + idCheckDigit(body);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}
