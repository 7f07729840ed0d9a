import { Converter } from 'opencc-js/t2cn';

let converter: ((text: string) => string) | null = null;

/** 繁體 → 简体 (OpenCC, phrase-aware). */
export function toSimplified(text: string): string {
  converter ??= Converter({ from: 't', to: 'cn' });
  return converter(text);
}

/**
 * Simplified mirror of text with exactly the same length, so that an index found in the mirror is an index
 * into the display text. Falls back to character-by-character conversion when phrase conversion changes length.
 */
export function simplifiedMirror(text: string): string {
  const whole = toSimplified(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (const ch of text) {
    const s = toSimplified(ch);
    out += s.length === ch.length ? s : ch;
  }
  return out;
}
