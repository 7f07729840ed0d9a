import { maskIdNumber } from '../../../shared/domain/id-number.ts';
import { maskPhone } from '../../../shared/domain/phone.ts';
import { pinyinKeys, toSimplified } from '../../../shared/domain/text.ts';
import type { FieldCipher } from '../../platform/crypto.ts';

/**
 * The stored, searchable form of a person's sensitive numbers: ciphertext for cleared roles, keyed hashes
 * for exact lookup, the last four ID characters (every masked display shows them anyway) and the masked
 * display forms, so that lists, search and exports never decrypt.
 */
export function sensitiveColumns(cipher: FieldCipher, idNumber: string, phone: string | null) {
  return {
    id_number_enc: cipher.encrypt(idNumber),
    id_number_hash: idNumberHash(cipher, idNumber),
    id_tail4: idNumber.slice(-4),
    id_tail6_hash: idTail6Hash(cipher, idNumber.slice(-6)),
    id_masked: maskIdNumber(idNumber),
    phone_enc: phone ? cipher.encrypt(phone) : null,
    phone_hash: phone ? phoneHash(cipher, phone) : null,
    phone_masked: phone ? maskPhone(phone) : null,
  };
}

/** The second phone (家属 or 备用), stored like the first. */
export function phone2Columns(cipher: FieldCipher, phone: string | null) {
  return {
    phone2_enc: phone ? cipher.encrypt(phone) : null,
    phone2_hash: phone ? phoneHash(cipher, phone) : null,
    phone2_masked: phone ? maskPhone(phone) : null,
  };
}

/** Keyed hashes, one purpose each, so a hash of one kind never matches another. */
export const idNumberHash = (cipher: FieldCipher, idNumber: string) => cipher.lookupHash(idNumber, 'id');
export const idTail6Hash = (cipher: FieldCipher, tail6: string) => cipher.lookupHash(tail6, 'id6');
export const phoneHash = (cipher: FieldCipher, phone: string) => cipher.lookupHash(phone, 'phone');

/** Search keys of a name: simplified form (繁體 input matches) and pinyin initials / full pinyin. */
export function nameColumns(name: string) {
  const keys = pinyinKeys(name);
  return { name, name_search: toSimplified(name), pinyin_initials: keys.initials, pinyin_full: keys.full };
}
