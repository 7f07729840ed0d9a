/**
 * PostgreSQL's COPY FROM STDIN in text format: rows as tab-separated lines, streamed over the connection without
 * a statement per batch, parameters or per-row parsing of SQL. The worker thread turns its generated rows into
 * lines (rowTails); the writer puts the ids it assigns in front and streams them (copyInto).
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DB } from '../db/schema.ts';
import type { BulkTable } from './bulk-insert.ts';

const special = /[\\\t\n\r]/;
const specialAll = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: \N for null, the four characters that delimit rows and fields escaped. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return special.test(text) ? text.replace(specialAll, (c) => escapes[c]!) : text;
}

/**
 * The rows of `values` (flat, row-major, as appendRow writes them) as COPY lines without their first `skip`
 * columns — the ids the writer fills in: each tail starts with the tab that follows them and ends the line.
 */
export function rowTails<T extends keyof DB>(table: BulkTable<T>, values: readonly unknown[], skip: number): string[] {
  const width = table.columns.length;
  const tails: string[] = [];
  for (let at = 0; at < values.length; at += width) {
    let line = '';
    for (let c = skip; c < width; c++) line += `\t${copyValue(values[at + c])}`;
    tails.push(`${line}\n`);
  }
  return tails;
}

/** `COPY table (columns) FROM STDIN`, fed by `produce` on the connection of the caller's transaction. */
export async function copyInto<T extends keyof DB>(
  client: pg.ClientBase,
  table: BulkTable<T>,
  produce: (write: (text: string) => Promise<void>) => Promise<void>,
): Promise<void> {
  const columns = table.columns.map((c) => `"${c}"`).join(', ');
  const stream = client.query(copyFrom(`COPY "${table.name}" (${columns}) FROM STDIN`));
  // An error of the server (a constraint, a bad value) arrives on the stream, possibly while `produce` waits for
  // its next rows: kept here (an 'error' without a listener would end the process) and raised at the next write.
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure ??= error;
  });
  const write = async (text: string) => {
    if (failure) throw failure;
    if (text.length > 0 && !stream.write(text)) await once(stream, 'drain');
  };
  try {
    await produce(write);
  } catch (error) {
    // CopyFail: the server ends the COPY with an error, and the transaction rolls back.
    if (!failure) stream.destroy(error as Error);
    await finished(stream).catch(() => {});
    throw error;
  }
  stream.end();
  await finished(stream);
}
