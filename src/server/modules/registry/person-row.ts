import { pinyinKeys, toSimplified } from '../../../shared/domain/text.ts';
import type { FieldCipher } from '../../platform/crypto.ts';

/**
 * The stored, searchable form of a person's sensitive numbers: ciphertext for display to cleared roles,
 * keyed hashes for exact lookup, and the last four ID characters that every masked display shows anyway.
 */
export function sensitiveColumns(cipher: FieldCipher, idNumber: string, phone: string | null) {
  return {
    id_number_enc: cipher.encrypt(idNumber),
    id_number_hash: cipher.lookupHash(idNumber, 'id'),
    id_tail4: idNumber.slice(-4),
    id_tail6_hash: cipher.lookupHash(idNumber.slice(-6), 'id6'),
    phone_enc: phone ? cipher.encrypt(phone) : null,
    phone_hash: phone ? cipher.lookupHash(phone, 'phone') : null,
  };
}

/** Search keys of a name: simplified form (繁體 input matches) and pinyin initials / full pinyin. */
export function nameColumns(name: string) {
  const keys = pinyinKeys(name);
  return { name, name_search: toSimplified(name), pinyin_initials: keys.initials, pinyin_full: keys.full };
}
