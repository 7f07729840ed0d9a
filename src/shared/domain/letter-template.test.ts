import { describe, expect, it } from 'vitest';
import {
  chineseDate,
  defaultLetterTemplate,
  type LetterFields,
  letterBlocks,
  mergeTemplate,
  templatePlaceholders,
} from './letter-template.ts';

const fields: LetterFields = {
  姓名: '张三',
  称谓: '同志',
  类别: '烈士遗属',
  落款单位: '普陀区双拥办',
  日期: '2026年2月10日',
};

describe('letter templates', () => {
  it('finds used and unknown placeholders', () => {
    expect(templatePlaceholders('尊敬的{{姓名}}{称谓}：{{ 类别 }}{{年龄}}')).toEqual({
      used: ['姓名', '称谓', '类别'],
      unknown: ['年龄'],
    });
  });

  it('merges fields and leaves unknown placeholders as written', () => {
    expect(mergeTemplate('尊敬的{{姓名}}{{称谓}}：您作为{类别}{{年龄}}', fields)).toBe(
      '尊敬的张三同志：您作为烈士遗属{{年龄}}',
    );
  });

  it('reads the blocks of a letter', () => {
    expect(letterBlocks(defaultLetterTemplate, fields).map((b) => b.kind)).toEqual([
      'salutation',
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
      'closing',
      'signature',
      'date',
    ]);
  });

  it('adds the signature and date when the template has none, and drops stray spaces', () => {
    const blocks = letterBlocks('\n  尊敬的{{姓名}}：\n　　新春快乐！  \n\n', fields);
    expect(blocks).toEqual([
      { kind: 'salutation', text: '尊敬的张三：' },
      { kind: 'paragraph', text: '新春快乐！' },
      { kind: 'signature', text: '普陀区双拥办' },
      { kind: 'date', text: '2026年2月10日' },
    ]);
  });

  it('writes dates as GB/T 9704 does', () => {
    expect(chineseDate('2026-02-01')).toBe('2026年2月1日');
    expect(chineseDate('2026-12-31')).toBe('2026年12月31日');
  });
});
