import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { AppError } from '../../shared/errors.ts';
import { pg } from '../platform/lazy.ts';
import { closeAttached } from '../platform/notifications.ts';
import type { Engine } from './dialect.ts';
import { migrations } from './migrations/index.ts';
import { withNamedStatements } from './named-statements.ts';
import type { DB } from './schema.ts';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** A human-readable location without credentials, for logs. */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** SQLite file name inside dataDir. */
  filename?: string;
  poolSize?: number;
}

export function openDatabase(opts: DatabaseOptions): Database {
  if (opts.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
      throw new AppError('VALIDATION_FAILED', 'DATABASE_URL 必须以 postgres:// 开头；留空则使用内置 SQLite 数据库。');
    }
    const { Pool, types } = pg();
    // COUNT(*) and other int8 results arrive as strings from pg; every count here fits a JS number.
    types.setTypeParser(20, (v) => Number(v));
    const pool = withNamedStatements(new Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 }));
    // An idle pooled connection can be closed by the server (restart, failover, DROP DATABASE): the pool
    // replaces it on next use. Without a listener, pg would raise it as an uncaught exception.
    pool.on('error', (error: Error & { code?: string }) => {
      if (error.code !== '57P01') process.stderr.write(`PostgreSQL 空闲连接出错：${error.message}\n`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(opts.databaseUrl);
    // Listeners started on first use (platform/notifications.ts) end with the pool.
    const close = async () => {
      await closeAttached(db);
      await db.destroy();
    };
    return { db, engine: 'postgres', location: `${url.host}${url.pathname}`, close };
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, opts.filename ?? 'shuangyong.db');
  const sqlite = new SqliteDatabase(file);
  // WAL for concurrent readers; synchronous=FULL so an acknowledged write survives a power cut.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, engine: 'sqlite', location: file, close: () => db.destroy() };
}

/** Prepared statements kept: the statements of everyday requests, not the one-off bulk ones. */
const statementCacheSize = 500;
/** The longest statement text kept (bulk-insert.ts sizes its statements to fit). */
export const cachedSqlLength = 4000;

/**
 * Kysely prepares every SQLite statement anew; compiling the SQL cost more CPU than running it (a profile of
 * recording visits: ~15 % of the server's time in `prepare`). The same text gets the same prepared statement
 * (SQLite re-prepares it by itself after a schema change); least recently used ones are dropped. Safe on the
 * one connection: Kysely runs one statement at a time, and a streamed query holds the connection to its end.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const hit = cache.get(text);
      if (hit) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const statement = sqlite.prepare(text);
      if (text.length <= cachedSqlLength) {
        cache.set(text, statement);
        if (cache.size > statementCacheSize) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

export async function migrateToLatest(db: Kysely<DB>): Promise<void> {
  const migrator = new Migrator({
    db,
    // Modules developed side by side land in any order; each migration is independent of the others' tables.
    allowUnorderedMigrations: true,
    provider: { getMigrations: async (): Promise<Record<string, Migration>> => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`数据库迁移失败：${failed?.migrationName ?? ''} ${error instanceof Error ? error.message : ''}`);
  }
}
