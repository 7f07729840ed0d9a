/**
 * `shuangyong roster CAMPAIGN [--json]`: generates a campaign's roster (慰问名单) as a recorded job, with a
 * progress line, and prints the counts and money by standard. CAMPAIGN is the campaign's number or its exact name.
 */
import type { Command } from 'commander';
import { openContext } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import type { AppContext } from '../server/context.ts';
import * as campaignRepo from '../server/modules/campaigns/campaigns.repo.ts';
import { checkGeneration, generateRoster, type RosterResult } from '../server/modules/campaigns/roster.service.ts';
import { systemActor } from '../server/platform/access.ts';
import { createJob, getJob, runJob } from '../server/platform/jobs.ts';
import { AppError } from '../shared/errors.ts';
import { progressLine } from './progress.ts';

const yuan = (cents: number) =>
  (cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function findCampaign(ctx: AppContext, key: string): Promise<campaignRepo.CampaignRow> {
  if (/^\d+$/.test(key)) {
    const row = await campaignRepo.findCampaign(ctx.db, Number(key), 'all');
    if (row) return row;
  }
  const rows = await ctx.db.selectFrom('campaigns').selectAll().where('name', '=', key).execute();
  if (rows.length === 1) return rows[0]!;
  if (rows.length > 1) {
    throw new AppError(
      'VALIDATION_FAILED',
      `有 ${rows.length} 个名为「${key}」的活动（编号 ${rows.map((r) => r.id).join('、')}），请改用活动编号。`,
    );
  }
  throw new AppError('NOT_FOUND', `找不到活动「${key}」；请用活动编号或完整名称（可在网页“慰问活动”列表中查看）。`);
}

/** Display width on a terminal: CJK characters take two columns. */
const widthOf = (text: string) => [...text].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(width - widthOf(text), 0));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(width - widthOf(text), 0)) + text;

export function rosterSummary(campaign: { name: string }, result: RosterResult): string {
  const nameWidth = Math.max(8, ...result.byStandard.map((s) => widthOf(s.name))) + 2;
  const row = (name: string, people: string, cash: string, goods: string) =>
    `  ${padEnd(name, nameWidth)}${padStart(people, 8)}${padStart(cash, 18)}${padStart(goods, 18)}`;
  const lines = [
    `「${campaign.name}」慰问名单已生成：考虑 ${result.considered} 人，入选 ${result.entries} 条，未入选 ${result.excluded} 人。`,
    '',
    '按慰问标准：',
    row('标准', '人数', '慰问金（元）', '慰问品（元）'),
    ...result.byStandard.map((s) => row(s.name, String(s.people), yuan(s.cashCents), yuan(s.goodsCents))),
    row('合计', String(result.entries), yuan(result.cashCents), yuan(result.goodsCents)),
    '',
    '下一步：在网页“慰问活动”中核对名单并下发街道（镇）确认。',
  ];
  return `${lines.join('\n')}\n`;
}

export function registerRosterCommand(program: Command): void {
  program
    .command('roster')
    .description('生成慰问活动的慰问名单（后台任务，显示进度），并按慰问标准输出人数与金额')
    .helpOption('-h, --help', '显示帮助')
    .argument('<campaign>', '活动编号或完整名称，如 1 或 "2026年春节走访慰问"')
    .option('--json', '以 JSON 输出（considered、entries、excluded、cashCents、goodsCents、byStandard，金额单位为分）')
    .action(async (key: string, opts: { json?: boolean }) => {
      const ctx = await openContext(loadConfig());
      try {
        const campaign = await findCampaign(ctx, key);
        await checkGeneration(ctx.db, campaign);
        const actor = systemActor('命令行');
        const jobId = await createJob(ctx.db, actor, {
          kind: 'campaign.roster',
          params: { campaignId: campaign.id },
          total: 100,
        });
        await ctx.db.updateTable('campaigns').set({ roster_job_id: jobId }).where('id', '=', campaign.id).execute();
        const progress = progressLine('生成慰问名单（%）');
        await runJob(ctx.db, jobId, (reporter) =>
          generateRoster(ctx, actor, campaign.id, (done, total, message) => {
            reporter.progress(done, total, message);
            progress.update(done, total);
          }),
        );
        progress.done();
        const job = await getJob(ctx.db, jobId);
        if (job?.status !== 'succeeded') {
          throw new AppError('INTERNAL', `名单生成失败：${job?.message ?? '未知原因'}`);
        }
        const result = job.result as RosterResult;
        if (opts.json) process.stdout.write(`${JSON.stringify({ campaign: campaign.name, ...result }, null, 2)}\n`);
        else process.stdout.write(rosterSummary(campaign, result));
      } finally {
        await ctx.close();
      }
    });
}
