import type { Kysely } from 'kysely';
import type { AppConfig } from './config.ts';
import type { Engine } from './db/dialect.ts';
import type { DB } from './db/schema.ts';
import type { FieldCipher } from './platform/crypto.ts';

/** What every module needs from the platform; built once by the composition root (app.ts) or the CLI. */
export interface AppContext {
  db: Kysely<DB>;
  engine: Engine;
  cipher: FieldCipher;
  config: AppConfig;
}
