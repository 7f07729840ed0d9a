import { describe, expect, it } from 'vitest';
import { pinyinKeys, toHalfWidth, toSimplified } from './text.ts';

describe('text', () => {
  it('finds 张三 by zs and zhangsan, also when typed in 繁體', () => {
    expect(pinyinKeys('张三')).toEqual({ initials: 'zs', full: 'zhangsan' });
    expect(pinyinKeys('張三')).toEqual({ initials: 'zs', full: 'zhangsan' });
  });
  it('reads surnames as surnames', () => {
    expect(pinyinKeys('单雄').initials).toBe('sx');
    expect(pinyinKeys('曾国强').full).toBe('zengguoqiang');
    expect(pinyinKeys('解放').full.startsWith('xie')).toBe(true);
  });
  it('keeps going past characters with no reading', () => {
    const keys = pinyinKeys('王𪚥明');
    expect(keys.initials.startsWith('w')).toBe(true);
    expect(keys.initials.endsWith('m')).toBe(true);
  });
  it('converts scripts and widths', () => {
    expect(toSimplified('優撫對象')).toBe('优抚对象');
    expect(toHalfWidth('１２３Ｘ　ａ')).toBe('123X a');
  });
});
