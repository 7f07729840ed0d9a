/**
 * Detection of damaged passages: mojibake (`??死斠朗`), characters lost with only their pinyin left
 * (`?wèi)`), and passages duplicated by PDF extraction. Damage is reported, never repaired.
 */
import { cjkClass, isCjk, originalSpan, type Paragraph, pinyinLetters } from './normalise-text.ts';

export interface DamageFinding {
  code: 'garbled_text' | 'duplicated_text';
  message: string;
  /** offset in the original input */
  at: number;
  /** length in the original input */
  length: number;
}

interface Seed {
  start: number;
  end: number;
  lostPinyin: string[];
}

const questionRun = /[?\ufffd]{2,}|\ufffd/g;
const orphanPinyin = new RegExp(`([?\\ufffd])?([(（])?([${pinyinLetters}]{1,6})[)）]`, 'g');
const toneMarked =
  /[\u00e0-\u00fc\u0101\u0113\u011b\u012b\u014d\u016b\u01ce\u01d0\u01d2\u01d4\u01d6\u01d8\u01da\u01dc\u0144\u0148\u01f9]/;
/** Characters that dominate UTF-8 text misread as GBK (`鍏嬫媺`, `锛`, `銆`). */
const utf8AsGbk = /[鍏嬫媺鐟涓鐩浜鏈锛銆鈥鐨鏄鍦鎴鏂闂瀹鍙鍚绋鐢缁璇澶鏃杩鏁鍐鍜娴缂閮鍥鍒鏉鍖鍗璁瑕鎯]/;
/** Latin-1 misreading of UTF-8 (`Ã¥Â`). */
const latin1Mojibake = /[ÃÂâåæçèéä][\u0080-\u00ff]{2,}/g;
const questionWords = /[吗嗎呢么麼何谁誰哪怎几幾]|是否|多少/;
const clausePunctuation = /[，。；：,.;:、！!（）()《》“”"]/;

function collectSeeds(t: string): Seed[] {
  const seeds: Seed[] = [];
  questionRun.lastIndex = 0;
  for (let m = questionRun.exec(t); m; m = questionRun.exec(t)) {
    seeds.push({ start: m.index, end: m.index + m[0].length, lostPinyin: [] });
  }
  orphanPinyin.lastIndex = 0;
  for (let m = orphanPinyin.exec(t); m; m = orphanPinyin.exec(t)) {
    const [, question, open, letters = ''] = m;
    if (question) {
      // `?wèi)` / `?(lái)`: a character lost, its pinyin left
      seeds.push({ start: m.index, end: m.index + m[0].length, lostPinyin: [letters] });
      continue;
    }
    if (open) continue;
    // `wèi)` right after a Chinese character, its `(` lost
    const unclosed =
      t.lastIndexOf('(', m.index) > t.lastIndexOf(')', m.index - 1) ||
      t.lastIndexOf('（', m.index) > t.lastIndexOf('）', m.index - 1);
    if (unclosed || !isCjk(t[m.index - 1]) || !toneMarked.test(letters)) continue;
    seeds.push({ start: m.index, end: m.index + m[0].length, lostPinyin: [letters] });
  }
  // a single ? between Chinese characters, not in a question
  for (let i = 1; i < t.length - 1; i++) {
    if (t[i] !== '?' || t[i - 1] === '?' || t[i + 1] === '?') continue;
    if (!isCjk(t[i - 1]) || !isCjk(t[i + 1])) continue;
    let s = i - 1;
    while (s > 0 && !clausePunctuation.test(t[s - 1] ?? '')) s--;
    if (questionWords.test(t.slice(s, i))) continue;
    seeds.push({ start: i, end: i + 1, lostPinyin: [] });
  }
  // UTF-8 read as GBK: three or more hallmark characters within six
  for (let i = 0; i < t.length; i++) {
    if (!utf8AsGbk.test(t[i] ?? '')) continue;
    let count = 0;
    let last = i;
    for (let j = i; j < Math.min(t.length, i + 6); j++) {
      if (utf8AsGbk.test(t[j] ?? '')) {
        count++;
        last = j;
      }
    }
    if (count >= 3) {
      seeds.push({ start: i, end: last + 1, lostPinyin: [] });
      i = last;
    }
  }
  latin1Mojibake.lastIndex = 0;
  for (let m = latin1Mojibake.exec(t); m; m = latin1Mojibake.exec(t)) {
    seeds.push({ start: m.index, end: m.index + m[0].length, lostPinyin: [] });
  }
  return seeds.sort((a, b) => a.start - b.start);
}

const gapBreaker = /[，。；：,.;:、！？!]/;

/** Merges seeds that are close together (the text between two damaged spots is damaged too). */
function mergeSeeds(seeds: Seed[], t: string): Seed[] {
  const merged: Seed[] = [];
  for (const seed of seeds) {
    const last = merged[merged.length - 1];
    if (last && seed.start <= last.end + 10 && !gapBreaker.test(t.slice(last.end, seed.start))) {
      last.end = Math.max(last.end, seed.end);
      last.lostPinyin.push(...seed.lostPinyin);
    } else {
      merged.push({ ...seed, lostPinyin: [...seed.lostPinyin] });
    }
  }
  return merged;
}

function excerpt(s: string, max = 24): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Mojibake and lost characters in one paragraph. */
export function findGarbled(p: Paragraph): DamageFinding[] {
  return mergeSeeds(collectSeeds(p.text), p.text).map((seed) => {
    const span = originalSpan(p, seed.start, seed.end);
    const shown = excerpt(p.text.slice(seed.start, seed.end));
    const pinyin = seed.lostPinyin.length > 0 ? `（残留注音：${seed.lostPinyin.join('、')}）` : '';
    return {
      code: 'garbled_text' as const,
      message: `疑似乱码或丢字「${shown}」${pinyin}，原文字无法识别，未作修复，请核对原件`,
      ...span,
    };
  });
}

const cjkRe = new RegExp(`[${cjkClass}]`, 'g');

/** Passages repeated back-to-back (a unit of at least 6 characters, at least twice), as PDF extraction produces. */
export function findDuplicated(p: Paragraph, minUnit = 6, maxUnit = 120): DamageFinding[] {
  const t = p.text;
  const regions: { start: number; end: number; unit: number }[] = [];
  const limit = Math.min(maxUnit, Math.floor(t.length / 2));
  for (let unit = minUnit; unit <= limit; unit++) {
    let run = 0;
    for (let i = 0; i + unit <= t.length; i++) {
      if (i + unit < t.length && t[i] === t[i + unit]) {
        run++;
        continue;
      }
      if (run >= unit) {
        const start = i - run;
        const end = i + unit;
        const cjkCount = new Set(t.slice(start, start + unit).match(cjkRe) ?? []).size;
        const overlaps = regions.some((r) => start < r.end && end > r.start);
        if (cjkCount >= 4 && !overlaps) regions.push({ start, end, unit });
      }
      run = 0;
    }
  }
  return regions
    .sort((a, b) => a.start - b.start)
    .map((r) => {
      const span = originalSpan(p, r.start, r.end);
      const times = Math.floor((r.end - r.start) / r.unit);
      return {
        code: 'duplicated_text' as const,
        message: `文字「${excerpt(t.slice(r.start, r.start + r.unit))}」连续重复出现（至少${times}遍），疑为PDF提取错乱，未作修复，请核对原件`,
        ...span,
      };
    });
}

export function findDamage(p: Paragraph): DamageFinding[] {
  return [...findGarbled(p), ...findDuplicated(p)].sort((a, b) => a.at - b.at);
}
