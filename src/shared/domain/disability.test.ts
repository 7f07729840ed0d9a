import { describe, expect, it } from 'vitest';
import { parseDisabilityGrade, parseDisabilityNature } from './disability.ts';

const grade = (input: unknown) => {
  const r = parseDisabilityGrade(input);
  return r.ok ? r.value : r.code;
};

describe('伤残等级', () => {
  it('reads 4, 4级, 四级, 肆级, 第四级, full-width and 繁體', () => {
    for (const input of [4, '4', '4级', '4 级', '四级', '肆级', '第四级', '４级', '四級', '四级伤残']) {
      expect(grade(input), String(input)).toBe(4);
    }
  });
  it('reads every grade from 一级 to 十级', () => {
    const words = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    words.forEach((w, i) => {
      expect(grade(`${w}级`)).toBe(i + 1);
      expect(grade(`${i + 1}级`)).toBe(i + 1);
    });
    expect(grade('10')).toBe(10);
    expect(grade('拾级')).toBe(10);
  });
  it('refuses grades outside 1–10, with the range in the message', () => {
    expect(grade(0)).toBe('GRADE_RANGE');
    expect(grade('11级')).toBe('GRADE_RANGE');
    expect(grade('十一级')).toBe('GRADE_RANGE');
    expect(grade(4.5)).toBe('GRADE_RANGE');
    const r = parseDisabilityGrade('12');
    expect(!r.ok && r.message).toContain('1–10');
  });
  it('refuses the pre-2004 grades with the new grades they map to', () => {
    const r = parseDisabilityGrade('二等甲');
    expect(r).toMatchObject({ ok: false, code: 'GRADE_OLD_SCALE' });
    expect(!r.ok && r.message).toContain('5–6');
    expect(grade('特等')).toBe('GRADE_OLD_SCALE');
  });
  it('refuses what is not a grade', () => {
    expect(grade('')).toBe('GRADE_MISSING');
    expect(grade(null)).toBe('GRADE_MISSING');
    expect(grade('重度')).toBe('GRADE_FORMAT');
  });
});

describe('伤残性质', () => {
  it('reads 因战, 战, 因公致残, 因戰', () => {
    expect(parseDisabilityNature('因战')).toEqual({ ok: true, value: '因战' });
    expect(parseDisabilityNature('战')).toEqual({ ok: true, value: '因战' });
    expect(parseDisabilityNature(' 因公致残 ')).toEqual({ ok: true, value: '因公' });
    expect(parseDisabilityNature('因戰')).toEqual({ ok: true, value: '因战' });
    expect(parseDisabilityNature('病')).toEqual({ ok: true, value: '因病' });
  });
  it('refuses anything else', () => {
    expect(parseDisabilityNature('意外')).toMatchObject({ ok: false, code: 'NATURE_FORMAT' });
  });
});
