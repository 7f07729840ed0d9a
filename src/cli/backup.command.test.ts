import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'sy-backup-'));
let dataDir = path.join(work, 'data');
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(root, 'bin/shuangyong.js'), ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    encoding: 'utf8',
  });
const count = (file: string) => {
  const db = new SqliteDatabase(file, { readonly: true });
  const n = (db.prepare('select count(*) n from persons').get() as { n: number }).n;
  db.close();
  return n;
};

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('backup and restore (SQLite)', () => {
  it('copies the database and key consistently and brings them back', () => {
    dataDir = path.join(work, 'data-restore');
    execFileSync(process.execPath, [path.join(root, 'bin/shuangyong.js'), 'demo', '--people', '50'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    const backupDir = path.join(work, 'backup');
    const backup = cli(['backup', backupDir]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(existsSync(path.join(backupDir, 'secret.key'))).toBe(true);
    expect(count(path.join(backupDir, 'shuangyong.db'))).toBe(50);

    // Lose the live data, then restore it.
    rmSync(dataDir, { recursive: true, force: true });
    const restore = cli(['restore', backupDir]);
    expect(restore.status, restore.stderr).toBe(0);
    expect(count(path.join(dataDir, 'shuangyong.db'))).toBe(50);
    const verify = cli(['audit', 'verify']);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('审计日志完整');
  });

  it('refuses to overwrite a backup and explains PostgreSQL backups', () => {
    dataDir = path.join(work, 'data-refuse');
    const occupied = path.join(work, 'occupied');
    mkdirSync(occupied, { recursive: true });
    writeFileSync(path.join(occupied, 'shuangyong.db'), 'an older backup');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'shuangyong.db'), '');
    const again = cli(['backup', occupied]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('已有');
    const pg = cli(['backup', path.join(work, 'x')], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(pg.status).not.toBe(0);
    expect(pg.stderr).toContain('pg_dump');
  });
});
