/**
 * `shuangyong import people FILE.xlsx [--dry-run] [--json]` and `shuangyong export people --out FILE.xlsx`:
 * the registry's roster import (the same validation and all-or-nothing commit as the web wizard) and export
 * (masked, watermarked). They act as the system (all regions) and are recorded in the audit log.
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { openContext } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import type { AppContext } from '../server/context.ts';
import { exportPeople } from '../server/modules/registry/registry-export.service.ts';
import { importRosterFile } from '../server/modules/registry/registry-import.service.ts';
import { type Actor, systemActor } from '../server/platform/access.ts';
import { exportQuery } from '../shared/api/registry-import.api.ts';
import { AppError } from '../shared/errors.ts';
import { progressLine } from './progress.ts';

async function withContext<T>(work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openContext(loadConfig());
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('NOT_FOUND', `找不到文件「${file}」，请检查路径后重试。`);
    if (code === 'EISDIR')
      throw new AppError('VALIDATION_FAILED', `「${file}」是目录，请指定一个 .xlsx 或 .csv 文件。`);
    if (code === 'EACCES') throw new AppError('FORBIDDEN', `没有读取「${file}」的权限。`);
    throw error;
  }
}

export interface ImportCommandOptions {
  dryRun?: boolean;
  json?: boolean;
}

/** Exit status: 0 when every data row was accepted, 4 when some were refused (the others are imported). */
export async function importPeopleCommand(
  ctx: AppContext,
  file: string,
  options: ImportCommandOptions,
  out: { write(text: string): unknown } = process.stdout,
  actor: Actor = systemActor('命令行导入'),
): Promise<number> {
  const bytes = await readInput(file);
  const name = file.split(/[\\/]/).pop() ?? file;
  const progress = progressLine('校验名单');
  const lines: { saving?: ReturnType<typeof progressLine> } = {};
  let shown = -1;
  const { analysis, outcome: committed } = await importRosterFile(ctx, actor, bytes, name, {
    dryRun: options.dryRun === true,
    validating: (done, total) => {
      if (total === 0 || done === shown) return;
      shown = done;
      progress.update(done, total);
    },
    committing: (done, total) => {
      if (!lines.saving) {
        progress.done();
        lines.saving = progressLine('导入人员');
      }
      lines.saving.update(done, total);
    },
  });
  if (lines.saving) lines.saving.done();
  else progress.done();
  if (options.json) {
    out.write(`${JSON.stringify(analysis.report)}\n`);
  } else {
    const c = analysis.counts;
    const header = analysis.headerRows.join('、');
    const lines = [
      `名单：${name}（工作表「${analysis.sheetName}」，表头在第 ${header} 行）`,
      `数据 ${c.rows} 行：可导入 ${c.accepted} 行（新增 ${c.create} 人，更新 ${c.merge} 人，无变化 ${c.unchanged} 人），` +
        `有错误 ${c.refused} 行，非人员行 ${c.skipped} 行${c.skipped ? `（第 ${analysis.report.skipped.join('、')} 行）` : ''}`,
    ];
    if (analysis.report.refused.length > 0) {
      lines.push('', '未导入的行（请按说明修改表格后重新导入）：');
      for (const r of analysis.report.refused) lines.push(`  第 ${r.row} 行  ${r.column}：${r.message}（${r.code}）`);
    }
    lines.push('');
    if (options.dryRun) lines.push('试运行：没有写入任何数据。去掉 --dry-run 即可导入。');
    else if (committed) lines.push(`已导入：新增 ${committed.created} 人，更新 ${committed.updated} 人。`);
    else lines.push('没有需要写入的数据。');
    out.write(`${lines.join('\n')}\n`);
  }
  return analysis.counts.refused > 0 ? 4 : 0;
}

export async function exportPeopleCommand(
  ctx: AppContext,
  options: { out: string; full?: boolean; category?: string; regionId?: string; status?: string },
  actor: Actor = systemActor('命令行导出'),
): Promise<number> {
  const parsed = exportQuery.safeParse({
    full: options.full ? 'true' : 'false',
    ...(options.category ? { category: options.category } : {}),
    ...(options.regionId ? { regionId: options.regionId } : {}),
    ...(options.status ? { status: options.status } : {}),
  });
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `筛选条件有误：${parsed.error.issues.map((i) => i.message).join('；')}`);
  }
  const stream = createWriteStream(options.out, { mode: 0o600 });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new AppError(
          'VALIDATION_FAILED',
          `无法写入「${options.out}」（${error.code ?? error.message}），请检查路径和权限。`,
        ),
      ),
    );
  });
  await opened;
  return exportPeople(ctx, actor, parsed.data, stream);
}

export function registerPeopleCommands(program: Command): void {
  const importCmd = program.command('import').description('导入数据').helpOption('-h, --help', '显示帮助');
  importCmd
    .command('people <file>')
    .description(
      '导入优抚对象名册（.xlsx 或 .csv）：先逐行校验，再把校验通过的行一次性写入（全部成功或全部不写）。' +
        '有错误的行不导入，退出状态为 4；全部通过为 0。',
    )
    .helpOption('-h, --help', '显示帮助')
    .option('--dry-run', '只校验、输出报告，不写入数据')
    .option('--json', '以 JSON 输出报告：{"rows","accepted","refused":[{"row","column","code","message"}],"skipped"}')
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const status = await withContext((ctx) => importPeopleCommand(ctx, file, opts));
      if (status !== 0) process.exitCode = status;
    });

  const exportCmd = program.command('export').description('导出数据').helpOption('-h, --help', '显示帮助');
  exportCmd
    .command('people')
    .description('导出优抚对象名单为 .xlsx（默认身份证号和电话脱敏，带导出水印，记入审计日志）')
    .helpOption('-h, --help', '显示帮助')
    .requiredOption('--out <file>', '输出文件，如 名单.xlsx')
    .option('--full', '导出完整身份证号和电话（注意保密）')
    .option('--category <name>', '只导出某一优抚类别，如 残疾军人')
    .option('--region-id <id>', '只导出某一区划（街道或社区的编号）')
    .option('--status <status>', 'alive（在世，默认）、deceased（已故）或 all（全部）')
    .action(async (opts: { out: string; full?: boolean; category?: string; regionId?: string; status?: string }) => {
      const started = Date.now();
      const count = await withContext((ctx) => exportPeopleCommand(ctx, opts));
      process.stdout.write(
        `已导出 ${count} 人到 ${opts.out}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒${opts.full ? '（含完整身份证号和电话，请妥善保管）' : '（已脱敏）'}。\n`,
      );
    });
}
