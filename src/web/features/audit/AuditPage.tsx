import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Table, Tag } from 'antd';
import type { AuditItem } from '../../api/types.ts';
import { formatDateTime } from '../../components/format.ts';
import { FilterBar } from '../../components/ListPage.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { choices, FilterDateRange, FilterSearch, FilterSelect } from '../../components/UrlFilterInputs.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { AuditChanges } from './AuditChanges.tsx';
import { useAuditLog, useVerifyAudit } from './audit.queries.ts';
import { auditActionColors, auditActionLabels, entityTypeLabels, label } from './audit-labels.ts';

const pageSize = 20;
const filterKeys = ['action', 'actor', 'entityType', 'from', 'to'] as const;

/** 审计日志 (auditors): filter, read before/after, and verify the hash chain. */
export function AuditPage() {
  const filters = useUrlFilters(filterKeys);
  const { page } = filters;
  const log = useAuditLog({ ...filters.values, page, pageSize });
  const verify = useVerifyAudit();
  const feedback = useFeedback();
  const isMobile = useIsMobile();

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
      <Card>
        <FilterBar>
          <FilterSelect
            filters={filters}
            name="action"
            placeholder="全部操作"
            label="操作"
            options={choices(auditActionLabels)}
            style={{ width: 180 }}
          />
          <FilterSearch filters={filters} name="actor" placeholder="操作人姓名（模糊匹配）" width={200} />
          <FilterSelect
            filters={filters}
            name="entityType"
            placeholder="全部对象类型"
            label="对象类型"
            search
            options={choices(entityTypeLabels)}
            style={{ width: 180 }}
          />
          <FilterDateRange filters={filters} label="日期" />
          {filters.active() && <Button onClick={filters.clear}>清除筛选</Button>}
        </FilterBar>
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
              onChange: (p) => filters.set({ page: p }),
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
