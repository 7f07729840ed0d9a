import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditItem, AuditListQuery } from '../../api/types.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { AuditChanges } from './AuditChanges.tsx';
import { useAuditLog, useVerifyAudit } from './audit.queries.ts';
import { auditActionColors, auditActionLabels, entityTypeLabels, label } from './audit-labels.ts';

interface FilterValues {
  action?: string;
  actor?: string;
  entityType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const pageSize = 20;
const toOptions = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, text]) => ({ value, label: text }));

/** 审计日志 (auditors): filter, read before/after, and verify the hash chain. */
export function AuditPage() {
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<Omit<AuditListQuery, 'page' | 'pageSize'>>({});
  const [page, setPage] = useState(1);
  const log = useAuditLog({ ...filter, page, pageSize });
  const verify = useVerifyAudit();
  const feedback = useFeedback();
  const isMobile = useIsMobile();

  const applyFilter = (values: FilterValues) => {
    const [from, to] = values.range ?? [];
    setFilter({
      action: values.action || undefined,
      actor: values.actor?.trim() || undefined,
      entityType: values.entityType || undefined,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
    });
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title="审计日志"
        subTitle="登录、每一次修改（前后内容）、导出和查看敏感信息的记录。记录只增不改，逐条以哈希链相连，篡改可被发现。"
        extra={
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate(undefined, { onError: feedback.error })}
            data-testid="audit-verify"
          >
            校验哈希链
          </Button>
        }
      />
      {verify.data && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          closable={{ onClose: () => verify.reset() }}
          data-testid="audit-verify-result"
          type={verify.data.ok ? 'success' : 'error'}
          title={
            verify.data.ok
              ? `哈希链完整：已校验 ${verify.data.checked} 条记录，未发现篡改。`
              : `哈希链断裂：从第 #${verify.data.firstBrokenId ?? '?'} 条记录起校验不通过（已校验 ${verify.data.checked} 条）。`
          }
          description={
            verify.data.ok
              ? undefined
              : `${verify.data.reason ? `原因：${verify.data.reason}。` : ''}审计记录可能已被篡改。请勿修改数据库，立即报告系统管理员和信息安全负责人，并保留服务器与备份现场。`
          }
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Form<FilterValues> form={form} layout="vertical" onFinish={applyFilter}>
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="action" label="操作">
                <Select allowClear placeholder="全部操作" options={toOptions(auditActionLabels)} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="actor" label="操作人">
                <Input allowClear placeholder="姓名（模糊匹配）" maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="entityType" label="对象类型">
                <Select
                  allowClear
                  placeholder="全部类型"
                  options={toOptions(entityTypeLabels)}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={9}>
              <Form.Item name="range" label="日期">
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            查询
          </Button>
          <Button
            style={{ marginInlineStart: 8 }}
            onClick={() => {
              form.resetFields();
              applyFilter({});
            }}
          >
            重置
          </Button>
        </Form>
      </Card>
      <Card>
        {log.isError ? (
          <QueryError error={log.error} onRetry={() => log.refetch()} />
        ) : (
          <Table<AuditItem>
            rowKey="id"
            size={isMobile ? 'small' : 'middle'}
            loading={log.isPending || log.isPlaceholderData}
            dataSource={log.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: (item) => <AuditChanges item={item} /> }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的审计记录" /> }}
            pagination={{
              current: page,
              pageSize,
              total: log.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (n) => `共 ${n} 条`,
              onChange: setPage,
            }}
            columns={[
              { title: '时间', dataIndex: 'at', render: (v: string) => formatDateTime(v) },
              { title: '操作人', dataIndex: 'actorName', render: (v: string | null) => v ?? '—' },
              {
                title: '操作',
                dataIndex: 'action',
                render: (v: string) => (
                  <Tag color={auditActionColors[v] ?? 'default'}>{label(auditActionLabels, v)}</Tag>
                ),
              },
              { title: '对象', dataIndex: 'entityType', render: (v: string | null) => label(entityTypeLabels, v) },
              { title: '对象编号', dataIndex: 'entityId', render: (v: string | null) => v ?? '—' },
              { title: '摘要', dataIndex: 'summary', render: (v: string | null) => v ?? '—' },
              { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
      </Card>
    </>
  );
}
