import {
  ArrowLeftOutlined,
  EditOutlined,
  HistoryOutlined,
  PlusOutlined,
  StopOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { confirmationResultLabels, type PersonDetail, versionActionLabels } from '../../../shared/api/registry.api.ts';
import { isApiError } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { PersonCampaigns } from './PersonCampaigns.tsx';
import { AssessmentModal, ConfirmationModal, DeceasedModal, IdNumberField } from './PersonDialogs.tsx';
import { usePerson, usePersonHistory } from './registry.queries.ts';
import { ageText, CategoryTags, dash, PersonName, StatusTag, sexText } from './registry-ui.tsx';

/** The person page: identity, qualifications, household, living-situation archive, 年度确认, visits, history. */
export function PersonPage() {
  const params = useParams();
  const id = Number(params.id);
  const person = usePerson(Number.isInteger(id) && id > 0 ? id : null);
  const navigate = useNavigate();

  if (!Number.isInteger(id) || id <= 0 || isApiError(person.error, 'NOT_FOUND')) {
    return (
      <Result
        status="404"
        title="未找到该优抚对象"
        subTitle="该记录不存在，或不在您的数据范围内。请返回名册重新查询。"
        extra={
          <Button type="primary" onClick={() => navigate('/registry/persons')}>
            返回名册
          </Button>
        }
      />
    );
  }
  if (person.isError) return <QueryError error={person.error} onRetry={() => person.refetch()} />;
  if (person.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  return <PersonView p={person.data} />;
}

function PersonView({ p }: { p: PersonDetail }) {
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const [dialog, setDialog] = useState<'deceased' | 'assessment' | 'confirmation' | null>(null);
  const [tab, setTab] = useState('assessments');
  const history = usePersonHistory(p.id, tab === 'history');
  const thisYear = new Date().getFullYear();
  const confirmedThisYear = p.confirmations.find((c) => c.year === thisYear);

  return (
    <>
      <PageHeader
        title={
          <Space wrap size={8}>
            <PersonName name={p.name} />
            <StatusTag alive={p.alive} deathDate={p.deathDate} />
            {p.hukouLocal ? <Tag color="blue">本区户籍</Tag> : <Tag>非本区户籍</Tag>}
          </Space>
        }
        subTitle={
          <Space wrap size={4}>
            <CategoryTags categories={p.qualifications.map((q) => ({ code: q.categoryCode, name: q.categoryName }))} />
            {p.livingSituations.map((s) => (
              <Tag key={s} color="orange">
                {s}
              </Tag>
            ))}
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              返回
            </Button>
            {p.permissions.edit && (
              <>
                <Button
                  type="primary"
                  icon={<EditOutlined />}
                  onClick={() => navigate(`/registry/persons/${p.id}/edit`)}
                >
                  编辑
                </Button>
                <Button
                  icon={p.alive ? <StopOutlined /> : <UndoOutlined />}
                  danger={p.alive}
                  onClick={() => setDialog('deceased')}
                >
                  {p.alive ? '标记已故' : '撤销已故标记'}
                </Button>
              </>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title="基本信息">
            <Descriptions column={isMobile ? 1 : 2} size="small">
              <Descriptions.Item label="性别">{sexText(p.sex)}</Descriptions.Item>
              <Descriptions.Item label="出生日期">
                {p.birthDate}（{ageText(p.birthDate)}）
              </Descriptions.Item>
              <Descriptions.Item label="身份证号" span={isMobile ? 1 : 2}>
                <IdNumberField person={p} />
              </Descriptions.Item>
              <Descriptions.Item label="联系电话">
                {p.phone ? (
                  p.phonesMasked ? (
                    <span className="sy-code">{p.phone}</span>
                  ) : (
                    <a href={`tel:${p.phone}`} className="sy-code">
                      {p.phone}
                    </a>
                  )
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label="备用电话">
                {p.phone2 ? (
                  p.phonesMasked ? (
                    <span className="sy-code">{p.phone2}</span>
                  ) : (
                    <a href={`tel:${p.phone2}`} className="sy-code">
                      {p.phone2}
                    </a>
                  )
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label="居住地">{dash(p.residenceRegionName)}</Descriptions.Item>
              <Descriptions.Item label="居住地址">{dash(p.address)}</Descriptions.Item>
              <Descriptions.Item label="户籍地">
                {dash(p.hukouRegionName)}
                {p.hukouStreetName && p.hukouStreetName !== p.residenceStreetName && (
                  <Tag style={{ marginInlineStart: 8 }}>户籍与居住不在同一街道</Tag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="户籍地址">{dash(p.hukouAddress)}</Descriptions.Item>
              <Descriptions.Item label="备注" span={isMobile ? 1 : 2}>
                {dash(p.notes)}
              </Descriptions.Item>
              <Descriptions.Item label="登记时间">{formatDateTime(p.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="最近修改">
                {formatDateTime(p.updatedAt)}（第 {p.version} 版）
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="优抚身份" style={{ marginBottom: 16 }}>
            <List
              dataSource={p.qualifications}
              locale={{ emptyText: '未登记优抚身份' }}
              renderItem={(q) => (
                <List.Item>
                  <Space direction="vertical" size={2}>
                    <Space wrap>
                      <Tag color="red">{q.categoryName}</Tag>
                      {q.flags.map((f) => (
                        <Tag key={f.code} color="gold">
                          {f.name}
                        </Tag>
                      ))}
                    </Space>
                    <Typography.Text type="secondary">
                      {[
                        q.disabilityGrade !== null ? `伤残等级 ${q.disabilityGrade} 级` : null,
                        q.disabilityNature,
                        q.relation ? `与军人关系：${q.relation}` : null,
                        q.certificateNo ? `证件号 ${q.certificateNo}` : null,
                        q.startDate || q.endDate ? `${q.startDate ?? '…'} 至 ${q.endDate ?? '今'}` : null,
                      ]
                        .filter(Boolean)
                        .join('；') || '无其他信息'}
                      {q.servicemanName && (
                        <>
                          ；军人（烈士）：<span data-script-skip="">{q.servicemanName}</span>
                        </>
                      )}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card
            title="家庭户"
            extra={p.household && <Link to={`/registry/households/${p.household.id}`}>查看家庭户</Link>}
          >
            {p.household ? (
              <>
                <Typography.Paragraph>
                  <span data-script-skip="">{p.household.name}</span>
                  {p.householdRole && <Tag style={{ marginInlineStart: 8 }}>本人：{p.householdRole}</Tag>}
                  {p.household.address && (
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      {p.household.address}
                    </Typography.Text>
                  )}
                </Typography.Paragraph>
                <List
                  size="small"
                  dataSource={p.household.members}
                  renderItem={(m) => (
                    <List.Item>
                      <Space wrap size={4}>
                        {m.id === p.id ? <PersonName name={m.name} strong /> : <PersonName name={m.name} id={m.id} />}
                        <Typography.Text type="secondary">
                          {dash(m.role)} · {sexText(m.sex)} {ageText(m.birthDate)}
                        </Typography.Text>
                        {!m.alive && <Tag>已故</Tag>}
                        <CategoryTags categories={m.categories} />
                      </Space>
                    </List.Item>
                  )}
                />
              </>
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={p.permissions.edit ? '未归入家庭户；可在“编辑”中选择或新建家庭户' : '未归入家庭户'}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card style={{ marginTop: 16 }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'assessments',
              label: `生活状况档案（${p.assessments.length}）`,
              children: (
                <>
                  {p.permissions.edit && p.alive && (
                    <Button
                      icon={<PlusOutlined />}
                      style={{ marginBottom: 12 }}
                      onClick={() => setDialog('assessment')}
                    >
                      登记评估
                    </Button>
                  )}
                  {p.assessments.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无生活状况评估记录" />
                  ) : (
                    <Timeline
                      items={p.assessments.map((a) => ({
                        key: a.id,
                        children: (
                          <div>
                            <Typography.Text strong>{a.assessedOn}</Typography.Text>{' '}
                            {a.situations.length ? (
                              a.situations.map((s) => (
                                <Tag key={s} color="orange">
                                  {s}
                                </Tag>
                              ))
                            ) : (
                              <Tag>无特殊情况</Tag>
                            )}
                            {a.notes && <div>{a.notes}</div>}
                            {a.needs && <div>诉求：{a.needs}</div>}
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {a.source} · {dash(a.createdByName)} · {formatDateTime(a.createdAt)}
                            </Typography.Text>
                          </div>
                        ),
                      }))}
                    />
                  )}
                </>
              ),
            },
            {
              key: 'confirmations',
              label: '年度确认',
              children: (
                <>
                  {!p.periodic && p.confirmations.length === 0 ? (
                    <Empty
                      image={Empty.PRESENTED_IMAGE_SIMPLE}
                      description="该对象没有享受定期抚恤补助的优抚身份，无需年度确认。"
                    />
                  ) : (
                    <>
                      {p.permissions.edit && p.periodic && (
                        <Space style={{ marginBottom: 12 }} wrap>
                          <Button icon={<PlusOutlined />} onClick={() => setDialog('confirmation')}>
                            登记 {thisYear} 年度确认
                          </Button>
                          {!confirmedThisYear && <Tag color="warning">{thisYear} 年度尚未确认</Tag>}
                        </Space>
                      )}
                      <Table
                        rowKey="id"
                        size="small"
                        pagination={false}
                        scroll={{ x: 'max-content' }}
                        dataSource={p.confirmations}
                        locale={{ emptyText: '暂无年度确认记录' }}
                        columns={[
                          { title: '年度', dataIndex: 'year' },
                          {
                            title: '结果',
                            dataIndex: 'result',
                            render: (r: keyof typeof confirmationResultLabels) => confirmationResultLabels[r],
                          },
                          { title: '方式', dataIndex: 'method', render: dash },
                          { title: '确认日期', dataIndex: 'confirmedOn' },
                          { title: '确认人', dataIndex: 'confirmedByName', render: dash },
                          { title: '备注', dataIndex: 'notes', render: dash },
                        ]}
                      />
                    </>
                  )}
                </>
              ),
            },
            {
              key: 'campaigns',
              label: '走访慰问记录',
              children: <PersonCampaigns personId={p.id} enabled={tab === 'campaigns'} />,
            },
            {
              key: 'history',
              label: (
                <span>
                  <HistoryOutlined /> 修改历史
                </span>
              ),
              children: history.isError ? (
                <QueryError error={history.error} onRetry={() => history.refetch()} />
              ) : history.isPending ? (
                <Skeleton active />
              ) : history.data.items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该记录在系统启用前登记，暂无修改历史" />
              ) : (
                <Timeline
                  items={history.data.items.map((v) => ({
                    key: v.version,
                    children: (
                      <div data-testid="history-entry">
                        <Space wrap size={4}>
                          <Typography.Text strong>第 {v.version} 版</Typography.Text>
                          <Tag>{versionActionLabels[v.action]}</Tag>
                          <Typography.Text type="secondary">
                            {formatDateTime(v.at)} · {dash(v.actorName)}
                            {v.source ? ` · 来源：${v.source}` : ''}
                          </Typography.Text>
                        </Space>
                        <Table
                          rowKey="field"
                          size="small"
                          pagination={false}
                          style={{ marginTop: 6 }}
                          scroll={{ x: 'max-content' }}
                          dataSource={v.changes}
                          columns={[
                            { title: '项目', dataIndex: 'label' },
                            {
                              title: '修改前',
                              dataIndex: 'before',
                              render: (x: string | null) => <span data-script-skip="">{dash(x)}</span>,
                            },
                            {
                              title: '修改后',
                              dataIndex: 'after',
                              render: (x: string | null) => <span data-script-skip="">{dash(x)}</span>,
                            },
                          ]}
                        />
                      </div>
                    ),
                  }))}
                />
              ),
            },
          ]}
        />
      </Card>
      {dialog === 'deceased' && <DeceasedModal person={p} onClose={() => setDialog(null)} />}
      {dialog === 'assessment' && <AssessmentModal person={p} onClose={() => setDialog(null)} />}
      {dialog === 'confirmation' && (
        <ConfirmationModal
          personId={p.id}
          personName={p.name}
          year={thisYear}
          alive={p.alive}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
