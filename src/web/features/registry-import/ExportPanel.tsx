import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { QueryParams } from '../../api/client.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { useCan } from '../auth/auth.queries.ts';
import { RegionSelect } from '../org/RegionSelect.tsx';
import { useDictionary } from '../registry/registry.queries.ts';
import { downloadFile } from './registry-import.queries.ts';

/** The list filters the export understands (the same as the registry list's). */
const exportFilterKeys = [
  'q',
  'category',
  'regionId',
  'regionBasis',
  'livingSituation',
  'status',
  'hukouLocal',
] as const;

function exportUrl(filters: QueryParams, full: boolean): string {
  const params = new URLSearchParams();
  for (const key of exportFilterKeys) {
    const v = filters[key];
    if (v !== undefined && v !== null && v !== '') params.set(key, String(v));
  }
  if (full) params.set('full', 'true');
  const qs = params.toString();
  return `/api/registry/export${qs ? `?${qs}` : ''}`;
}

/**
 * 导出 xlsx of a registry list with its current filters (drop it beside any list, e.g. 对象名册). Numbers are
 * masked; the file carries a watermark of who exported it and when, and the export is audited.
 */
export function ExportButton({
  filters,
  full = false,
  label = '导出 Excel',
}: {
  filters: QueryParams;
  full?: boolean;
  label?: string;
}) {
  const can = useCan();
  const feedback = useFeedback();
  const [busy, setBusy] = useState(false);
  if (!can('registry.export')) return null;
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        downloadFile(exportUrl(filters, full), '优抚对象名单.xlsx')
          .catch((e) => feedback.error(e))
          .finally(() => setBusy(false));
      }}
    >
      {label}
    </Button>
  );
}

/** The export tab: choose what to export, masked by default. */
export function ExportPanel() {
  const can = useCan();
  const dictionary = useDictionary();
  const [filters, setFilters] = useState<QueryParams>({ status: 'alive' });
  const [full, setFull] = useState(false);
  const set = (key: string, value: string | number | null | undefined) =>
    setFilters((f) => ({ ...f, [key]: value ?? undefined }));

  if (!can('registry.export')) {
    return <Alert type="info" showIcon title="您的角色没有导出名单的权限；如工作需要，请联系管理员。" />;
  }
  return (
    <Card>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          导出您辖区内的优抚对象名单（.xlsx）。身份证号和电话默认脱敏；文件首行注明导出人和导出时间，每次导出都记入审计日志。
          导出的表格可直接修改后重新导入。
        </Typography.Paragraph>
        <Row gutter={[12, 12]}>
          <Col xs={24} md={8}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder="全部优抚类别"
              aria-label="优抚类别"
              value={(filters.category as string | undefined) ?? undefined}
              onChange={(v) => set('category', v)}
              options={(dictionary.data?.categories ?? []).map((c) => ({ value: c.code, label: c.name }))}
            />
          </Col>
          <Col xs={24} md={8}>
            <RegionSelect
              placeholder="全部街道 / 社区"
              value={(filters.regionId as number | undefined) ?? null}
              onChange={(v) => set('regionId', v)}
            />
          </Col>
          <Col xs={24} md={8}>
            <Select
              style={{ width: '100%' }}
              aria-label="在世状态"
              value={(filters.status as string | undefined) ?? 'alive'}
              onChange={(v) => set('status', v)}
              options={[
                { value: 'alive', label: '在世' },
                { value: 'deceased', label: '已故' },
                { value: 'all', label: '全部（含已故）' },
              ]}
            />
          </Col>
        </Row>
        {can('registry.viewFullId') && (
          <Checkbox checked={full} onChange={(e) => setFull(e.target.checked)}>
            导出完整身份证号和电话（用于报送发放等确需完整号码的工作，导出将记入审计日志，请妥善保管文件）
          </Checkbox>
        )}
        <ExportButton filters={filters} full={full} label="导出名单" />
      </Space>
    </Card>
  );
}
