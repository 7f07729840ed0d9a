/**
 * `shuangyong notice parse FILE [--json]`: reads a notice (.txt in UTF-8/GBK, or .docx; `-` for standard
 * input) and prints its structure — with --json exactly the shape of issue 6, otherwise a Chinese summary.
 * Works without a database.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { decodeText, readNoticeFile } from '../server/modules/notices/notice-text.ts';
import { assigneeKindLabels } from '../shared/api/notices.api.ts';
import { type ParsedNotice, parseNotice, toNoticeJson } from '../shared/domain/notice/index.ts';
import { AppError } from '../shared/errors.ts';

async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
    const decoded = decodeText(Buffer.concat(chunks));
    if (decoded === null)
      throw new AppError('VALIDATION_FAILED', '无法识别标准输入的文字编码，请以 UTF-8 或 GBK 输入。');
    return decoded.text;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('NOT_FOUND', `找不到文件「${file}」，请检查路径后重试。`);
    if (code === 'EISDIR')
      throw new AppError('VALIDATION_FAILED', `「${file}」是目录，请指定一个 .txt 或 .docx 文件。`);
    if (code === 'EACCES') throw new AppError('FORBIDDEN', `没有读取「${file}」的权限。`);
    throw error;
  }
  return (await readNoticeFile(file, bytes)).text;
}

/** 1-based line and column of a UTF-16 offset. */
function position(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

export function noticeSummary(n: ParsedNotice, text: string): string {
  const out: string[] = [];
  const none = '（未识别）';
  const layer = (x: ParsedNotice, indent: string) => {
    out.push(`${indent}文号：${x.docNumber ?? none}`);
    out.push(`${indent}标题：${x.title ?? none}`);
    out.push(`${indent}发文机关：${x.issuers.length ? x.issuers.join('；') : none}`);
    out.push(`${indent}成文日期：${x.date ?? none}`);
    if (x.recipients.length || !indent)
      out.push(`${indent}主送：${x.recipients.length ? x.recipients.join('；') : none}`);
    if (x.cc.length) out.push(`${indent}抄送：${x.cc.join('；')}`);
    if (x.attachments.length) out.push(`${indent}附件：${x.attachments.join('；')}`);
  };
  layer(n, '');
  if (n.inner) {
    out.push('', '转发的通知：');
    layer(n.inner, '  ');
  }
  out.push('', `工作事项（${n.tasks.length} 项${n.tasksSource === 'inner' ? '，取自转发的通知' : ''}）：`);
  for (const t of n.tasks) {
    const kinds = t.suggestedAssignees.map((k) => assigneeKindLabels[k]).join('、');
    out.push(`  ${t.no}. ${t.title}${kinds ? `（建议承办：${kinds}）` : ''}`);
    if (t.body) out.push(`     ${clip(t.body.replace(/\n/g, ' '), 70)}`);
  }
  if (n.tasks.length === 0) out.push('  （未找到编号的工作事项）');
  if (n.requirements.length) {
    out.push('', '总体要求：');
    for (const r of n.requirements) out.push(`  ${clip(r, 80)}`);
  }
  out.push('', n.warnings.length ? `需要核对（${n.warnings.length} 处）：` : '没有需要核对的地方。');
  for (const w of n.warnings) {
    const p = position(text, w.at);
    out.push(`  第 ${p.line} 行第 ${p.column} 字（偏移 ${w.at}）：${w.message}`);
  }
  return `${out.join('\n')}\n`;
}

export function registerNoticeCommand(program: Command): void {
  const notice = program.command('notice').description('通知与任务').helpOption('-h, --help', '显示帮助');
  notice
    .command('parse')
    .description(
      '解析通知文件（.txt 或 .docx；“-”读标准输入），输出文号、标题、发文机关、日期、主送、抄送、工作事项和需核对之处',
    )
    .helpOption('-h, --help', '显示帮助')
    .argument('<file>', '通知文件路径')
    .option(
      '--json',
      '以 JSON 输出（docNumber、title、issuers、date、recipients、cc、tasks、requirements、inner、warnings）',
    )
    .action(async (file: string, opts: { json?: boolean }) => {
      const text = await readInput(file);
      const parsed = parseNotice(text);
      if (opts.json) process.stdout.write(`${JSON.stringify(toNoticeJson(parsed), null, 2)}\n`);
      else process.stdout.write(noticeSummary(parsed, text));
    });
}
