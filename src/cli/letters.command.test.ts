import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfInfo, pdfText } from '../../test/helpers/pdf.ts';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { seedPrintableCampaign } from '../server/modules/campaign-documents/documents.fixture.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/shuangyong.js');
const out = mkdtempSync(path.join(tmpdir(), 'sy-letters-'));

let ctx: TestContext;
let campaignId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ campaignId } = await seedPrintableCampaign(ctx));
});
afterAll(async () => {
  await ctx.close();
});

function cli(...args: string[]) {
  const env = {
    ...process.env,
    DATA_DIR: ctx.config.dataDir,
    DATABASE_URL: ctx.config.databaseUrl ?? '',
    SHUANGYONG_SECRET_KEY: ctx.config.secretKey ?? '',
  };
  return run(process.execPath, [bin, ...args], { env, timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('shuangyong letters', () => {
  it('writes every letter of the campaign into one PDF, shows progress and lists unprintable characters', async () => {
    const file = path.join(out, 'all.pdf');
    const res = await cli('letters', String(campaignId), '--out', file);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/已生成 5 封慰问信，共 5 页/);
    expect(res.stderr).toContain('生成慰问信 5/5 (100%)');
    expect(res.stderr).toContain('U+31350');
    const bytes = readFileSync(file);
    expect(pdfInfo(bytes)).toEqual({ pages: 5, pageSize: '595.28 x 841.89 pts (A4)' });
    expect(pdfText(bytes)).toContain('尊敬的李𡒄同志');
  });

  it('prints one street by its code, by campaign name and per household', async () => {
    const file = path.join(out, 'street.pdf');
    const res = await cli(
      'letters',
      '2026年春节走访慰问',
      '--out',
      file,
      '--street',
      '310107001000',
      '--per',
      'household',
    );
    expect(res.code, res.stderr).toBe(0);
    const text = pdfText(readFileSync(file));
    expect(text).toContain('尊敬的张三、张妻同志');
    expect(text).not.toContain('赵');
    expect(pdfInfo(readFileSync(file)).pages).toBe(3);
  });

  it('fails with a Chinese message and a non-zero exit', async () => {
    const missing = await cli('letters', '99999', '--out', path.join(out, 'x.pdf'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/错误：/);
    const street = await cli('letters', String(campaignId), '--out', path.join(out, 'y.pdf'), '--street', '999');
    expect(street.code).toBe(2);
    expect(street.stderr).toContain('找不到区划代码为「999」的街道（镇）');
    const noOut = await cli('letters', String(campaignId));
    expect(noOut.code).not.toBe(0);
    const badDir = await cli('letters', String(campaignId), '--out', '/nonexistent/dir/z.pdf');
    expect(badDir.code).toBe(2);
    expect(badDir.stderr).toContain('目录不存在');
    expect(existsSync(path.join(out, 'x.pdf'))).toBe(false);
  });
});
