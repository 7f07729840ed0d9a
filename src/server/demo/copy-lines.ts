/**
 * The demo people as lines of PostgreSQL's COPY text format (tab-separated, one row a line), made in the worker
 * threads: the writer (people-copy.ts) streams them with copyInto (copy-text.ts). Kept apart from the writer, so
 * the workers load no database driver.
 */
import type { DB } from '../db/schema.ts';
import type { BulkTable } from './bulk-rows.ts';
import { householdTable, type PeopleBatch, personTable, qualificationTable } from './people-generator.ts';

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

/** A batch of people as COPY text, one string per table, ids included. */
export interface CopyBatch {
  count: number;
  households: string;
  persons: string;
  qualifications: string;
}

/** The next ids to give, sent by the writer before the first batch and carried on from batch to batch. */
export interface CopyIds {
  person: number;
  household: number;
  /** The household of the last person, which the next one may join (the first person always starts one). */
  current?: number;
}

/**
 * In the worker: the COPY text of a generated batch, with the ids (drawn by the writer once for the whole load,
 * see copyPeople). The id columns come first in each table (see people-generator.ts): households' id, persons'
 * id and household_id, qualifications' person_id.
 */
export function toCopyBatch(batch: PeopleBatch, ids: CopyIds): CopyBatch {
  const households = rowTails(householdTable, batch.households, 1);
  const persons = rowTails(personTable, batch.persons, 2);
  const qualifications = rowTails(qualificationTable, batch.qualifications, 1);
  const text = { count: batch.count, households: '', persons: '', qualifications: '' };
  let nextHousehold = 0;
  for (let i = 0; i < batch.count; i++) {
    if (batch.newHousehold[i]) {
      ids.current = ids.household++;
      text.households += `${ids.current}${households[nextHousehold++]}`;
    }
    text.persons += `${ids.person}\t${ids.current}${persons[i]}`;
    text.qualifications += `${ids.person}${qualifications[i]}`;
    ids.person++;
  }
  return text;
}

/** The ids of a batch drawn but built by another worker: the next ones continue after them. */
export function advanceCopyIds(batch: PeopleBatch, ids: CopyIds): void {
  for (let i = 0; i < batch.count; i++) if (batch.newHousehold[i]) ids.current = ids.household++;
  ids.person += batch.count;
}
