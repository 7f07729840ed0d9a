import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openContext } from '../src/server/bootstrap.ts';
import { type AppConfig, loadConfig } from '../src/server/config.ts';
import type { AppContext } from '../src/server/context.ts';
import type { Engine } from '../src/server/db/dialect.ts';

/** One line of bench/results.json. */
export interface BenchResult {
  name: string;
  engine: Engine;
  value: number;
  unit: string;
  /** The same work done by the bare library or SQL in the same run (null where none applies). */
  baseline: number | null;
  /** value / baseline for times, baseline-relative throughput for rates; null without a baseline. */
  ratio: number | null;
  target: string;
  met: boolean;
}

export interface BenchOptions {
  engine: Engine;
  /** 1 for the full size, 0.1 for --quick. */
  scale: number;
  postgresUrl: string;
}

export interface Benchmark {
  name: string;
  run(options: BenchOptions): Promise<BenchResult[]>;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export type BenchContext = AppContext & { close(): Promise<void>; dataDir: string };

/** A fresh database for one benchmark: a temporary SQLite file, or a new PostgreSQL database. */
export async function benchContext(options: BenchOptions): Promise<BenchContext> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sy-bench-'));
  const config: AppConfig = { ...loadConfig({}), dataDir, secretKey: randomBytes(32).toString('hex'), demo: false };
  if (options.engine === 'sqlite') {
    const ctx = await openContext({ ...config, databaseUrl: undefined });
    return {
      ...ctx,
      dataDir,
      close: async () => {
        await ctx.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `sy_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: options.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(options.postgresUrl);
  url.pathname = `/${name}`;
  const ctx = await openContext({ ...config, databaseUrl: url.toString() });
  return {
    ...ctx,
    dataDir,
    close: async () => {
      await ctx.close();
      const dropper = new pg.Client({ connectionString: options.postgresUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
