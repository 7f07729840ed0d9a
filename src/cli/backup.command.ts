import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Command } from 'commander';
import { loadConfig } from '../server/config.ts';
import { AppError } from '../shared/errors.ts';
import { progressLine } from './progress.ts';

const dbFile = 'shuangyong.db';
const keyFile = 'secret.key';

function sqliteOnly(): ReturnType<typeof loadConfig> {
  const config = loadConfig();
  if (config.databaseUrl) {
    throw new AppError(
      'INVALID_STATE',
      'PostgreSQL 部署请使用 pg_dump（或 WAL 归档做时间点恢复）备份，并另行保管 SHUANGYONG_SECRET_KEY；详见 README。',
    );
  }
  return config;
}

/** `shuangyong backup DIR` and `shuangyong restore DIR` for the embedded SQLite database and its key file. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('在线备份内置 SQLite 数据库及密钥文件到指定目录（服务运行中也可执行，得到一致的副本）')
    .helpOption('-h, --help', '显示帮助')
    .argument('<dir>', '备份目录（不存在则创建；已有备份不会被覆盖）')
    .action(async (dir: string) => {
      const config = sqliteOnly();
      const source = path.join(config.dataDir, dbFile);
      if (!existsSync(source)) throw new AppError('NOT_FOUND', `未找到数据库文件 ${source}，请检查 DATA_DIR。`);
      mkdirSync(dir, { recursive: true });
      const target = path.join(dir, dbFile);
      if (existsSync(target)) throw new AppError('CONFLICT', `备份目录中已有 ${dbFile}，请换一个空目录。`);
      const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
      const progress = progressLine('备份数据页');
      try {
        // SQLite's online backup API: a consistent snapshot even while the server keeps writing.
        await db.backup(target, {
          progress: ({ totalPages, remainingPages }) => {
            progress.update(totalPages - remainingPages, totalPages);
            return 200;
          },
        });
      } finally {
        db.close();
      }
      if (existsSync(path.join(config.dataDir, keyFile)))
        copyFileSync(path.join(config.dataDir, keyFile), path.join(dir, keyFile));
      const check = new SqliteDatabase(target, { readonly: true });
      const ok = check.pragma('integrity_check', { simple: true });
      check.close();
      if (ok !== 'ok') throw new AppError('INTERNAL', `备份文件校验失败（${String(ok)}），请重试。`);
      progress.done(`已备份到 ${path.resolve(dir)}（数据库与密钥文件；请妥善保管密钥）。`);
    });

  program
    .command('restore')
    .description('从备份目录恢复内置 SQLite 数据库及密钥文件（请先停止服务；当前数据库会改名保留）')
    .helpOption('-h, --help', '显示帮助')
    .argument('<dir>', '由 shuangyong backup 生成的备份目录')
    .action(async (dir: string) => {
      const config = sqliteOnly();
      const backup = path.join(dir, dbFile);
      if (!existsSync(backup)) throw new AppError('NOT_FOUND', `备份目录中没有 ${dbFile}，请确认目录是否正确。`);
      const check = new SqliteDatabase(backup, { readonly: true });
      const ok = check.pragma('integrity_check', { simple: true });
      check.close();
      if (ok !== 'ok') throw new AppError('VALIDATION_FAILED', `备份文件已损坏（${String(ok)}），未做任何改动。`);
      mkdirSync(config.dataDir, { recursive: true });
      const live = path.join(config.dataDir, dbFile);
      const stamp = new Date().toISOString().replaceAll(':', '-');
      if (existsSync(live)) {
        // Keep the current database aside rather than deleting it: a wrong restore can be undone.
        renameSync(live, `${live}.before-restore-${stamp}`);
        for (const suffix of ['-wal', '-shm']) rmSync(`${live}${suffix}`, { force: true });
      }
      copyFileSync(backup, live);
      if (existsSync(path.join(dir, keyFile))) {
        const liveKey = path.join(config.dataDir, keyFile);
        if (existsSync(liveKey)) renameSync(liveKey, `${liveKey}.before-restore-${stamp}`);
        copyFileSync(path.join(dir, keyFile), liveKey);
      }
      process.stdout.write(`已从 ${path.resolve(dir)} 恢复；原数据库已改名为 ${dbFile}.before-restore-${stamp}。\n`);
    });
}
