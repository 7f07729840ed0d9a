import { toSimplified } from '../text.ts';

// One 繁→简 converter for the whole product (text.ts); notices only add the length-preserving mirror.
export { toSimplified };

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
