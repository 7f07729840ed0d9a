/** Spreadsheets in (excel-read.ts) and out (excel-write.ts), for callers that use both. */
export * from './excel-read.ts';
export * from './excel-write.ts';
