import { Button, Space } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { MatchItem } from '../../../shared/api/registry-import.api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCan } from '../auth/auth.queries.ts';
import { ComparisonMatches } from './ComparisonMatches.tsx';
import { ComparisonList, UploadCard } from './ComparisonSummary.tsx';
import { ConfirmModal, DismissModal } from './MatchDecisions.tsx';

/** 比对: other departments' lists matched against the registry; matches reviewed one by one. */
export function ComparisonPage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const comparisonId = params.get('comparison') ? Number(params.get('comparison')) : undefined;
  const review = params.get('review') ?? 'pending';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [confirming, setConfirming] = useState<MatchItem | null>(null);
  const [dismissing, setDismissing] = useState<MatchItem | null>(null);
  const set = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const writer = can('registry.write');

  const actions = (m: MatchItem) =>
    writer && m.review === 'pending' ? (
      <Space>
        <Button size="small" type="primary" onClick={() => setConfirming(m)}>
          确认
        </Button>
        <Button size="small" onClick={() => setDismissing(m)}>
          排除
        </Button>
      </Space>
    ) : null;

  return (
    <>
      <PageHeader
        title="数据比对"
        subTitle="与公安、民政、医保等部门的名单比对，发现已故、户籍迁出、服刑等情况；逐条核实后更新登记信息，并注明来源。"
      />
      {writer && <UploadCard />}
      <ComparisonList comparisonId={comparisonId} onPick={(id) => set('comparison', id)} />
      <ComparisonMatches comparisonId={comparisonId} review={review} page={page} set={set} actions={actions} />
      {confirming && <ConfirmModal match={confirming} onClose={() => setConfirming(null)} />}
      {dismissing && <DismissModal match={dismissing} onClose={() => setDismissing(null)} />}
    </>
  );
}
