import { createRequire } from 'node:module';
import type * as Docx from 'docx';
import type JSZip from 'jszip';
import type PDFDocument from 'pdfkit';
import type * as Pg from 'pg';
import type * as PgCopyStreams from 'pg-copy-streams';

const require = createRequire(import.meta.url);

/**
 * A package loaded on its first use instead of at start. For the packages that only file work needs (PDF, Word,
 * xlsx, zip): most requests never touch them, and loaded at start they held some 20 MB in every idle node; and
 * for PostgreSQL's driver, which a node on the built-in SQLite never needs. Loaded
 * synchronously (their CommonJS build), so call sites stay as they were; the first use pays the load once (tens to
 * a few hundred ms). `prepare` runs just before the load (exceljs's mending, platform/exceljs.ts).
 */
export function onFirstUse<T>(name: string, prepare?: () => void): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      prepare?.();
      loaded = require(name) as T;
    }
    return loaded;
  };
}

/** pdfkit's document class (platform/pdf.ts). */
export const pdfkit = onFirstUse<typeof PDFDocument>('pdfkit');
/** docx, for the summary's Word file. */
export const docx = onFirstUse<typeof Docx>('docx');
/** jszip, for reading uploaded xlsx and docx files. */
export const jszip = onFirstUse<typeof JSZip>('jszip');
/** PostgreSQL's driver (db/database.ts, the demo's COPY writer). */
export const pg = onFirstUse<typeof Pg>('pg');
/** COPY FROM STDIN over a pg connection (the demo loader). */
export const pgCopyStreams = onFirstUse<typeof PgCopyStreams>('pg-copy-streams');
