import {
  AlertOutlined,
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  SendOutlined,
  TableOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { NoticeDetail } from '../../../shared/api/notices.api.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { useMe } from '../auth/auth.queries.ts';
import { FileLink } from './AssignmentParts.tsx';
import { NoticeEditDrawer } from './NoticeEditDrawer.tsx';
import { NoticeTaskCard } from './NoticeTaskCard.tsx';
import { StatusTag } from './notice-ui.tsx';
import { useDeleteNotice, useNotice, usePublishNotice, useRemind, useUploadNoticeFile } from './notices.queries.ts';
import { SourceView, WarningList } from './SourceView.tsx';
import './notices.css';

/** 通知详情: the notice, its tasks with who carries them out; the office assigns, publishes and chases. */
export function NoticeDetailPage() {
  const id = Number(useParams().id);
  const notice = useNotice(id);
  if (notice.isPending) return <Skeleton active />;
  if (notice.isError) {
    return (
      <>
        <PageHeader title="通知详情" extra={<BackToList />} />
        <QueryError error={notice.error} onRetry={() => notice.refetch()} />
      </>
    );
  }
  return <NoticeView notice={notice.data} />;
}

function BackToList() {
  return (
    <Link to="/notices">
      <Button icon={<ArrowLeftOutlined />}>通知列表</Button>
    </Link>
  );
}

function NoticeView({ notice }: { notice: NoticeDetail }) {
  const feedback = useFeedback();
  const navigate = useNavigate();
  const publish = usePublishNotice(notice.id);
  const remind = useRemind(notice.id);
  const remove = useDeleteNotice(notice.id);
  const [editing, setEditing] = useState(false);
  const assigned = notice.counts.total;

  const actions = (
    <Space wrap>
      <BackToList />
      <Link to={`/notices/${notice.id}/matrix`}>
        <Button icon={<TableOutlined />} data-testid="notice-matrix-link">
          落实矩阵
        </Button>
      </Link>
      {notice.canManage && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          修改
        </Button>
      )}
      {notice.canManage && notice.status === 'published' && (
        <Button
          icon={<AlertOutlined />}
          danger
          disabled={notice.counts.overdue === 0}
          loading={remind.isPending}
          onClick={() =>
            remind.mutate(undefined, {
              onSuccess: (r) =>
                feedback.success(
                  r.assignments === 0
                    ? '没有逾期未报的任务。'
                    : `已催办 ${r.units} 个单位（${r.assignments} 项），发送消息 ${r.users} 条。`,
                ),
              onError: feedback.error,
            })
          }
        >
          催办逾期（{notice.counts.overdue}）
        </Button>
      )}
      {notice.canManage && notice.status === 'draft' && (
        <Popconfirm
          title="删除这份草稿？"
          okText="删除"
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                feedback.success('草稿已删除。');
                navigate('/notices');
              },
              onError: feedback.error,
            })
          }
        >
          <Button icon={<DeleteOutlined />} danger>
            删除草稿
          </Button>
        </Popconfirm>
      )}
      {notice.canManage && notice.status === 'draft' && (
        <Popconfirm
          title="下发通知"
          description={`将通知已分派的承办单位（${assigned} 项分派），他们会在“任务落实”中看到并签收。`}
          okText="下发"
          disabled={assigned === 0}
          onConfirm={() =>
            publish.mutate(undefined, {
              onSuccess: () => feedback.success('已下发，承办单位已收到站内消息。'),
              onError: feedback.error,
            })
          }
        >
          <Button
            type="primary"
            icon={<SendOutlined />}
            disabled={assigned === 0}
            loading={publish.isPending}
            data-testid="notice-publish"
          >
            下发
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <span>{notice.title}</span>
            <StatusTag status={notice.status} />
          </Space>
        }
        subTitle={notice.docNumber ?? undefined}
        extra={actions}
      />
      {notice.canManage && notice.status === 'draft' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            assigned === 0
              ? '下一步：在下面每项任务中选择承办单位（已按文中“驻区各部队”“各街道”等预选）和截止日期，保存分派后点“下发”。'
              : '分派完成后点右上角“下发”：承办单位会收到站内消息，并在“任务落实”中签收、上报。'
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <NoticeHeader notice={notice} />
        </Col>
        <Col xs={24} xl={15}>
          {notice.tasks.length === 0 ? (
            <Card>
              <Empty
                description={notice.canManage ? '还没有任务：点“修改”添加工作事项。' : '没有分派给您单位的任务。'}
              />
            </Card>
          ) : (
            notice.tasks.map((t) => <NoticeTaskCard key={t.id} notice={notice} task={t} />)
          )}
          {notice.requirements.length > 0 && (
            <Card size="small" title="总体要求" style={{ marginTop: 16 }}>
              {notice.requirements.map((r) => (
                <p key={r} className="sy-notice-body">
                  {r}
                </p>
              ))}
            </Card>
          )}
        </Col>
      </Row>
      {editing && <NoticeEditDrawer notice={notice} onClose={() => setEditing(false)} />}
    </>
  );
}

