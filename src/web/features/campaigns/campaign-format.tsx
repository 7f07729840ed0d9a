import { Tag } from 'antd';
import type { CampaignStatus } from '../../../shared/domain/campaign/campaign-window.ts';
import { campaignStatusLabels } from '../../../shared/domain/campaign/campaign-window.ts';

/** 1234.5 元 from 123450 分. */
export function yuan(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  return (cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
}

export function yuanText(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '—' : `${yuan(cents)} 元`;
}

/** Yuan typed in a form → integer 分. */
export function toCents(value: number | null | undefined): number {
  return Math.round((value ?? 0) * 100);
}

const statusColors: Record<CampaignStatus, string> = {
  draft: 'default',
  roster_generated: 'blue',
  in_review: 'orange',
  locked: 'purple',
  in_progress: 'green',
  closed: 'default',
};

export function StatusTag({ status }: { status: CampaignStatus }) {
  return <Tag color={statusColors[status]}>{campaignStatusLabels[status]}</Tag>;
}

export function rate(done: number, of: number): string {
  return of > 0 ? `${((done / of) * 100).toFixed(1)}%` : '—';
}
