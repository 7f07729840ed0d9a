import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Input, Rate, Row, Space, Steps, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  meetingKindLabels,
  meetingRelationLabels,
  type RequestDetail,
  requestSourceLabels,
} from '../../../shared/api/troops.api.ts';
import { type RequestStatus, requestStatusLabels } from '../../../shared/domain/troops/request-flow.ts';
import { formatDateTime } from '../../components/format.ts';
import { type NotFoundProps, RecordLoadError } from '../../components/NotFoundResult.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonName } from '../../components/PersonName.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { useCan, useMe } from '../auth/auth.queries.ts';
import { RequestFormModal } from './RequestFormModal.tsx';
import { AssignDialog, RateDialog, StepDialog, type StepKind, SupporterDialog } from './RequestStepDialogs.tsx';
import { useComment, useRequest, useUnlinkSupporter } from './troops.queries.ts';
import { Attachments, LinkedCard, OverdueTag, ProgrammeTags, RequestStatusTag, UnitLabel } from './troops-ui.tsx';

const eventLabels: Record<string, string> = {
  create: '提出',
  assign: '交办',
  reassign: '改派',
  extend: '调整期限',
  return: '退回',
  resolve: '办结',
  reopen: '重新办理',
  rate: '评价',
  comment: '意见',
  overdue: '逾期提醒',
  meeting: '会议',
  supporter: '社会力量',
};
const eventColors: Record<string, string> = {
  overdue: 'red',
  resolve: 'green',
  rate: 'green',
  return: 'orange',
  reopen: 'orange',
};
const flow: RequestStatus[] = ['pending', 'in_progress', 'resolved', 'rated'];

const notFound: NotFoundProps = {
  title: '未找到该诉求',
  subTitle: '它可能不存在，或不在您的数据范围内（例如已改派其他部门）。',
  back: '/troops/requests',
  backText: '返回诉求列表',
};

