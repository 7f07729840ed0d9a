/**
 * PostgreSQL's COPY FROM STDIN in text format: rows as tab-separated lines (copy-lines.ts), streamed over the
 * connection without a statement per batch, parameters or per-row parsing of SQL.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import type { DB } from '../db/schema.ts';
import { pgCopyStreams } from '../platform/lazy.ts';
import type { BulkTable } from './bulk-rows.ts';

/** `COPY table (columns) FROM STDIN`, fed by `produce` on the connection of the caller's transaction. */
export async function copyInto<T extends keyof DB>(
  client: pg.ClientBase,
  table: BulkTable<T>,
  produce: (write: (text: string) => Promise<void>) => Promise<void>,
): Promise<void> {
  const columns = table.columns.map((c) => `"${c}"`).join(', ');
  const stream = client.query(pgCopyStreams().from(`COPY "${table.name}" (${columns}) FROM STDIN`));
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
