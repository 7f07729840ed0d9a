import { describe, expect, it } from 'vitest';
import {
  matchKey,
  normalizeSpaces,
  normalizeText,
  pinyinKeys,
  removeSpaces,
  toHalfWidth,
  toSimplified,
  toTraditional,
} from './text.ts';

describe('text', () => {
  it('finds 张三 by zs and zhangsan, also when typed in 繁體', () => {
    expect(pinyinKeys('张三')).toEqual({ initials: 'zs', full: 'zhangsan' });
    expect(pinyinKeys('張三')).toEqual({ initials: 'zs', full: 'zhangsan' });
  });
  it('reads surnames as surnames', () => {
    expect(pinyinKeys('单雄').initials).toBe('sx');
    expect(pinyinKeys('单雄信').full).toBe('shanxiongxin');
    expect(pinyinKeys('曾国强').full).toBe('zengguoqiang');
    expect(pinyinKeys('解放').full.startsWith('xie')).toBe(true);
    expect(pinyinKeys('仇英').full).toBe('qiuying');
    expect(pinyinKeys('尉迟恭').full).toBe('yuchigong');
  });
  it('reads polyphonic characters after the surname by their ordinary reading', () => {
    // 单 as a given name is dan, 曾 in the middle is ceng/zeng by context: only the head is a surname.
    expect(pinyinKeys('王单').full).toBe('wangdan');
  });
  it('writes ü as v', () => {
    expect(pinyinKeys('吕女')).toEqual({ initials: 'ln', full: 'lvnv' });
  });
  it('keeps going past characters with no reading', () => {
    const keys = pinyinKeys('王𪚥明');
    expect(keys.initials.startsWith('w')).toBe(true);
    expect(keys.initials.endsWith('m')).toBe(true);
    expect(pinyinKeys('𡒄')).toEqual({ initials: '', full: '' });
    expect(() => pinyinKeys('\ud840')).not.toThrow();
  });
  it('leaves the middle dot and spaces out of the key, keeps Latin letters', () => {
    expect(pinyinKeys('阿依·买买提')).toEqual({ initials: 'aymmt', full: 'ayimaimaiti' });
    expect(pinyinKeys('张 三')).toEqual({ initials: 'zs', full: 'zhangsan' });
    expect(pinyinKeys('John Smith')).toEqual({ initials: 'js', full: 'johnsmith' });
    expect(pinyinKeys('')).toEqual({ initials: '', full: '' });
  });

  it('converts widths', () => {
    expect(toHalfWidth('１２３Ｘ　ａ')).toBe('123X a');
    expect(toHalfWidth('（０２１）６２３４５６７８')).toBe('(021)62345678');
    // Chinese punctuation and rare characters are not full-width forms.
    expect(toHalfWidth('张三、李四。𡒄')).toBe('张三、李四。𡒄');
  });
  it('normalises every kind of space and drops invisible characters', () => {
    expect(normalizeSpaces(' \u3000张\u00a0\u00a0三\t\n')).toBe('张 三');
    expect(normalizeSpaces('\ufeff刘\u200b洋')).toBe('刘洋');
    expect(removeSpaces(' 烈 士\u3000遗属 ')).toBe('烈士遗属');
    expect(normalizeText('  ＡＢＣ　１２３ ')).toBe('ABC 123');
  });

  it('converts 繁體 to 简体, variant forms included, and leaves 简体 alone', () => {
    expect(toSimplified('優撫對象')).toBe('优抚对象');
    expect(toSimplified('克拉瑪依市 烈士遺屬 殘疾軍人 因戰')).toBe('克拉玛依市 烈士遗属 残疾军人 因战');
    expect(toSimplified('衞生 綫')).toBe('卫生 线');
    const simplified = '干部 皇后 余 范 于 复员 张三 烈士遗属';
    expect(toSimplified(simplified)).toBe(simplified);
  });
  it('keeps rare characters beyond the BMP intact in both directions', () => {
    expect(toSimplified('王𪚥 𡒄')).toBe('王𪚥 𡒄');
    expect(toTraditional('王𪚥')).toBe('王𪚥');
    expect(matchKey('王 𪚥𡒄')).toBe('王𪚥𡒄');
    // 𡒄 is itself the simplified form of 壈: OpenCC converts it, which is why names are never stored converted.
    expect(toTraditional('𡒄')).toBe('壈');
  });
  it('converts 简体 to 繁體', () => {
    expect(toTraditional('烈士遗属')).toBe('烈士遺屬');
    expect(toTraditional('军队转业干部')).toBe('軍隊轉業幹部');
    expect(toSimplified(toTraditional('现役军人家属'))).toBe('现役军人家属');
    expect(toTraditional('台湾', 'tw')).toBe('臺灣');
  });

  it('builds one match key for both scripts, widths, case and spaces', () => {
    expect(matchKey('張 三')).toBe(matchKey('张三'));
    expect(matchKey('身份證號碼')).toBe('身份证号码');
    expect(matchKey('ＡＢｃ')).toBe('abc');
  });
});
