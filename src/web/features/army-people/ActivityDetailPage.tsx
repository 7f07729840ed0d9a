import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Image, Popconfirm, Row, Space, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { formatDateTime } from '../../components/format.ts';
import { type NotFoundProps, RecordLoadError } from '../../components/NotFoundResult.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { Attachments, ProgrammeTags, UnitLabel, yuan } from '../troops/troops-ui.tsx';
import { ActivityFormModal } from './ActivityFormModal.tsx';
import { useActivity, useDeleteActivity } from './army-people.queries.ts';

const notFound: NotFoundProps = {
  title: '未找到该活动',
  subTitle: '它可能已删除，或不在您的数据范围内。',
  back: '/army-people/activities',
  backText: '返回活动列表',
};

/** One activity: organisers, place, people, spend, summary and photos. */
export function ActivityDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const feedback = useFeedback();
  const activity = useActivity(id);
  const remove = useDeleteActivity();
  const [editing, setEditing] = useState(false);
  if (activity.isError) return <RecordLoadError query={activity} notFound={notFound} />;
  const a = activity.data;
  if (!a) return <Card loading />;
  const base = `/api/army-people/activities/${a.id}`;
  return (
    <>
      <PageHeader
        title={a.title}
        subTitle={
          <Space wrap>
            <Tag>{a.typeName}</Tag>
            <span>{a.endOn ? `${a.heldOn} 至 ${a.endOn}` : a.heldOn}</span>
            <ProgrammeTags ids={a.programmeIds} />
          </Space>
        }
        extra={
          <Space wrap>
            {a.canEdit && <Button onClick={() => setEditing(true)}>修改</Button>}
            {a.canEdit && (
              <Popconfirm
                title="删除这项活动及其照片？"
                okText="删除"
                cancelText="取消"
                onConfirm={() =>
                  remove.mutate(a.id, {
                    onSuccess: () => {
                      feedback.success('已删除');
                      navigate('/army-people/activities');
                    },
                    onError: feedback.error,
                  })
                }
              >
                <Button danger>删除</Button>
              </Popconfirm>
            )}
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/army-people/activities')}>
              返回
            </Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="活动情况">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="组织单位">
                <Space direction="vertical" size={2}>
                  {a.organisers.map((o) => (
                    <UnitLabel key={o.id} unit={o} />
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="地点">
                {[a.regionName, a.place].filter(Boolean).join(' ') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="参加人数">{a.participantCount}</Descriptions.Item>
              <Descriptions.Item label="参加人员">{a.participants ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="经费">{yuan(a.spendCents)}</Descriptions.Item>
              <Descriptions.Item label="登记">
                {a.createdBy ?? '—'} · {formatDateTime(a.createdAt)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="活动小结" style={{ marginTop: 16 }}>
            <div className="sy-pre">{a.summary || <span className="sy-code">未填写</span>}</div>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={`照片（${a.photos.length}）`}>
            <Image.PreviewGroup>
              <div className="sy-photo-grid" style={{ marginBottom: 12 }}>
                {a.photos.map((p) => (
                  <Image key={p.id} src={`${base}/photos/${p.id}`} alt={p.name} />
                ))}
              </div>
            </Image.PreviewGroup>
            {a.canEdit && (
              <Attachments
                base={base}
                path="photos"
                items={[]}
                canUpload
                accept=".jpg,.jpeg,.png"
                hint="JPG 或 PNG，单张不超过 10 MB"
              />
            )}
          </Card>
        </Col>
      </Row>
      {editing && <ActivityFormModal activity={a} onClose={() => setEditing(false)} />}
    </>
  );
}
