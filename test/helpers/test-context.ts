import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openContext } from '../../src/server/bootstrap.ts';
import { type AppConfig, loadConfig } from '../../src/server/config.ts';
import type { AppContext } from '../../src/server/context.ts';

export type TestContext = AppContext & { close(): Promise<void> };

export const testEngine = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A fresh, migrated database for one test file: an SQLite file in a temporary folder, or a new
 * PostgreSQL database on the server named by TEST_POSTGRES_URL. Dropped again by `close()`.
 */
export async function createTestContext(overrides: Partial<AppConfig> = {}): Promise<TestContext> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sy-test-'));
  const base: AppConfig = {
    ...loadConfig({}),
    dataDir,
    secretKey: randomBytes(32).toString('hex'),
    demo: false,
    ...overrides,
  };
  if (testEngine === 'sqlite') {
    const ctx = await openContext({ ...base, databaseUrl: undefined });
    return {
      ...ctx,
      close: async () => {
        await ctx.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const { url, drop } = await createPostgresDatabase();
  const ctx = await openContext({ ...base, databaseUrl: url });
  return {
    ...ctx,
    close: async () => {
      await ctx.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new, empty PostgreSQL database on the server named by TEST_POSTGRES_URL; `drop()` removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('TEST_ENGINE=postgres needs TEST_POSTGRES_URL');
  const name = `sy_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
