/**
 * exceljs, mended: the one place the product loads it (lint forbids importing 'exceljs' anywhere else), on first
 * use (`excelJs()`), not at start: most requests never write a spreadsheet.
 *
 * exceljs 4.4 decodes every chunk of a sheet's XML on its own, so a Chinese character whose UTF-8 bytes fall
 * across a chunk boundary (every 16–64 KB of a large roster) is read as U+FFFD: a name silently corrupted.
 * Its XML reader is replaced, before exceljs first loads, by the same reader with a streaming decoder.
 */
import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';
import { onFirstUse } from './lazy.ts';

const require = createRequire(import.meta.url);

interface SaxEvent {
  eventType: 'opentag' | 'text' | 'closetag';
  value: unknown;
}
interface SaxesParserLike {
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'opentag' | 'text' | 'closetag', listener: (value: unknown) => void): void;
  write(text: string): void;
}

/** exceljs's parse-sax, with one TextDecoder in streaming mode for the whole part. */
async function* parseSax(iterable: AsyncIterable<Uint8Array | string>): AsyncGenerator<SaxEvent[]> {
  // saxes comes with exceljs; resolved from there so the two stay in step.
  const { SaxesParser } = require(require.resolve('saxes', { paths: [require.resolve('exceljs')] })) as {
    SaxesParser: new () => SaxesParserLike;
  };
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on('error', (e) => {
    error = e;
  });
  for (const eventType of ['opentag', 'text', 'closetag'] as const) {
    parser.on(eventType, (value) => events.push({ eventType, value }));
  }
  const source = iterable as AsyncIterable<Uint8Array | string> & { pipe?: unknown };
  for await (const chunk of source) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) parser.write(rest);
  if (error) throw error;
  yield events;
}

const mended = Symbol.for('shuangyong.exceljs.parseSax');

function mendParseSax(): void {
  const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
  const cached = require.cache[parseSaxPath];
  if (cached && !(cached.exports as Record<symbol, boolean>)[mended]) {
    // Once exceljs has loaded, its modules hold the original reader: too late to mend.
    throw new Error('exceljs was loaded before platform/exceljs.ts; load it only through excelJs()');
  }
  if (!cached) {
    Object.assign(parseSax, { [mended]: true });
    const patched = new (require('node:module') as { Module: new (id: string) => NodeJS.Module }).Module(parseSaxPath);
    patched.filename = parseSaxPath;
    patched.loaded = true;
    patched.exports = parseSax;
    require.cache[parseSaxPath] = patched;
  }
}

/** The exceljs module, loaded and mended on the first call. */
export const excelJs = onFirstUse<typeof ExcelJSModule>('exceljs', mendParseSax);
/** Its types, as `ExcelTypes.Worksheet`, `ExcelTypes.CellValue` … */
export type * as ExcelTypes from 'exceljs';
