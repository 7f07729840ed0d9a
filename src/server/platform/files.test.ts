import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/errors.ts';
import { contentDisposition, readStoredFile, safeFileName, sniffFileType, storeFile } from './files.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sy-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const jpg = Buffer.from('ffd8ffe000104a464946', 'hex');
const pdf = Buffer.from('%PDF-1.7\n%%EOF');

describe('stored files', () => {
  it('sniffs JPG, PNG and PDF from their bytes, nothing else', () => {
    expect(sniffFileType(png)).toBe('image/png');
    expect(sniffFileType(jpg)).toBe('image/jpeg');
    expect(sniffFileType(pdf)).toBe('application/pdf');
    expect(sniffFileType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffFileType(Buffer.from('<html>'))).toBeNull();
  });

  it('stores content-addressed, once, and reads back the same bytes', async () => {
    const a = await storeFile(dir, pdf);
    const b = await storeFile(dir, Buffer.from(pdf));
    expect(a).toEqual(b);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(path.join(dir, 'files', a.sha256.slice(0, 2)))).toEqual([a.sha256]);
    expect((await readStoredFile(dir, a.sha256)).equals(pdf)).toBe(true);
  });

  it('refuses empty, oversized and unknown files, and types not allowed here', async () => {
    const code = async (p: Promise<unknown>) => ((await p.catch((e: AppError) => e)) as AppError).code;
    expect(await code(storeFile(dir, Buffer.alloc(0)))).toBe('VALIDATION_FAILED');
    expect(await code(storeFile(dir, Buffer.concat([pdf, Buffer.alloc(100)]), { maxBytes: 50 }))).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect(await code(storeFile(dir, Buffer.from('hello')))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await code(storeFile(dir, pdf, { allowed: ['image/png', 'image/jpeg'] }))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await code(readStoredFile(dir, '../../etc/passwd'))).toBe('NOT_FOUND');
  });

  it('makes names safe and true to the content', () => {
    expect(safeFileName('../../营区照片.png', 'image/png')).toBe('营区照片.png');
    expect(safeFileName('报告.exe', 'application/pdf')).toBe('报告.exe.pdf');
    expect(safeFileName('photo.JPEG', 'image/jpeg')).toBe('photo.jpg');
    expect(safeFileName('', 'image/png')).toBe('附件.png');
    expect(contentDisposition('会议纪要.pdf', false)).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('会议纪要.pdf')}`,
    );
  });
});
