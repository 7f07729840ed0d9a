import { Tag, Tooltip } from 'antd';
import type { NoticeStatus } from '../../../shared/api/notices.api.ts';
import { type AssignmentState, assignmentStateLabels } from '../../../shared/domain/notice/tracking.ts';
import './notices.css';

/** Colours of the states, the same in the matrix, the lists and the xlsx export. */
export const stateStyle: Record<AssignmentState, { color: string; background: string; tag: string }> = {
  pending: { color: '#595959', background: '#f0f0f0', tag: 'default' },
  acknowledged: { color: '#0958d9', background: '#dcebfa', tag: 'blue' },
  overdue: { color: '#cf1322', background: '#f8d0d0', tag: 'red' },
  reported: { color: '#389e0d', background: '#d4edd4', tag: 'green' },
  reportedLate: { color: '#d46b08', background: '#fbe5c0', tag: 'orange' },
};

export const stateHints: Record<AssignmentState, string> = {
  pending: '已分派，承办单位尚未签收',
  acknowledged: '已签收，尚未上报落实情况',
  overdue: '已过截止日期，尚未上报落实情况',
  reported: '已在截止日期前上报落实情况',
  reportedLate: '已上报，但晚于截止日期',
};

export function StateTag({ state, suffix }: { state: AssignmentState; suffix?: string }) {
  return (
    <Tooltip title={stateHints[state]}>
      <Tag color={stateStyle[state].tag} data-state={state}>
        {assignmentStateLabels[state]}
        {suffix ? ` ${suffix}` : ''}
      </Tag>
    </Tooltip>
  );
}

export const statusLabels: Record<NoticeStatus, string> = { draft: '草稿', published: '已下发' };

export function StatusTag({ status }: { status: NoticeStatus }) {
  return <Tag color={status === 'draft' ? 'default' : 'red'}>{statusLabels[status]}</Tag>;
}

/** `2026-02-10` → `02-10` */
export const shortDay = (day: string | null | undefined) => (day ? day.slice(5) : '');

/** The calendar date in China of an ISO instant. */
export function chinaDay(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Today + n days, in China, as YYYY-MM-DD. */
export function dayFromToday(n: number): string {
  return new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
}

/** A unit's name as the viewer may see it: a cleared viewer sees the 番号 with the alias. */
export function unitLabel(u: { unitName: string; unitDesignation: string | null }): string {
  return u.unitDesignation ? `${u.unitDesignation}（${u.unitName}）` : u.unitName;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
