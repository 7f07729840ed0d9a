import { Converter as toCn } from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';

let t2s: ((text: string) => string) | null = null;

/** 繁體 → 简体 (OpenCC, phrase-aware), so search matches whichever script was typed. */
export function toSimplified(text: string): string {
  t2s ??= toCn({ from: 't', to: 'cn' });
  return t2s(text);
}

/** Full-width ASCII (ＡＢＣ１２３, the ideographic space) → half-width. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Surnames whose reading differs from the common one (单 shàn, not dān). */
const surnameReadings: Record<string, string> = {
  单: 'shan',
  曾: 'zeng',
  解: 'xie',
  仇: 'qiu',
  区: 'ou',
  查: 'zha',
  盖: 'ge',
  朴: 'piao',
  尉: 'yu',
  乐: 'yue',
  缪: 'miao',
  翟: 'zhai',
  覃: 'qin',
  召: 'shao',
  种: 'chong',
};

/**
 * Pinyin search keys of a name: `张三` → { initials: 'zs', full: 'zhangsan' }. Characters without a
 * reading (rare characters beyond the dictionary, the middle dot of minority names) are left out of the keys.
 */
export function pinyinKeys(name: string): { initials: string; full: string } {
  const chars = [...toSimplified(name)];
  const syllables = chars.map((ch, i) => {
    if (i === 0 && surnameReadings[ch]) return surnameReadings[ch];
    if (!/\p{Script=Han}/u.test(ch)) return /[a-z]/i.test(ch) ? ch.toLowerCase() : '';
    const py = pinyin(ch, { toneType: 'none', type: 'array', surname: i === 0 ? 'head' : 'off' })[0] ?? '';
    return /^[a-zü]+$/i.test(py) ? py.toLowerCase().replace('ü', 'v') : '';
  });
  const kept = syllables.filter(Boolean);
  return { initials: kept.map((s) => s[0]).join(''), full: kept.join('') };
}
