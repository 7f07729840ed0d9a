/**
 * 创建台账: a year's evidence for the 双拥模范城（县） evaluation, item by item, gathered from records already kept
 * (meetings, notices and campaign summaries, campaign funding, honours, troop requests, activities, pairings),
 * each with its figures and the list of source records linking back to them. Every source is read through its
 * module's service, so the viewer's capability and scope apply; an item whose records the role may not read is
 * returned as unavailable rather than failing the whole ledger.
 */
import type { LedgerItem, LedgerItemKey, LedgerRecord, LedgerResponse } from '../../../shared/api/briefings.api.ts';
import { meetingKindLabels, meetingKinds } from '../../../shared/api/troops.api.ts';
import { formatMoney, formatPercent } from '../../../shared/domain/briefings/summary-text.ts';
import { requestStatusLabels } from '../../../shared/domain/troops/request-flow.ts';
import { type Capability, can, roleLabels } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import { watermarkLine } from '../../platform/excel.ts';
import { activitySummary } from '../army-people/activity-stats.service.ts';
import { listActivities } from '../army-people/activity-views.service.ts';
import { listPairings } from '../army-people/pairings.service.ts';
import { listCampaigns } from '../campaigns/campaigns.service.ts';
import { honourRecordsBetween } from '../honours/plaques.service.ts';
import { listNotices } from '../notices/notices.service.ts';
import { listRegions } from '../regions/regions.service.ts';
import { getMeeting, listMeetings } from '../troops/meetings.service.ts';
import { listRequests } from '../troops/troops.service.ts';
import { progress } from '../visits/progress.service.ts';
import { ledgerWorkbook } from './ledger.xlsx.ts';
import { allPages, within } from './sources.ts';
import * as summaryRepo from './summary.repo.ts';

interface Item {
  title: string;
  basis: string;
  needs: Capability[];
  build: (
    ctx: AppContext,
    actor: Actor,
    from: string,
    to: string,
  ) => Promise<Omit<LedgerItem, 'key' | 'title' | 'basis' | 'available'>>;
}

const figure = (label: string, value: string | number) => ({ label, value: String(value) });

