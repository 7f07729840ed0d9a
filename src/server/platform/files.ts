import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, QueryCreator, Selectable } from 'kysely';
import { AppError } from '../../shared/errors.ts';
import { prepared } from '../db/prepared.ts';
import type { DB, FileTable } from '../db/schema.ts';
import type { ZodApp } from '../http/types.ts';
import { nowIso } from './clock.ts';

/**
 * The one store of bytes in the database: uploads (attachments, photos, signatures) and generated documents,
 * content-addressed in the `files` table. Every app node of a deployment reads what any other node stored, a
 * backup of the database carries them, the same bytes are kept once, and the tables (or job results) that use a
 * file keep only its hash with their own name, owner and scope. Types are decided by sniffing the bytes, never
 * by the name or the declared type. A generated document is kept until `expires_at` and then purged, unless the
 * same bytes are also kept for good. Files written by earlier versions under `DATA_DIR/files/ab/abcdef…` are
 * still read from there.
 */

export const storedFileTypes = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type StoredFileType = (typeof storedFileTypes)[number];

/** Default size limit of one upload. */
export const maxFileBytes = 10 * 1024 * 1024;

const extensions: Record<StoredFileType, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'application/pdf': '.pdf',
};

const typeLabels: Record<StoredFileType, string> = {
  'image/jpeg': 'JPG 图片',
  'image/png': 'PNG 图片',
  'application/pdf': 'PDF 文件',
};

/** What the bytes are, from their signature; null for anything else. */
export function sniffFileType(bytes: Uint8Array): StoredFileType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (bytes.length >= 3 && starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.length >= 8 && starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes.length >= 5 && starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

/** What the `files` row of bytes of no known type says. */
export const unknownFileType = 'application/octet-stream';

export interface StoredFile<T extends string = StoredFileType> {
  sha256: string;
  size: number;
  mime: T;
}

/** How long the bytes are kept: for good (the default), or until a time after which they may be purged. */
export interface FileKeeping {
  expiresAt?: string | undefined;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

/** Where files live: the database, and the data folder of earlier versions (an AppContext fits). */
export interface FileStore {
  db: Kysely<DB>;
  config: { dataDir: string };
}

/** Where an earlier version kept the file on this node's disk. */
export function storedFilePath(dataDir: string, sha256: string): string {
  if (!sha256Pattern.test(sha256)) throw new AppError('NOT_FOUND');
  return path.join(dataDir, 'files', sha256.slice(0, 2), sha256);
}

function checkSize(bytes: Buffer, maxBytes: number): void {
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '文件是空的，请重新选择文件后上传。');
  if (bytes.length > maxBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `文件超过 ${Math.floor(maxBytes / 1024 / 1024)} MB，请压缩或拆分后重新上传。`,
    );
  }
}

/** A file's row as it is written: hashed, typed and with its keeping, before any statement runs. */
export type FileRow = Selectable<FileTable>;

function fileRow<T extends string>(bytes: Buffer, mime: T, keeping: FileKeeping): FileRow & { mime: T } {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    sha256,
    mime,
    size: bytes.length,
    content: bytes,
    created_at: nowIso(),
    expires_at: keeping.expiresAt ?? null,
  };
}

/**
 * Writes rows of bytes not stored yet; rows of the same bytes stored before are left as they are. Also a part of
 * a statement that stores a record with its files (a recorded visit's signature: visits.repo.ts).
 */
export function insertFiles(db: QueryCreator<DB>, rows: readonly FileRow[]) {
  return db
    .insertInto('files')
    .values(rows)
    .onConflict((oc) => oc.column('sha256').doNothing());
}

/**
 * Bytes stored before with an expiry are kept for good from now on; rows without one are not touched. An upsert
 * would lock the row even when it changes nothing, so every visit carrying the same bytes would wait for the
 * one before it to commit.
 */
export function keepFilesForGood(db: QueryCreator<DB>, sha256s: readonly string[]) {
  return db
    .updateTable('files')
    .set({ expires_at: null })
    .where('sha256', 'in', sha256s)
    .where('expires_at', 'is not', null);
}

const insertFile = prepared((db, $: FileRow) => insertFiles(db, [$]));
const keepFileForGood = prepared((db, $: { sha256: string }) => keepFilesForGood(db, [$.sha256]));

