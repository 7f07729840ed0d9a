import { Col, Row, Table, Typography } from 'antd';
import type { AuditItem } from '../../api/types.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

interface ChangeRow {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

/** An audit record's before/after: changed fields first as a table, then both documents as JSON. */
export function AuditChanges({ item }: { item: AuditItem }) {
  const { before, after } = item;
  const rows: ChangeRow[] = [];
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    for (const field of new Set([...Object.keys(b), ...Object.keys(a)])) {
      const bv = show(b[field]);
      const av = show(a[field]);
      rows.push({ field, before: bv, after: av, changed: bv !== av });
    }
    rows.sort((x, y) => Number(y.changed) - Number(x.changed));
  }
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        记录编号 #{item.id}
        {item.requestId ? ` · 请求编号 ${item.requestId}` : ''}
        {item.entityId ? ` · 对象编号 ${item.entityId}` : ''}
      </Typography.Paragraph>
      {rows.length > 0 && (
        <Table<ChangeRow>
          size="small"
          rowKey="field"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          style={{ marginBottom: 12 }}
          rowClassName={(r) => (r.changed ? 'sy-audit-changed' : '')}
          columns={[
            { title: '字段', dataIndex: 'field', render: (f: string, r) => (r.changed ? <strong>{f}</strong> : f) },
            { title: '变更前', dataIndex: 'before', render: (v: string) => v || '—' },
            { title: '变更后', dataIndex: 'after', render: (v: string) => v || '—' },
          ]}
        />
      )}
      {(before === null || before === undefined) && (after === null || after === undefined) ? (
        <Typography.Text type="secondary">本记录不涉及数据内容的变更。</Typography.Text>
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12}>
            <Typography.Text strong>变更前</Typography.Text>
            <pre className="sy-json">
              {before === null || before === undefined ? '（无）' : JSON.stringify(before, null, 2)}
            </pre>
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text strong>变更后</Typography.Text>
            <pre className="sy-json">
              {after === null || after === undefined ? '（无）' : JSON.stringify(after, null, 2)}
            </pre>
          </Col>
        </Row>
      )}
    </div>
  );
}