const items: Record<LedgerItemKey, Item> = {
  meetings: {
    title: '领导小组会议、联席会议与军地座谈',
    basis: '定期召开双拥工作领导小组会议、军地联席会议，研究解决双拥工作重大问题，有会议纪要',
    needs: ['troops.read'],
    async build(ctx, actor, from, to) {
      const list = await allPages((page, pageSize) => listMeetings(ctx, actor, { from, to, page, pageSize }));
      const details = await Promise.all(list.map((m) => getMeeting(ctx, actor, m.id)));
      const withMinutes = details.filter((d) => (d.minutes ?? '').trim() !== '' || d.attachments.length > 0);
      return {
        figures: [
          ...meetingKinds.map((k) => figure(meetingKindLabels[k], list.filter((m) => m.kind === k).length)),
          figure('有会议纪要', `${withMinutes.length} / ${list.length}`),
          figure(
            '议定事项',
            details.reduce((n, d) => n + d.decisions.length, 0),
          ),
        ],
        records: details.map((d) => ({
          kind: meetingKindLabels[d.kind],
          title: d.title,
          date: d.heldOn,
          note: withMinutes.includes(d) ? `有纪要；议定事项 ${d.decisions.length} 项` : '无会议纪要',
          link: `/troops/meetings/${d.id}`,
        })),
      };
    },
  },
  plans: {
    title: '年度计划与工作总结',
    basis: '有年度双拥工作计划（通知部署）和总结，任务分解到单位',
    needs: ['notices.read', 'campaign.read'],
    async build(ctx, actor, from, to) {
      const notices = (await allPages((page, pageSize) => listNotices(ctx, actor, { page, pageSize }))).filter((n) =>
        within(n.date ?? n.publishedAt ?? n.createdAt, from, to),
      );
      const campaigns = (await listCampaigns(ctx, actor)).filter((c) => c.year === Number(from.slice(0, 4)));
      const summaries = await summaryRepo.summariesOf(
        ctx.db,
        campaigns.map((c) => c.id),
      );
      const names = new Map(campaigns.map((c) => [c.id, c.name]));
      const records: LedgerRecord[] = [
        ...notices.map((n) => ({
          kind: '通知',
          title: n.docNumber ? `${n.title}（${n.docNumber}）` : n.title,
          date: n.date ?? n.publishedAt?.slice(0, 10) ?? null,
          note: `${n.status === 'published' ? '已发布' : '草稿'}；任务 ${n.taskCount} 项`,
          link: `/notices/${n.id}`,
        })),
        ...summaries.map((s) => ({
          kind: '工作总结',
          title: s.title,
          date: s.saved_at.slice(0, 10),
          note: `${names.get(s.campaign_id) ?? ''}；${s.saved_by_name ?? ''}保存`,
          link: `/campaigns/${s.campaign_id}?tab=summary`,
        })),
      ];
      return {
        figures: [
          figure('通知（计划部署）', notices.length),
          figure(
            '分解任务',
            notices.reduce((n, x) => n + x.taskCount, 0),
          ),
          figure('活动工作总结', summaries.length),
        ],
        records,
      };
    },
  },
  funding: {
    title: '慰问经费与预算执行',
    basis: '落实优抚对象走访慰问经费，按标准足额发放',
    needs: ['campaign.read'],
    async build(ctx, actor, from) {
      const campaigns = (await listCampaigns(ctx, actor)).filter((c) => c.year === Number(from.slice(0, 4)));
      const rows = await Promise.all(
        campaigns.map(async (c) => ({ c, p: (await progress(ctx, actor, c.id)).overall })),
      );
      const budget = rows.reduce((n, r) => n + r.c.budgetCents, 0);
      const spent = rows.reduce((n, r) => n + r.p.deliveredCashCents + r.p.deliveredGoodsCents, 0);
      return {
        figures: [
          figure('慰问活动', rows.length),
          figure(
            '慰问人数',
            rows.reduce((n, r) => n + r.p.delivered, 0),
          ),
          figure('预算', formatMoney(budget)),
          figure('实际发放（金+物）', formatMoney(spent)),
          figure('执行率', formatPercent(spent, budget)),
        ],
        records: rows.map(({ c, p }) => ({
          kind: '慰问活动',
          title: c.name,
          date: c.windowStart,
          note: `预算 ${formatMoney(c.budgetCents)}；发放慰问金 ${formatMoney(p.deliveredCashCents)}、慰问品 ${formatMoney(p.deliveredGoodsCents)}；走访 ${p.delivered}/${p.planned} 人`,
          link: `/campaigns/${c.id}`,
        })),
      };
    },
  },
  honours: {
    title: '光荣牌悬挂与立功喜报送达',
    basis: '为军人军属、退役军人家庭悬挂光荣牌，立功喜报及时送达',
    needs: ['registry.read'],
    async build(ctx, actor, from, to) {
      const { plaques, merits } = await honourRecordsBetween(ctx, actor, { from, to });
      return {
        figures: [figure('本年悬挂光荣牌（户）', plaques.length), figure('本年送达立功喜报', merits.length)],
        records: [
          ...plaques.map((p) => ({
            kind: '光荣牌',
            title: p.name,
            date: p.hung_on,
            note: p.region_name,
            link: '/honours/plaques',
          })),
          ...merits.map((m) => ({
            kind: '立功喜报',
            title: `${m.serviceman_name}（${m.family_name}家）`,
            date: m.delivered_on,
            note: m.ceremony ?? null,
            link: '/honours/merits',
          })),
        ],
      };
    },
  },
  requests: {
    title: '部队诉求受理与办结',
    basis: '建立军地需求对接机制，部队诉求按时办结、官兵满意',
    needs: ['troops.read'],
    async build(ctx, actor, from, to) {
      const list = (await allPages((page, pageSize) => listRequests(ctx, actor, { page, pageSize }))).filter((r) =>
        within(r.createdAt, from, to),
      );
      const solved = list.filter((r) => r.status === 'resolved' || r.status === 'rated');
      return {
        figures: [
          figure('受理诉求', list.length),
          figure('已办结', solved.length),
          figure('办结率', formatPercent(solved.length, list.length)),
        ],
        records: list.map((r) => ({
          kind: r.kindName,
          title: r.title,
          date: r.createdAt.slice(0, 10),
          note: requestStatusLabels[r.status],
          link: `/troops/requests/${r.id}`,
        })),
      };
    },
  },
  activities: {
    title: '双拥活动',
    basis: '经常开展军民共建、走访慰问、文化拥军等双拥活动',
    needs: ['activities.read'],
    async build(ctx, actor, from, to) {
      const [list, summary] = await Promise.all([
        allPages((page, pageSize) => listActivities(ctx, actor, { from, to, page, pageSize })),
        activitySummary(ctx, actor, { from, to }),
      ]);
      return {
        figures: [
          figure('活动次数', summary.count),
          figure('参与人次', summary.participants),
          figure('经费', formatMoney(summary.spendCents)),
        ],
        records: list.map((a) => ({
          kind: a.typeName,
          title: a.title,
          date: a.heldOn,
          note: `${a.place ?? ''}${a.place ? '；' : ''}${a.participantCount} 人`,
          link: `/army-people/activities/${a.id}`,
        })),
      };
    },
  },
  pairings: {
    title: '军民结对帮扶',
    basis: '驻地部队与困难群众结对帮扶，常态开展',
    needs: ['activities.read'],
    async build(ctx, actor, from, to) {
      const [all, summary] = await Promise.all([
        allPages((page, pageSize) => listPairings(ctx, actor, { page, pageSize })),
        activitySummary(ctx, actor, { from, to }),
      ]);
      const list = all.filter((p) => p.startedOn <= to && (p.endedOn === null || p.endedOn >= from));
      return {
        figures: [
          figure('本年在帮结对', list.length),
          figure('其中本年新结对', list.filter((p) => within(p.startedOn, from, to)).length),
          figure('本年帮扶走访', summary.pairingContacts.count),
        ],
        records: list.map((p) => ({
          kind: p.categoryName,
          title: `${p.militaryUnit.name} — ${p.beneficiaryName}`,
          date: p.startedOn,
          note: p.endedOn ? `${p.endedOn} 结束` : '在帮',
          link: `/army-people/pairings/${p.id}`,
        })),
      };
    },
  },
};