function NoticeHeader({ notice }: { notice: NoticeDetail }) {
  const me = useMe();
  const feedback = useFeedback();
  const upload = useUploadNoticeFile(notice.id, me.csrfToken);
  const list = (items: string[]) => (items.length ? items.join('；') : '—');
  return (
    <Card size="small" title="通知信息">
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 84 } }}
        items={[
          { key: 'doc', label: '文号', children: notice.docNumber ?? '—' },
          { key: 'issuers', label: '发文机关', children: list(notice.issuers) },
          { key: 'date', label: '成文日期', children: notice.date ?? '—' },
          { key: 'to', label: '主送', children: list(notice.recipients) },
          ...(notice.cc.length > 0 ? [{ key: 'cc', label: '抄送', children: list(notice.cc) }] : []),
          ...(notice.attachments.length > 0 ? [{ key: 'att', label: '附件', children: list(notice.attachments) }] : []),
          {
            key: 'created',
            label: '登记',
            children: `${notice.createdByName ?? '—'} ${formatDateTime(notice.createdAt)}`,
          },
          ...(notice.publishedAt
            ? [{ key: 'published', label: '下发', children: formatDateTime(notice.publishedAt) }]
            : []),
        ]}
      />
      {notice.inner && (
        <Card size="small" type="inner" title="转发的通知" style={{ marginTop: 8 }}>
          <Descriptions
            column={1}
            size="small"
            styles={{ label: { width: 72 } }}
            items={[
              { key: 'title', label: '标题', children: notice.inner.title ?? '—' },
              ...(notice.inner.docNumber ? [{ key: 'doc', label: '文号', children: notice.inner.docNumber }] : []),
              { key: 'issuers', label: '发文机关', children: list(notice.inner.issuers) },
              { key: 'date', label: '成文日期', children: notice.inner.date ?? '—' },
            ]}
          />
        </Card>
      )}
      {(notice.files.length > 0 || notice.canManage) && (
        <div style={{ marginTop: 12 }}>
          <div style={{ fontWeight: 600, marginBottom: 4 }}>附件文件</div>
          <Space orientation="vertical" size={2}>
            {notice.files.map((f) => (
              <FileLink key={f.id} file={f} />
            ))}
          </Space>
          {notice.canManage && (
            <Upload
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate(file, { onSuccess: () => feedback.success('附件已上传。'), onError: feedback.error });
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} style={{ marginTop: 4 }}>
                上传附件
              </Button>
            </Upload>
          )}
        </div>
      )}
      {notice.body !== null && (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'body',
              label: '正文',
              children: (
                <>
                  {notice.body && <p className="sy-notice-body">{notice.body}</p>}
                  {notice.inner?.body && <p className="sy-notice-body">{notice.inner.body}</p>}
                </>
              ),
            },
            ...(notice.source
              ? [
                  {
                    key: 'source',
                    label: `导入原文${notice.source.warnings.length ? `（${notice.source.warnings.length} 处需核对）` : ''}`,
                    children: (
                      <>
                        <div style={{ marginBottom: 8 }}>
                          <WarningList warnings={notice.source.warnings} />
                        </div>
                        <SourceView text={notice.source.text} warnings={notice.source.warnings} />
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}
