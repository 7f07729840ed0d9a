import type { Migration } from 'kysely';
import * as foundation from './2026-11-25-0001-foundation.ts';
import * as notices from './2026-11-25-0030-notices.ts';
import * as troops from './2026-11-25-0040-troops.ts';

/** Every migration, keyed by its dated file name; Kysely runs them in name order. */
export const migrations: Record<string, Migration> = {
  '2026-11-25-0001-foundation': foundation,
  '2026-11-25-0030-notices': notices,
  '2026-11-25-0040-troops': troops,
};
