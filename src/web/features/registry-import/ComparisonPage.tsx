import { Button, Space } from 'antd';
import { useState } from 'react';
import type { MatchItem } from '../../../shared/api/registry-import.api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useCan } from '../auth/auth.queries.ts';
import { ComparisonMatches } from './ComparisonMatches.tsx';
import { ComparisonList, UploadCard } from './ComparisonSummary.tsx';
import { ConfirmModal, DismissModal } from './MatchDecisions.tsx';

/** 比对: other departments' lists matched against the registry; matches reviewed one by one. */
export function ComparisonPage() {
  const can = useCan();
  const filters = useUrlFilters(['comparison', 'review']);
  const [confirming, setConfirming] = useState<MatchItem | null>(null);
  const [dismissing, setDismissing] = useState<MatchItem | null>(null);
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
      <ComparisonList comparisonId={filters.id('comparison')} onPick={(id) => filters.set({ comparison: id })} />
      <ComparisonMatches filters={filters} actions={actions} />
      {confirming && <ConfirmModal match={confirming} onClose={() => setConfirming(null)} />}
      {dismissing && <DismissModal match={dismissing} onClose={() => setDismissing(null)} />}
    </>
  );
}
