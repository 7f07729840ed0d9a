import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Form, List, Row, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { meetingKindLabels, meetingRelationLabels } from '../../../shared/api/troops.api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { type NotFoundProps, RecordLoadError } from '../../components/NotFoundResult.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { MeetingFormModal } from './MeetingFormModal.tsx';
import { RequestFormModal } from './RequestFormModal.tsx';
import { useLinkMeetingRequest, useMeeting, useRequests, useUnlinkMeetingRequest } from './troops.queries.ts';
import { Attachments, LinkedCard, RequestStatusTag, UnitLabel } from './troops-ui.tsx';

const notFound: NotFoundProps = {
  title: '未找到该会议',
  subTitle: '它可能不存在，或不在您的数据范围内。',
  back: '/troops/meetings',
  backText: '返回会议列表',
};

/** One meeting: who attended, the minutes, what was decided, and its requests (linked both ways). */
export function MeetingDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const feedback = useFeedback();
  const meeting = useMeeting(id);
  const unlink = useUnlinkMeetingRequest(id);
  const [dialog, setDialog] = useState<'edit' | 'request' | 'link' | null>(null);

  if (meeting.isError) return <RecordLoadError query={meeting} notFound={notFound} />;
  const m = meeting.data;
  if (!m) return <Card loading />;
  const militaryAttendees = m.attendees.flatMap((a) => (a.unit?.kind === 'military' ? [a.unit.id] : []));

  return (
    <>
      <PageHeader
        title={m.title}
        subTitle={
          <Space wrap>
            <Tag>{meetingKindLabels[m.kind]}</Tag>
            <span>{m.heldOn}</span>
            {m.place && <span>{m.place}</span>}
          </Space>
        }
        extra={
          <Space wrap>
            {m.canEdit && <Button onClick={() => setDialog('edit')}>修改</Button>}
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/troops/meetings')}>
              返回列表
            </Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="会议纪要">
            <div className="sy-pre">{m.minutes || <span className="sy-code">未填写</span>}</div>
          </Card>
          <Card title="议定事项" style={{ marginTop: 16 }}>
            {m.decisions.length === 0 ? (
              <span className="sy-code">未填写</span>
            ) : (
              <ol style={{ paddingLeft: 20, margin: 0 }}>
                {m.decisions.map((d, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: decisions are plain ordered text
                  <li key={i} className="sy-pre">
                    {d}
                  </li>
                ))}
              </ol>
            )}
          </Card>
          <LinkedCard
            title="会上提出和研究的诉求"
            extra={
              m.canEdit && (
                <Space wrap>
                  <Button size="small" type="primary" onClick={() => setDialog('request')}>
                    登记会上提出的诉求
                  </Button>
                  <Button size="small" onClick={() => setDialog('link')}>
                    关联已有诉求
                  </Button>
                </Space>
              )
            }
            empty="暂无（只显示您数据范围内的诉求）"
            items={m.requests}
            unlink={m.canEdit && ((requestId) => unlink.mutate(requestId, { onError: feedback.error }))}
            render={(r) => (
              <>
                <Link to={`/troops/requests/${r.id}`}>{r.title}</Link>
                <RequestStatusTag status={r.status} />
                <span className="sy-code">{meetingRelationLabels[r.relation]}</span>
                {r.militaryUnit && <UnitLabel unit={r.militaryUnit} compact />}
                {r.department && <span className="sy-code">{r.department.name}</span>}
              </>
            )}
          />
        </Col>
        <Col xs={24} lg={10}>
          <Card title={`参会单位和人员（${m.attendeeCount}）`}>
            <List
              size="small"
              dataSource={m.attendees}
              renderItem={(a) => (
                <List.Item>
                  <Space wrap>
                    {a.unit && <UnitLabel unit={a.unit} compact />}
                    <span>{[a.name, a.title].filter(Boolean).join(' ')}</span>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card title="附件" style={{ marginTop: 16 }}>
            <Attachments
              base={`/api/troops/meetings/${m.id}`}
              items={m.attachments}
              canUpload={m.canEdit}
              canDelete={() => m.canEdit}
            />
          </Card>
          <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
            <Descriptions.Item label="关联诉求">{m.requestCount} 件</Descriptions.Item>
          </Descriptions>
        </Col>
      </Row>
      {dialog === 'edit' && <MeetingFormModal meeting={m} onClose={() => setDialog(null)} />}
      {dialog === 'request' && (
        <RequestFormModal
          meetingId={m.id}
          unitChoices={militaryAttendees.length ? militaryAttendees : undefined}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'link' && <LinkRequestDialog meetingId={m.id} onClose={() => setDialog(null)} />}
    </>
  );
}

function LinkRequestDialog({ meetingId, onClose }: { meetingId: number; onClose: () => void }) {
  const link = useLinkMeetingRequest(meetingId);
  const [q, setQ] = useState('');
  const found = useRequests({ q: q || undefined, page: 1, pageSize: 30 });
  return (
    <FormModal
      title="关联已有诉求"
      okText="关联"
      initialValues={{ relation: 'discussed' }}
      submit={(v: { requestId: number; relation: 'produced' | 'discussed' }) => link.mutateAsync(v)}
      success="已关联"
      onClose={onClose}
    >
      <Form.Item name="requestId" label="诉求" rules={[{ required: true, message: '请选择诉求' }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: setQ }}
          loading={found.isFetching}
          placeholder="输入标题关键词查找"
          options={(found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title}（${r.kindName}）` }))}
        />
      </Form.Item>
      <Form.Item name="relation" label="关系">
        <Select
          options={[
            { value: 'discussed', label: meetingRelationLabels.discussed },
            { value: 'produced', label: meetingRelationLabels.produced },
          ]}
        />
      </Form.Item>
    </FormModal>
  );
}
