import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { AppError } from '../../shared/errors.ts';
import { contentDisposition, readStoredFile, safeFileName, sniffFileType, storedFilePath, storeFile } from './files.ts';

let dir: TestContext;
beforeAll(async () => {
  dir = await createTestContext();
});
afterAll(() => dir.close());

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

  it('stores content-addressed in the database, once, and reads back the same bytes', async () => {
    const [a, b] = await Promise.all([storeFile(dir, pdf), storeFile(dir, Buffer.from(pdf))]);
    expect(a).toEqual(b);
    expect(a.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    const rows = await dir.db.selectFrom('files').select(['sha256', 'mime', 'size']).execute();
    expect(rows).toEqual([{ sha256: a.sha256, mime: 'application/pdf', size: pdf.length }]);
    expect((await readStoredFile(dir, a.sha256)).equals(pdf)).toBe(true);
  });

  it('is read by another node that shares only the database, not the disk', async () => {
    const stored = await storeFile(dir, png);
    const otherNode = { db: dir.db, config: { dataDir: path.join(dir.config.dataDir, 'elsewhere') } };
    expect((await readStoredFile(otherNode, stored.sha256)).equals(png)).toBe(true);
  });

  it('still reads a file an earlier version kept under DATA_DIR/files', async () => {
    const old = Buffer.concat([jpg, Buffer.from('old-version')]);
    const sha = createHash('sha256').update(old).digest('hex');
    const file = storedFilePath(dir.config.dataDir, sha);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, old);
    expect((await readStoredFile(dir, sha)).equals(old)).toBe(true);
    const missing = createHash('sha256').update('never stored').digest('hex');
    expect(((await readStoredFile(dir, missing).catch((e: AppError) => e)) as AppError).code).toBe('NOT_FOUND');
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
    expect(await dir.db.selectFrom('files').select('sha256').where('size', '>', 50).execute()).toEqual([]);
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
