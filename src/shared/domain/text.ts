// Text helpers for Chinese office data: full-width forms, stray spaces, 简体/繁體 and pinyin keys.
// Isomorphic: no Node-only APIs.
import { Converter } from 'opencc-js';
import { pinyin } from 'pinyin-pro';

/** Characters that take no space but break matching: zero-width space/joiners, BOM, soft hyphen, word joiner. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/g;
/** Every kind of whitespace, including the ideographic space U+3000 and no-break spaces. */
const ANY_SPACE = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

/**
 * Full-width ASCII forms (U+FF01–U+FF5E) become their ASCII counterparts, the ideographic space becomes
 * a plain space. Everything else (Chinese punctuation such as 、。，, Han characters, rare characters beyond
 * the BMP) is left as it is.
 */
export function toHalfWidth(text: string): string {
  if (!WIDE.test(text)) return text; // nearly every cell: nothing to convert, no copy made character by character
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCodePoint(cp - 0xfee0);
    else if (cp === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

const WIDE = /[\uff01-\uff5e\u3000]/;

/** Removes invisible characters, turns any run of whitespace into one space and trims. */
export function normalizeSpaces(text: string): string {
  return text.replace(INVISIBLE, '').replace(ANY_SPACE, ' ').trim();
}

/** Removes all whitespace and invisible characters. */
export function removeSpaces(text: string): string {
  return text.replace(INVISIBLE, '').replace(ANY_SPACE, '');
}

/** The usual clean-up for a cell or a form field: NFC, half-width, single spaces, trimmed. */
export function normalizeText(text: string): string {
  if (PLAIN.test(text)) return text;
  return normalizeSpaces(toHalfWidth(text.normalize('NFC')));
}

/**
 * Text that the clean-up leaves as it is: printable ASCII without spaces and CJK unified ideographs only — all
 * NFC already (no character there composes or decomposes), none full-width, invisible or a space. Most cells of
 * a roster (names, numbers, dates, categories, places) are such text.
 */
const PLAIN = /^[\x21-\x7e\u4e00-\u9fff]*$/;

type ConvertFn = (text: string) => string;
let simplifier: ConvertFn | undefined;
const traditionalizers = new Map<TraditionalVariant, ConvertFn>();

/** Traditional variants that `toTraditional` can produce: OpenCC standard, Taiwan, Hong Kong. */
export type TraditionalVariant = 't' | 'tw' | 'hk';

/**
 * 繁體 → 简体 (OpenCC). Uses the Hong Kong table, which also folds the variant forms that standard
 * tables keep (衞 → 卫, 綫 → 线); simplified input comes back unchanged, rare characters stay intact.
 */
export function toSimplified(text: string): string {
  // OpenCC's tables only hold characters from U+2E80 up (CJK, its punctuation and compatibility forms):
  // text without any (numbers, dates, Latin) comes back as it is, without the dictionary walk.
  if (!BEYOND_LATIN.test(text)) return text;
  let cached = simplifiedCache.get(text);
  if (cached === undefined) {
    simplifier ??= Converter({ from: 'hk', to: 'cn' });
    cached = simplifier(text);
    // Bulk reads repeat the same cells (categories, streets, communities): keep a bounded memo.
    if (simplifiedCache.size >= simplifiedCacheSize) simplifiedCache.clear();
    simplifiedCache.set(text, cached);
  }
  return cached;
}

const BEYOND_LATIN = /[\u2e80-\uffff]/;
const simplifiedCacheSize = 20_000;
const simplifiedCache = new Map<string, string>();

/**
 * 简体 → 繁體 (OpenCC). One-to-many characters are resolved by OpenCC's phrase tables, which is good for
 * prose but not for names (范 is a surname, 範 is not): never store a name converted this way.
 */
export function toTraditional(text: string, variant: TraditionalVariant = 't'): string {
  let convert = traditionalizers.get(variant);
  if (!convert) {
    convert = Converter({ from: 'cn', to: variant });
    traditionalizers.set(variant, convert);
  }
  return convert(text);
}

/** A key to compare Chinese text regardless of script, width, case and spaces (张 三 = 張三). */
export function matchKey(text: string): string {
  return removeSpaces(toSimplified(toHalfWidth(text.normalize('NFC')))).toLowerCase();
}

export interface PinyinKeys {
  /** First letters, e.g. 'zs' for 张三. */
  initials: string;
  /** Full pinyin without tones or separators, e.g. 'zhangsan'; ü is written v (吕 → lv). */
  full: string;
}

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[a-z]+/g;

/** Names read recently: pinyin-pro is the slow part of preparing a person row. */
const pinyinCache = new Map<string, PinyinKeys>();
const pinyinCacheSize = 10_000;

/**
 * Pinyin search keys for a person's name. The first character is read as a surname (单 shan, 曾 zeng,
 * 解 xie, 仇 qiu, 尉迟 yuchi …). Characters without a known reading (rare characters such as 𡒄) and
 * punctuation (the middle dot of minority names) are left out of the key; Latin letters are kept as they are.
 */
export function pinyinKeys(name: string): PinyinKeys {
  const known = pinyinCache.get(name);
  if (known) return { ...known };
  const keys = readPinyin(name);
  // Bounded: an import reads many rows of few distinct names; dropping everything at the cap is enough.
  if (pinyinCache.size >= pinyinCacheSize) pinyinCache.clear();
  pinyinCache.set(name, keys);
  return { ...keys };
}

function readPinyin(name: string): PinyinKeys {
  const text = toHalfWidth(name.normalize('NFC'));
  let initials = '';
  let full = '';
  // Pinyin is read per run of Han characters, so that the surname rule applies to the first run only.
  const parts = text.split(/([\p{Script=Han}]+)/u).filter((part) => part.length > 0);
  let first = true;
  for (const part of parts) {
    if (HAN.test(part)) {
      // Plain readings ('array'), not pinyin-pro's full analysis per character ('all'), which is three times
      // slower: a character without a reading comes back as itself and, having no Latin letter, is left out.
      const syllables = pinyin(part, {
        type: 'array',
        toneType: 'none',
        v: true,
        surname: first ? 'head' : 'off',
      });
      for (const syllable of syllables) {
        const reading = syllable.toLowerCase().replace(/[^a-z]/g, '');
        if (reading.length === 0) continue;
        full += reading;
        initials += reading[0];
      }
      first = false;
    } else {
      for (const word of part.toLowerCase().match(LATIN_WORD) ?? []) {
        full += word;
        initials += word[0];
      }
    }
  }
  return { initials, full };
}
