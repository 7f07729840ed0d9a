/**
 * `shuangyong letters CAMPAIGN --out FILE.pdf [--street CODE] [--per household] [--date YYYY-MM-DD]`: prints a
 * campaign's 慰问信 into one PDF, with a progress line. CAMPAIGN is the campaign's number or exact name, CODE a
 * street's 统计用区划代码. Characters that no font has are listed (they print as 〓); the export is audited.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { openContext } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import { renderLetters, resolveCliArguments } from '../server/modules/campaign-documents/campaign-documents.service.ts';
import { systemActor } from '../server/platform/access.ts';
import { isIsoDate } from '../shared/domain/campaign/dates.ts';
import { AppError } from '../shared/errors.ts';
import { progressLine } from './progress.ts';

interface LettersOptions {
  out: string;
  street?: string;
  per: string;
  date?: string;
}

export function registerLettersCommand(program: Command): void {
  program
    .command('letters')
    .description('把慰问活动的慰问信套打成一个 PDF（A4 公文版式，嵌入中文字体），显示进度')
    .helpOption('-h, --help', '显示帮助')
    .argument('<campaign>', '活动编号或完整名称，如 1 或 "2026年春节走访慰问"')
    .requiredOption('--out <file>', '输出的 PDF 文件，如 慰问信.pdf')
    .option('--street <code>', '只打印一个街道（镇），用统计用区划代码，如 310107015000')
    .option('--per <mode>', 'entry：每个名单条目一封；household：每户一封', 'entry')
    .option('--date <date>', '落款日期（YYYY-MM-DD），默认为活动开始日（小年）')
    .action(async (campaign: string, opts: LettersOptions) => {
      if (opts.per !== 'entry' && opts.per !== 'household') {
        throw new AppError('VALIDATION_FAILED', '--per 只能是 entry（每个名单条目一封）或 household（每户一封）。');
      }
      if (opts.date !== undefined && !isIsoDate(opts.date)) {
        throw new AppError('VALIDATION_FAILED', `--date「${opts.date}」不是有效日期，请写成 2026-02-10 这样的格式。`);
      }
      if (!opts.out.toLowerCase().endsWith('.pdf')) {
        throw new AppError('VALIDATION_FAILED', `--out「${opts.out}」应为 .pdf 文件。`);
      }
      const ctx = await openContext(loadConfig());
      try {
        const { campaignId, streetId } = await resolveCliArguments(ctx, campaign, opts.street);
        const progress = progressLine('生成慰问信');
        const started = Date.now();
        const doc = await renderLetters(
          ctx,
          systemActor('命令行'),
          campaignId,
          { streetId, per: opts.per, date: opts.date },
          (done, total) => progress.update(done, total),
        );
        progress.done();
        try {
          await writeFile(opts.out, doc.bytes);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const reason = code === 'ENOENT' ? '目录不存在' : code === 'EACCES' ? '没有写入权限' : '无法写入';
          throw new AppError('VALIDATION_FAILED', `${reason}：${path.resolve(opts.out)}`);
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const kb = (doc.bytes.length / 1024).toFixed(0);
        process.stdout.write(
          `已生成 ${doc.count} 封慰问信，共 ${doc.pages} 页（${kb} KB，用时 ${seconds} 秒）：${path.resolve(opts.out)}\n`,
        );
        if (doc.unprintable.length > 0) {
          process.stderr.write(`注意：以下 ${doc.unprintable.length} 个字现有字体无法打印，已印为“〓”，请手工补写：\n`);
          for (const u of doc.unprintable) {
            process.stderr.write(`  ${u.char}（${u.codePoint}）${u.count} 处，如：${u.samples.join('；')}\n`);
          }
        }
      } finally {
        await ctx.close();
      }
    });
}
