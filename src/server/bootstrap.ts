import type { AppConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import { seedCategories } from './modules/registry/categories.seed.ts';
import { createFieldCipher, loadMasterKey } from './platform/crypto.ts';

/** Opens the database, brings its schema up to date and loads the keys: what the server and CLI share. */
export async function openContext(config: AppConfig): Promise<AppContext & { close(): Promise<void> }> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    await seedCategories(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const cipher = createFieldCipher(loadMasterKey(config.secretKey, config.dataDir));
  return { db: database.db, engine: database.engine, cipher, config, close: database.close };
}