/** One request: its flow, every step with its comment, and the steps the viewer may take now. */
export function RequestDetailPage() {
  const id = Number(useParams().id);
  const me = useMe();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const feedback = useFeedback();
  const request = useRequest(id);
  const [dialog, setDialog] = useState<'assign' | 'rate' | 'edit' | 'supporter' | StepKind | null>(null);
  const [comment, setComment] = useState('');
  const addComment = useComment(id);
  const unlink = useUnlinkSupporter(id);

  if (request.isError) return <RecordLoadError query={request} notFound={notFound} />;
  const r = request.data;
  if (!r) return <Card loading />;
  const can = (a: string) => (r.allowedActions as string[]).includes(a);
  const current = flow.indexOf(r.status);

  return (
    <>
      <PageHeader
        title={r.title}
        subTitle={
          <Space wrap>
            <RequestStatusTag status={r.status} />
            <Tag>{r.kindName}</Tag>
            {r.subject === 'family' && <Tag color="purple">军人家庭诉求</Tag>}
            <OverdueTag days={r.daysOverdue} />
            <ProgrammeTags ids={r.programmeIds} />
          </Space>
        }
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/troops/requests')}>
            返回列表
          </Button>
        }
      />
      <Card className="sy-troops-steps">
        <Steps
          size="small"
          direction={isMobile ? 'vertical' : 'horizontal'}
          current={current}
          items={flow.map((s) => ({ title: requestStatusLabels[s] }))}
        />
        <div className="sy-troops-actions" style={{ marginTop: 16 }}>
          {can('assign') && (
            <Button type="primary" onClick={() => setDialog('assign')} data-testid="request-assign">
              {r.department ? '改派 / 调整期限' : '交办'}
            </Button>
          )}
          {can('resolve') && (
            <Button type="primary" onClick={() => setDialog('resolve')} data-testid="request-resolve">
              办结
            </Button>
          )}
          {can('rate') && (
            <Button type="primary" onClick={() => setDialog('rate')} data-testid="request-rate">
              评价
            </Button>
          )}
          {can('reopen') && <Button onClick={() => setDialog('reopen')}>问题未解决，重新办理</Button>}
          {can('return') && <Button onClick={() => setDialog('return')}>退回双拥办</Button>}
          {can('edit') && <Button onClick={() => setDialog('edit')}>修改内容</Button>}
          {r.allowedActions.length === 0 && (
            <span className="sy-code">您可以查看该诉求，办理由提出单位、双拥办和责任部门进行。</span>
          )}
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="诉求内容">
            <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
              <Descriptions.Item label="提出单位">
                {r.militaryUnit ? <UnitLabel unit={r.militaryUnit} /> : '—'}
              </Descriptions.Item>
              {r.subject === 'family' && (
                <Descriptions.Item label="军人家庭">
                  {[r.familyName, r.familyRelation, r.familyPhone].filter(Boolean).join('　')}
                </Descriptions.Item>
              )}
              <Descriptions.Item label="来源">{requestSourceLabels[r.source]}</Descriptions.Item>
              {r.visit && (
                <Descriptions.Item label="来自走访">
                  <VisitOrigin visit={r.visit} personId={r.personId} />
                </Descriptions.Item>
              )}
              <Descriptions.Item label="提出人">
                {r.raisedBy ?? '—'}　{formatDateTime(r.createdAt)}
              </Descriptions.Item>
              <Descriptions.Item label="责任部门">{r.department?.name ?? '待交办'}</Descriptions.Item>
              <Descriptions.Item label="办理期限">{r.dueDate ?? '—'}</Descriptions.Item>
              {r.rating !== null && (
                <Descriptions.Item label="满意度">
                  <Rate disabled value={r.rating} /> {r.ratingComment}
                </Descriptions.Item>
              )}
            </Descriptions>
            <div className="sy-pre" style={{ marginTop: 12 }}>
              {r.content}
            </div>
          </Card>
          <Card title="附件" style={{ marginTop: 16 }}>
            <Attachments
              base={`/api/troops/requests/${r.id}`}
              items={r.attachments}
              canUpload={can('attach')}
              canDelete={(f) => me.role === 'office' || me.role === 'admin' || f.uploadedBy === me.displayName}
            />
          </Card>
          <LinkedCard
            title="相关会议"
            empty="未关联会议"
            items={r.meetings}
            render={(m) => (
              <>
                <Link to={`/troops/meetings/${m.id}`}>{m.title}</Link>
                <Tag>{meetingKindLabels[m.kind]}</Tag>
                <span className="sy-code">
                  {m.heldOn} · {meetingRelationLabels[m.relation]}
                </span>
              </>
            )}
          />
          <LinkedCard
            title="参与解决的社会力量"
            extra={
              can('linkSupporter') && (
                <Button size="small" onClick={() => setDialog('supporter')}>
                  关联
                </Button>
              )
            }
            empty="暂无"
            items={r.supporters}
            unlink={can('linkSupporter') && ((supporterId) => unlink.mutate(supporterId, { onError: feedback.error }))}
            render={(s) => (
              <>
                <Link to={`/army-people/supporters?open=${s.id}`}>{s.name}</Link>
                {s.note && <span className="sy-code">{s.note}</span>}
              </>
            )}
          />
        </Col>
        <Col xs={24} lg={10}>
          <Card title="办理过程">
            <Timeline
              items={r.events.map((e) => ({
                color: eventColors[e.action] ?? 'blue',
                content: (
                  <div>
                    <Space wrap size={4}>
                      <strong>{eventLabels[e.action] ?? e.action}</strong>
                      {e.toStatus && e.fromStatus !== e.toStatus && (
                        <span className="sy-code">→ {requestStatusLabels[e.toStatus]}</span>
                      )}
                      {(e.action === 'assign' || e.action === 'reassign' || e.action === 'extend') && e.department && (
                        <span>
                          {e.department.name}，期限 {e.dueDate}
                        </span>
                      )}
                    </Space>
                    {e.comment && <div className="sy-troops-timeline-comment">{e.comment}</div>}
                    <div className="sy-code">
                      {e.actorName ?? '系统'} · {formatDateTime(e.at)}
                    </div>
                  </div>
                ),
              }))}
            />
            {can('comment') && (
              <Space.Compact style={{ width: '100%' }}>
                <Input.TextArea
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={2000}
                  placeholder="补充情况、询问进展或答复（对方会收到站内消息）"
                />
              </Space.Compact>
            )}
            {can('comment') && (
              <Button
                style={{ marginTop: 8 }}
                disabled={!comment.trim()}
                loading={addComment.isPending}
                onClick={() =>
                  addComment.mutate(comment.trim(), {
                    onSuccess: () => {
                      setComment('');
                      feedback.success('意见已添加');
                    },
                    onError: feedback.error,
                  })
                }
              >
                添加意见
              </Button>
            )}
          </Card>
        </Col>
      </Row>
      {dialog === 'assign' && (
        <AssignDialog id={r.id} current={r.department?.id ?? null} onClose={() => setDialog(null)} />
      )}
      {(dialog === 'resolve' || dialog === 'return' || dialog === 'reopen') && (
        <StepDialog
          id={r.id}
          kind={dialog}
          onClose={() => setDialog(null)}
          onLeft={() => navigate('/troops/requests')}
        />
      )}
      {dialog === 'rate' && <RateDialog id={r.id} onClose={() => setDialog(null)} />}
      {dialog === 'edit' && <RequestFormModal request={r} onClose={() => setDialog(null)} />}
      {dialog === 'supporter' && <SupporterDialog id={r.id} onClose={() => setDialog(null)} />}
    </>
  );
}

function VisitOrigin({ visit, personId }: { visit: NonNullable<RequestDetail['visit']>; personId: number | null }) {
  const can = useCan();
  const when = `${visit.visitedOn} 走访${visit.recordedByName ? `（${visit.recordedByName}）` : ''}`;
  return (
    <Space wrap size={4}>
      {can('campaign.read') ? (
        <Link to={`/campaigns/${visit.campaignId}`}>{visit.campaignName}</Link>
      ) : (
        <span>{visit.campaignName}</span>
      )}
      {personId !== null && can('registry.read') ? (
        <PersonName name={visit.personName} id={personId} />
      ) : (
        <PersonName name={visit.personName} />
      )}
      <span className="sy-code">{when}</span>
    </Space>
  );
}
