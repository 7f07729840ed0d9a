/** Arbitrary text never crashes the parser, and whatever it reports points inside the input. */
import { describe, expect, it } from 'vitest';
import { parseNotice } from './parse-notice.ts';
import { readSeed } from './seeds.fixture.ts';
import type { ParsedNotice } from './types.ts';

/** mulberry32: a small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds = [readSeed('000_'), readSeed('004_')];
const tokens = [
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\u3000',
  '\t',
  '\f',
  '?',
  '??',
  '\ufffd',
  '(jié)',
  '（qū）',
  'wèi)',
  '(',
  ')',
  '（',
  '）',
  '— 2 —',
  '- 3 -',
  '〔2021〕',
  '[2024]',
  '［２０２１］',
  '号',
  '一、',
  '二、',
  '（一）',
  '一是',
  '1.',
  '１．',
  '第一，',
  '。',
  '，',
  '、',
  '：',
  ':',
  '；',
  '《',
  '》',
  '"',
  '关于',
  '的通知',
  '转发',
  '抄送：',
  '附件：',
  '特此通知。',
  '印发',
  '2021年1月8日',
  '二〇二四年十二月二十五日',
  '2021年2月30日',
  '各区',
  '驻区各部队要',
  '各街道',
  '局',
  '办公室',
  '上海市普陀区人民政府办公室',
  '克拉瑪依市退役軍人事務局',
  '要严格落实安全保密',
  '\ud83d\ude00',
  '\ud800',
  '\udc00',
  '𠀀',
  'A',
  'z',
  '9',
  '\u200b',
  '\ufeff',
];

function randomText(rnd: () => number): string {
  const n = Math.floor(rnd() * 200);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.6) s += tokens[Math.floor(rnd() * tokens.length)];
    else if (r < 0.9) {
      const seed = seeds[Math.floor(rnd() * seeds.length)] ?? '';
      const at = Math.floor(rnd() * seed.length);
      s += seed.slice(at, at + Math.floor(rnd() * 40));
    } else s += String.fromCharCode(Math.floor(rnd() * 0x10000));
  }
  return s;
}

function mutate(text: string, rnd: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(rnd() * 8);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * s.length);
    const len = Math.floor(rnd() * 60);
    const kind = rnd();
    if (kind < 0.3) s = s.slice(0, at) + s.slice(at + len);
    else if (kind < 0.6) s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    else if (kind < 0.8) s = s.slice(0, at) + (tokens[Math.floor(rnd() * tokens.length)] ?? '') + s.slice(at);
    else s = s.slice(0, at) + '\n'.repeat(1 + Math.floor(rnd() * 3)) + s.slice(at);
  }
  return s;
}

function checkInvariants(text: string, n: ParsedNotice): void {
  const json = JSON.parse(JSON.stringify(n)) as ParsedNotice;
  expect(json.warnings).toHaveLength(n.warnings.length);
  for (const w of n.warnings) {
    expect(Number.isInteger(w.at) && Number.isInteger(w.length)).toBe(true);
    expect(w.at).toBeGreaterThanOrEqual(0);
    expect(w.length).toBeGreaterThanOrEqual(0);
    expect(w.at + w.length).toBeLessThanOrEqual(text.length);
    expect(w.message.length).toBeGreaterThan(0);
  }
  for (const t of n.tasks) {
    expect(Number.isInteger(t.no) && t.no > 0).toBe(true);
    expect(typeof t.title).toBe('string');
    expect(t.at).toBeGreaterThanOrEqual(0);
    expect(t.at).toBeLessThan(text.length);
  }
  if (n.date !== null) expect(n.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  for (const layer of [n, n.inner].filter((x): x is ParsedNotice => x !== null)) {
    for (const value of [layer.title, layer.docNumber, ...layer.issuers, ...layer.recipients, ...layer.cc]) {
      if (value !== null) expect(value).not.toMatch(/^\s|\s$/);
    }
  }
}

describe('parseNotice on arbitrary text', () => {
  it('never throws and reports offsets inside the input (random token soup)', () => {
    const rnd = random(20250101);
    for (let i = 0; i < 300; i++) {
      const text = randomText(rnd);
      let n: ParsedNotice | undefined;
      expect(
        () => {
          n = parseNotice(text);
        },
        `case ${i}: ${JSON.stringify(text.slice(0, 200))}`,
      ).not.toThrow();
      checkInvariants(text, n as ParsedNotice);
    }
  });

  it('never throws on randomly damaged seeds', () => {
    const rnd = random(42);
    for (let i = 0; i < 200; i++) {
      const text = mutate(seeds[i % 2] ?? '', rnd);
      const n = parseNotice(text);
      checkInvariants(text, n);
    }
  });

  it('finds the four tasks of a seed under small damage elsewhere (blank lines added)', () => {
    const rnd = random(7);
    for (let i = 0; i < 50; i++) {
      const seed = seeds[i % 2] ?? '';
      const lines = seed.split('\n');
      const at = Math.floor(rnd() * lines.length);
      lines.splice(at, 0, '');
      expect(parseNotice(lines.join('\n')).tasks).toHaveLength(4);
    }
  });

  it('copes with non-string input from untyped callers and with long input', () => {
    expect(parseNotice(undefined as unknown as string).warnings.map((w) => w.code)).toEqual(['empty_input']);
    const long = seeds.join('\n').repeat(20);
    const started = performance.now();
    const n = parseNotice(long);
    expect(performance.now() - started).toBeLessThan(10_000);
    checkInvariants(long, n);
    const oneLine = '各部门要认真做好春节走访慰问工作，'.repeat(5000);
    checkInvariants(oneLine, parseNotice(oneLine));
  });
});
