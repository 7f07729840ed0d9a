import { describe, expect, it } from 'vitest';
import { normalizePersonName } from './person-name.ts';

const value = (input: unknown) => {
  const r = normalizePersonName(input);
  return r.ok ? r.value : r.code;
};

describe('person names', () => {
  it('removes the space clerks put inside two-character names', () => {
    expect(value('张 三')).toBe('张三');
    expect(value('王　芳')).toBe('王芳');
    expect(value('  李   四  ')).toBe('李四');
    expect(value('欧阳\u00a0 娜娜')).toBe('欧阳娜娜');
    expect(value('刘\u200b洋')).toBe('刘洋');
  });

  it('keeps rare characters beyond the BMP exactly', () => {
    expect(value('王𪚥')).toBe('王𪚥');
    expect(value('𡒄 明')).toBe('𡒄明');
    expect([...(value('陈𠇔𡛟') as string)]).toHaveLength(3);
  });

  it('unifies the dot of minority names and keeps Latin names readable', () => {
    expect(value('买买提•艾力')).toBe('买买提·艾力');
    expect(value('阿依古丽 ・ 吐尔逊')).toBe('阿依古丽·吐尔逊');
    expect(value('John  Smith')).toBe('John Smith');
    expect(value('·艾力')).toBe('NAME_CHARACTER');
  });

  it('refuses formulas, markup, digits and 自造字', () => {
    expect(value('=HYPERLINK("x")')).toBe('NAME_CHARACTER');
    expect(value('+张三')).toBe('NAME_CHARACTER');
    expect(value('@SUM')).toBe('NAME_CHARACTER');
    expect(value('<script>')).toBe('NAME_CHARACTER');
    expect(value('张三\t')).toBe('张三');
    expect(value('张\u0007三')).toBe('NAME_CHARACTER');
    expect(value('张三1')).toBe('NAME_DIGIT');
    expect(value('张\ue000')).toBe('NAME_PRIVATE_CHAR');
    expect(value('')).toBe('NAME_MISSING');
    expect(value(undefined)).toBe('NAME_MISSING');
    expect(value('张'.repeat(41))).toBe('NAME_TOO_LONG');
  });

  it('says what to do next', () => {
    const r = normalizePersonName('张三=1');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/请/);
  });
});
