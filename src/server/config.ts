import path from 'node:path';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… selects PostgreSQL; otherwise the embedded SQLite file `${dataDir}/shuangyong.db`. */
  databaseUrl: string | undefined;
  /** 32-byte master key (hex or base64) for field encryption and keyed hashes; else `${dataDir}/secret.key`. */
  secretKey: string | undefined;
  /** Demo mode loads a demo deployment into an empty database and allows the documented demo passwords. */
  demo: boolean;
  demoDeployment: 'putuo' | 'karamay';
  cookieSecure: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    secretKey: env.SHUANGYONG_SECRET_KEY || undefined,
    demo: env.SHUANGYONG_DEMO !== '0' && env.NODE_ENV !== 'production',
    demoDeployment: env.SHUANGYONG_DEMO_DEPLOYMENT === 'karamay' ? 'karamay' : 'putuo',
    cookieSecure: env.COOKIE_SECURE === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