export async function ledger(ctx: AppContext, actor: Actor, year: number): Promise<LedgerResponse> {
  requireCapability(actor, 'dashboard.read');
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const out: LedgerItem[] = [];
  // One item at a time: each reads whole lists, and the server keeps serving others meanwhile.
  for (const [key, item] of Object.entries(items) as [LedgerItemKey, Item][]) {
    const head = { key, title: item.title, basis: item.basis };
    if (!item.needs.every((c) => can(actor.role, c))) {
      out.push({ ...head, available: false, figures: [], records: [] });
      continue;
    }
    out.push({ ...head, available: true, ...(await item.build(ctx, actor, from, to)) });
  }
  const regions = can(actor.role, 'regions.read') ? await listRegions(ctx, actor) : [];
  const region = regions.find((r) => r.id === actor.regionId);
  return { year, regionName: region?.name ?? '全部辖区', items: out };
}

/** The year's ledger as xlsx; the export is audited (with what it held) before the file is handed out. */
export async function exportLedger(ctx: AppContext, actor: Actor, year: number) {
  const data = await ledger(ctx, actor, year);
  const bytes = await ledgerWorkbook(
    data,
    watermarkLine(`${actor.displayName}（${roleLabels[actor.role]}）`, new Date()),
  );
  await ctx.db.transaction().execute(async (trx) => {
    await appendAudit(trx, actor, {
      action: 'export',
      entityType: 'ledger',
      entityId: year,
      summary: `导出${year}年创建台账（xlsx）`,
      after: { year, items: data.items.map((i) => ({ key: i.key, records: i.records.length })) },
    });
  });
  return { bytes, filename: `${data.regionName}${year}年创建台账.xlsx` };
}
