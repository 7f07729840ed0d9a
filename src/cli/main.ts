import { Command, CommanderError } from 'commander';
import { openContext } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import { demoAccountsTable, loadDemo } from '../server/demo/demo.service.ts';
import { verifyAuditChain } from '../server/platform/audit.ts';
import { AppError } from '../shared/errors.ts';
import { registerBackupCommands } from './backup.command.ts';
import { registerLettersCommand } from './letters.command.ts';
import { registerNoticeCommand } from './notice.command.ts';
import { registerPeopleCommands } from './people.command.ts';
import { progressLine } from './progress.ts';
import { registerRosterCommand } from './roster.command.ts';

/**
 * The `shuangyong` command. Every command works on the same database as the server
 * (DATA_DIR or DATABASE_URL), prints Chinese messages and exits non-zero on failure.
 */
const program = new Command()
  .name('shuangyong')
  .description('双拥工作平台命令行工具（使用与服务器相同的数据库：DATA_DIR 或 DATABASE_URL）')
  .helpOption('-h, --help', '显示帮助')
  .helpCommand('help [command]', '显示某个命令的帮助')
  .showHelpAfterError('（使用 --help 查看用法）')
  .configureOutput({ outputError: (str, write) => write(translateCommanderError(str)) });

/** Commander speaks English; users of this tool read Chinese. */
function translateCommanderError(text: string): string {
  return text
    .replace(/^error: unknown command '(.+)'/m, '错误：未知命令「$1」')
    .replace(/^error: unknown option '(.+)'/m, '错误：未知选项「$1」')
    .replace(/^error: missing required argument '(.+)'/m, '错误：缺少参数「$1」')
    .replace(/^error: option '(.+)' argument missing/m, '错误：选项「$1」缺少取值')
    .replace(/^error: too many arguments.*/m, '错误：参数过多')
    .replace(/\(Did you mean (.+)\?\)/, '（是否想输入 $1？）');
}

async function withContext<T>(work: (ctx: Awaited<ReturnType<typeof openContext>>) => Promise<T>): Promise<T> {
  const ctx = await openContext(loadConfig());
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

program
  .command('demo')
  .description('向空数据库载入演示部署（区划、单位、每个角色的演示账号、虚构优抚对象）')
  .helpOption('-h, --help', '显示帮助')
  .option('--deployment <key>', '演示部署：putuo（上海市普陀区）或 karamay（克拉玛依市）', 'putuo')
  .option('--people <n>', '虚构优抚对象人数', '3000')
  .action(async (opts: { deployment: string; people: string }) => {
    if (opts.deployment !== 'putuo' && opts.deployment !== 'karamay') {
      throw new AppError('VALIDATION_FAILED', `未知的演示部署「${opts.deployment}」，可选 putuo 或 karamay。`);
    }
    const people = Number(opts.people);
    if (!Number.isInteger(people) || people < 0 || people > 5_000_000) {
      throw new AppError('VALIDATION_FAILED', '--people 应为 0 到 5000000 之间的整数。');
    }
    await withContext(async (ctx) => {
      const progress = progressLine('生成优抚对象');
      const started = Date.now();
      const accounts = await loadDemo(ctx, {
        deployment: opts.deployment as 'putuo' | 'karamay',
        people,
        onProgress: (done, total) => progress.update(done, total),
      });
      progress.done(
        `已载入演示部署 ${opts.deployment}：${people} 名优抚对象，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。`,
      );
      process.stdout.write(`\n演示账号（仅演示模式有效）：\n${demoAccountsTable(accounts)}\n`);
    });
  });

const audit = program.command('audit').description('审计日志').helpOption('-h, --help', '显示帮助');
audit
  .command('verify')
  .description('校验审计日志哈希链；发现被篡改或缺失的记录时报告第一条并以非零状态退出')
  .helpOption('-h, --help', '显示帮助')
  .action(async () => {
    await withContext(async (ctx) => {
      const verdict = await verifyAuditChain(ctx.db);
      if (verdict.ok) {
        process.stdout.write(`审计日志完整：共校验 ${verdict.checked} 条记录。\n`);
      } else {
        process.stderr.write(
          `审计日志被篡改：第 ${verdict.firstBrokenId} 条记录${verdict.reason}（此前 ${verdict.checked} 条完好）。\n`,
        );
        process.exitCode = 3;
      }
    });
  });

registerNoticeCommand(program);
registerLettersCommand(program);
registerRosterCommand(program);
registerPeopleCommands(program);

registerBackupCommands(program);

program.exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof AppError) {
    process.stderr.write(`错误：${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`错误：${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
