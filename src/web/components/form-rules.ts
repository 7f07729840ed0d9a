import { parseIdNumber } from '../../shared/domain/id-number.ts';
import { parsePhone } from '../../shared/domain/phone.ts';

/**
 * An antd validator from a shared domain check, so a form refuses on the spot (and on a phone, before a visit is
 * queued offline) exactly what the server would refuse, with the same Chinese message.
 */
export const rule =
  (check: (value: string) => { ok: true } | { ok: false; message: string }, required = false) =>
  async (_: unknown, value: string | undefined) => {
    if (!value || value.trim() === '') {
      if (required) throw new Error('此项为必填');
      return;
    }
    const r = check(value);
    if (!r.ok) throw new Error(r.message);
  };

/** 手机 or 固定电话 with 区号; full-width digits, spaces and +86 are fine. */
export const phoneRule = rule((v) => parsePhone(v));

/** 18 digits (X last) or 15; lowercase x, spaces and full-width digits are fine. */
export const idNumberRule = (required = false) => rule((v) => parseIdNumber(v, new Date()), required);
