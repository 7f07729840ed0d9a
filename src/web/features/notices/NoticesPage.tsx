import { ImportOutlined } from '@ant-design/icons';
import { Button, Progress, Space, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { NoticeListItem, NoticeStatus } from '../../../shared/api/notices.api.ts';
import { formatDateTime } from '../../components/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { PagedTable, pageSize } from '../../components/PagedTable.tsx';
import { FilterSearch, FilterSelect } from '../../components/UrlFilterInputs.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useCan } from '../auth/auth.queries.ts';
import { StatusTag } from './notice-ui.tsx';
import { useNoticeList } from './notices.queries.ts';
import './notices.css';

/** Progress of a notice as far as the viewer may see it: reported of assigned, and the late ones. */
export function NoticeProgress({ item }: { item: Pick<NoticeListItem, 'counts' | 'status'> }) {
  const c = item.counts;
  if (item.status === 'draft') return <span className="sy-code">未下发</span>;
  if (c.total === 0) return <span className="sy-code">未分派</span>;
  return (
    <Space size={6} wrap>
      <Progress
        percent={Math.round((c.reported / c.total) * 100)}
        size="small"
        style={{ width: 110, margin: 0 }}
        format={() => `${c.reported}/${c.total}`}
        status={c.overdue > 0 ? 'exception' : c.reported === c.total ? 'success' : 'normal'}
      />
      {c.overdue > 0 && <Tag color="red">逾期 {c.overdue}</Tag>}
    </Space>
  );
}

/** 通知公告: the notices in the viewer's reach; the office imports new ones. */
export function NoticesPage() {
  const can = useCan();
  const navigate = useNavigate();
  const filters = useUrlFilters(['q', 'status']);
  const status = filters.values.status as NoticeStatus | undefined;
  const list = useNoticeList({ q: filters.values.q, status, page: filters.page, pageSize });

  return (
    <ListPage
      title="通知公告"
      subTitle="上级和本级的通知：拆分为任务分派到单位，跟踪签收和落实情况。"
      extra={
        can('notices.manage') && (
          <Button
            type="primary"
            icon={<ImportOutlined />}
            onClick={() => navigate('/notices/import')}
            data-testid="notice-import"
          >
            导入通知
          </Button>
        )
      }
      filters={
        <>
          <FilterSearch filters={filters} name="q" placeholder="标题、文号或正文（简繁均可）" width={320} />
          {can('notices.manage') && (
            <FilterSelect
              filters={filters}
              name="status"
              placeholder="全部状态"
              options={[
                { value: 'draft', label: '草稿' },
                { value: 'published', label: '已下发' },
              ]}
              style={{ width: 140 }}
            />
          )}
        </>
      }
    >
      <PagedTable<NoticeListItem>
        list={list}
        filters={filters}
        unit="份"
        filtered="没有匹配的通知，换个关键词或状态试试。"
        empty={can('notices.manage') ? '还没有通知。点“导入通知”粘贴或上传一份。' : '还没有分派给您单位的通知。'}
        mobileWidth={760}
        columns={[
          {
            title: '标题',
            render: (_, n) => (
              <div>
                <Link to={`/notices/${n.id}`} data-testid="notice-link">
                  {n.title}
                </Link>
                <div className="sy-code">{[n.docNumber, n.issuers.join('、')].filter(Boolean).join('　')}</div>
              </div>
            ),
          },
          { title: '成文日期', dataIndex: 'date', width: 110, render: (d: string | null) => d ?? '—' },
          { title: '任务', dataIndex: 'taskCount', width: 64 },
          { title: '落实进度', width: 220, render: (_, n) => <NoticeProgress item={n} /> },
          { title: '最近截止', dataIndex: 'nearestDeadline', width: 110, render: (d: string | null) => d ?? '—' },
          { title: '状态', width: 84, render: (_, n) => <StatusTag status={n.status} /> },
          { title: '登记时间', width: 150, render: (_, n) => formatDateTime(n.createdAt) },
        ]}
      />
    </ListPage>
  );
}