/**
 * Writes the row once. Committed before the caller records the hash (or in the caller's transaction), so a
 * record never points at missing bytes; concurrent stores of the same bytes (two nodes) agree on the one row.
 * Kept for good wins over an expiry, and the later of two expiries wins.
 */
export async function putFile(db: Kysely<DB>, row: FileRow): Promise<void> {
  if ((await insertFile.affected(db, row)) > 0) return;
  if (row.expires_at === null) {
    await keepFileForGood.affected(db, { sha256: row.sha256 });
    return;
  }
  await db
    .updateTable('files')
    .set({ expires_at: row.expires_at })
    .where('sha256', '=', row.sha256)
    .where('expires_at', '<', row.expires_at)
    .execute();
}

/** The row of bytes of an allowed type and size, checked (nothing written yet): what `storeFile` stores. */
export function checkedFile(
  bytes: Buffer,
  options: { maxBytes?: number; allowed?: readonly StoredFileType[] } & FileKeeping = {},
): FileRow & { mime: StoredFileType } {
  const allowed = options.allowed ?? storedFileTypes;
  checkSize(bytes, options.maxBytes ?? maxFileBytes);
  const mime = sniffFileType(bytes);
  if (!mime || !allowed.includes(mime)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `只能上传${allowed.map((t) => typeLabels[t]).join('、')}，请转换格式后重新上传。`,
    );
  }
  return fileRow(bytes, mime, options);
}

async function stored<T extends string>(db: Kysely<DB>, row: FileRow & { mime: T }): Promise<StoredFile<T>> {
  await putFile(db, row);
  return { sha256: row.sha256, size: row.size, mime: row.mime };
}

/** Checks and stores the bytes; returns their hash and type. Storing the same bytes twice is harmless. */
export async function storeFile(
  store: FileStore,
  bytes: Buffer,
  options: { maxBytes?: number; allowed?: readonly StoredFileType[] } & FileKeeping = {},
): Promise<StoredFile> {
  return await stored(store.db, checkedFile(bytes, options));
}

/**
 * Stores bytes of any type (office documents attached to notices and reports): only their size is checked;
 * the row's type is what the bytes are when that is known, else `application/octet-stream`.
 */
export async function storeAnyFile(
  store: FileStore,
  bytes: Buffer,
  options: { maxBytes?: number } & FileKeeping = {},
): Promise<StoredFile<string>> {
  checkSize(bytes, options.maxBytes ?? maxFileBytes);
  return stored(store.db, fileRow(bytes, sniffFileType(bytes) ?? unknownFileType, options));
}

/** Drops the bytes whose expiry has passed (never those kept for good); returns how many. */
export async function purgeExpiredFiles(db: Kysely<DB>, now: string): Promise<number> {
  const result = await db
    .deleteFrom('files')
    .where('expires_at', 'is not', null)
    .where('expires_at', '<', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function readStoredFile(store: FileStore, sha256: string): Promise<Buffer> {
  if (!sha256Pattern.test(sha256)) throw new AppError('NOT_FOUND');
  const row = await store.db.selectFrom('files').select('content').where('sha256', '=', sha256).executeTakeFirst();
  if (row) return Buffer.from(row.content);
  try {
    return await readFile(storedFilePath(store.config.dataDir, sha256));
  } catch {
    throw new AppError('NOT_FOUND', '文件已不在服务器上，请联系管理员从备份恢复。');
  }
}

/**
 * A file name fit to store and to send back: no folders, no control characters, at most 100 characters,
 * and ending with the extension of what the bytes really are.
 */
export function safeFileName(name: string | undefined | null, mime: StoredFileType): string {
  const ext = extensions[mime];
  let base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim();
  if (base.toLowerCase().endsWith(ext) || (mime === 'image/jpeg' && base.toLowerCase().endsWith('.jpeg'))) {
    base = base.slice(0, base.lastIndexOf('.'));
  }
  if (!base) base = '附件';
  return `${base.slice(0, 100)}${ext}`;
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string, inline: boolean): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Registers routes that take a raw `application/octet-stream` body (one file per request, the name in the
 * query string) in their own encapsulated context: the parser and the larger body limit apply to these
 * routes only, and every other route keeps the JSON-only 1 MB default.
 */
export function withFileUploads(app: ZodApp, routes: (uploads: ZodApp) => void, maxBytes = maxFileBytes): void {
  app.register(async (child) => {
    child.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: maxBytes },
      (_req, body, done) => done(null, body),
    );
    routes(child as unknown as ZodApp);
  });
}
