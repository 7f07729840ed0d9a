import { describe, expect, it } from 'vitest';
import { resolveCategory, resolveFlag, resolveLivingSituation, resolveRelation } from './categories.ts';
import { crossCheckId, parseIdNumber } from './id-number.ts';

describe('category dictionary', () => {
  it('reads the names and aliases offices use, 繁體 and stray spaces included', () => {
    expect(resolveCategory('烈属')?.code).toBe('martyr_family');
    expect(resolveCategory('伤残军人')?.code).toBe('disabled_veteran');
    expect(resolveCategory('残疾军人')?.code).toBe('disabled_veteran');
    expect(resolveCategory('烈 屬')?.code).toBe('martyr_family');
    expect(resolveCategory('军属')?.code).toBe('serviceman_family');
    expect(resolveCategory('老复员军人')?.code).toBe('demobilized_soldier');
    expect(resolveCategory('不是类别')).toBeNull();
  });
  it('reads flags, living situations and relations', () => {
    expect(resolveFlag('参战')).toBe('combat');
    expect(resolveFlag('参试')).toBe('combat');
    expect(resolveFlag('边海防')).toBe('border_family');
    expect(resolveFlag('其他')).toBeNull();
    expect(resolveLivingSituation('獨居')).toBe('独居');
    expect(resolveLivingSituation(' 低保 ')).toBe('低保');
    expect(resolveLivingSituation('富裕')).toBeNull();
    expect(resolveRelation('母亲')).toBe('父母');
    expect(resolveRelation('妻子')).toBe('配偶');
    expect(resolveRelation('抚养人')).toBe('抚养人');
    expect(resolveRelation('邻居')).toBeNull();
  });
});

describe('sex and birth date against the ID number', () => {
  const parsed = parseIdNumber('11010519491231002X', new Date('2026-01-01T00:00:00Z'));
  if (!parsed.ok) throw new Error('fixture');
  it('agrees silently', () => {
    expect(crossCheckId(parsed.value, { sex: 'F', birthDate: '1949-12-31' })).toEqual([]);
    expect(crossCheckId(parsed.value, {})).toEqual([]);
  });
  it('names each disagreement and what to check', () => {
    const issues = crossCheckId(parsed.value, { sex: 'M', birthDate: '1949-12-30' });
    expect(issues.map((i) => i.field)).toEqual(['sex', 'birthDate']);
    expect(issues[0]!.message).toContain('第 17 位表示女');
    expect(issues[1]!.message).toContain('1949-12-31');
  });
});
