/** `shuangyong notice parse` run as users run it: `npx shuangyong …` from the repository root, as a child process. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { seedPath, seedText } from '../server/modules/notices/notices.fixture.ts';
import { parseNotice, toNoticeJson } from '../shared/domain/notice/index.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['shuangyong', ...args],
      { cwd: process.cwd(), env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const tmp = mkdtempSync(path.join(tmpdir(), 'sy-notice-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const relative = (p: string) => path.relative(process.cwd(), p);

describe('shuangyong notice parse', () => {
  it('prints the Putuo seed as the JSON shape of the issue', async () => {
    const run = await cli('notice', 'parse', relative(seedPath('000_')), '--json');
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toEqual(toNoticeJson(parseNotice(seedText('000_'))));
    expect(Object.keys(json)).toEqual([
      'docNumber',
      'title',
      'issuers',
      'date',
      'recipients',
      'cc',
      'tasks',
      'requirements',
      'inner',
      'warnings',
    ]);
    expect(json.docNumber).toBe('普府办〔2021〕4号');
    expect(json.date).toBe('2021-01-08');
    expect(json.issuers).toEqual(['上海市普陀区人民政府办公室']);
    expect(json.tasks.map((t: { title: string }) => t.title)).toEqual([
      '大力营造双拥浓厚氛围',
      '主动帮助部队排忧解难',
      '扎实抓好政策待遇落实',
      '深入开展军地共建活动',
    ]);
    expect(Object.keys(json.tasks[0])).toEqual(['no', 'title', 'body']);
    expect(json.inner.issuers).toEqual(['上海市普陀区拥军优属拥政爱民工作领导小组办公室']);
    expect(json.inner.date).toBe('2021-01-05');
    expect(json.warnings).toHaveLength(1);
    expect(Object.keys(json.warnings[0])).toEqual(['code', 'message', 'at']);
    expect(seedText('000_').slice(json.warnings[0].at, json.warnings[0].at + 5)).toBe('实训等工作');
  });

  it('prints the Karamay seed with its traditional titles and the damage flagged', async () => {
    const run = await cli('notice', 'parse', relative(seedPath('004_')), '--json');
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.tasks.map((t: { title: string }) => t.title)).toEqual([
      '大力營造雙擁濃厚氛圍',
      '聚力服務部隊備戰打仗',
      '助力保障改善民生福祉',
      '傾力關心關愛優撫對象',
    ]);
    expect(json.issuers).toEqual(['克拉瑪依市退役軍人事務局', '克拉瑪依軍分區政治工作部']);
    expect(json.docNumber).toBeNull();
    expect(json.date).toBeNull();
    expect(json.inner).toBeNull();
    const text = seedText('004_');
    const garbled = json.warnings.filter((w: { code: string }) => w.code === 'garbled_text');
    expect(garbled.map((w: { at: number }) => text.slice(w.at, w.at + 5))).toEqual(['??死斠朗', '?wèi)']);
  });

  it('prints a readable Chinese summary without --json', async () => {
    const run = await cli('notice', 'parse', relative(seedPath('000_')));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('文号：普府办〔2021〕4号');
    expect(run.stdout).toContain('转发的通知：');
    expect(run.stdout).toContain('工作事项（4 项，取自转发的通知）');
    expect(run.stdout).toContain('1. 大力营造双拥浓厚氛围（建议承办：政府部门、驻区部队）');
    expect(run.stdout).toMatch(/需要核对（1 处）：\n {2}第 \d+ 行第 \d+ 字/);
    const k = await cli('notice', 'parse', relative(seedPath('004_')));
    expect(k.stdout).toContain('文号：（未识别）');
    expect(k.stdout).toContain('总体要求：');
  });

  it('reads a .docx', async () => {
    const zip = new JSZip();
    const paras = seedText('004_')
      .split('\n')
      .map(
        (l) =>
          `<w:p><w:r><w:t xml:space="preserve">${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`,
      )
      .join('');
    zip.file(
      'word/document.xml',
      `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paras}</w:body></w:document>`,
    );
    const file = path.join(tmp, '克拉玛依.docx');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const run = await cli('notice', 'parse', file, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).tasks).toHaveLength(4);
  });

  it('fails with a Chinese message and a non-zero exit', async () => {
    const none = await cli('notice', 'parse', 'no-such-file.txt');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('找不到文件「no-such-file.txt」');
    const doc = path.join(tmp, 'old.doc');
    writeFileSync(doc, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const old = await cli('notice', 'parse', doc);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain('另存为” .docx');
    const bare = await cli('notice', 'parse');
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toContain('缺少参数');
  });
});
