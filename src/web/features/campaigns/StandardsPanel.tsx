import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CampaignDetail, EvaluationResponse, StandardItem } from '../../../shared/api/campaigns.api.ts';
import { PersonName } from '../../components/PersonName.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { yuanText } from './campaign-format.tsx';
import { campaignApi, useCampaignMutation } from './campaigns.queries.ts';
import { PersonPicker } from './PersonPicker.tsx';
import { StandardForm, useDictionary } from './StandardForm.tsx';

/** The campaign's standards (rules as data), with an editor in 草稿 and a check of one person against them. */
export function StandardsPanel({ campaign }: { campaign: CampaignDetail }) {
  const [editing, setEditing] = useState<StandardItem | 'new' | null>(null);
  const dict = useDictionary();
  const feedback = useFeedback();
  const isMobile = useIsMobile();
  const remove = useCampaignMutation((id: number) => campaignApi.deleteStandard(campaign.id, id));
  const editable = campaign.canManage && campaign.status === 'draft';
  const categoryName = (code: string) => dict.data?.categories.find((c) => c.code === code)?.name ?? code;
  const unset = campaign.standards.filter((s) => !s.amountSet);
  return (
    <>
      {unset.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`有 ${unset.length} 项标准的金额仍是预设占位，请逐项点击“修改”设置慰问金和慰问品单价后保存。`}
        />
      )}
      {!editable && campaign.canManage && campaign.status !== 'draft' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="名单已生成，标准不可修改；如需调整，请先“作废名单，退回草稿”。"
        />
      )}
      <Card
        title="慰问标准（按优先级，数字大者优先；同一人符合多项时取最高标准）"
        extra={
          editable && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="standard-add">
              新增标准
            </Button>
          )
        }
      >
        <Table<StandardItem>
          rowKey="id"
          size={isMobile ? 'small' : 'middle'}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={[...campaign.standards].sort((a, b) => b.priority - a.priority)}
          onRow={() => ({ 'data-testid': 'standard-row' }) as object}
          columns={[
            {
              title: '标准',
              dataIndex: 'name',
              render: (name: string, s) => (
                <Space>
                  {name}
                  {!s.amountSet && <Tag color="orange">金额待设定</Tag>}
                </Space>
              ),
            },
            { title: '优先级', dataIndex: 'priority' },
            {
              title: '类别',
              dataIndex: 'categories',
              render: (codes: string[]) => (codes.length ? codes.map(categoryName).join('、') : '任何类别'),
            },
            { title: '条件', dataIndex: 'conditionTexts', render: (t: string[]) => (t.length ? t.join('；') : '—') },
            { title: '慰问金', key: 'cash', render: (_, s) => yuanText(s.package.cashCents) },
            {
              title: '慰问品',
              key: 'goods',
              render: (_, s) =>
                s.package.goods.length
                  ? s.package.goods
                      .map((g) => `${g.name} ${g.quantity}${g.unit}（单价 ${yuanText(g.unitPriceCents)}）`)
                      .join('；')
                  : '—',
            },
            { title: '慰问信', key: 'letter', render: (_, s) => (s.package.letterTemplate ? '有' : '—') },
            ...(editable
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_: unknown, s: StandardItem) => (
                      <Space size={0}>
                        <Button
                          type="link"
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => setEditing(s)}
                          data-testid="standard-edit"
                        >
                          修改
                        </Button>
                        <Popconfirm
                          title={`删除标准“${s.name}”？`}
                          okText="删除"
                          cancelText="取消"
                          onConfirm={() => remove.mutate(s.id, { onError: feedback.error })}
                        >
                          <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                            删除
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <EvaluateCard campaign={campaign} />
      {editing && (
        <StandardForm
          campaignId={campaign.id}
          standard={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/** 按标准判定一人：which standards match and why, or why not. */
function EvaluateCard({ campaign }: { campaign: CampaignDetail }) {
  const [result, setResult] = useState<EvaluationResponse | null>(null);
  const feedback = useFeedback();
  const run = (personId: number | null) => {
    setResult(null);
    if (personId === null) return;
    campaignApi.evaluate(campaign.id, personId).then(setResult, feedback.error);
  };
  return (
    <Card title="按标准判定一人" style={{ marginTop: 16 }}>
      <PersonPicker onChange={run} testId="evaluate-person" />
      {result && (
        <div style={{ marginTop: 12 }} data-testid="evaluation">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="姓名">
              <PersonName name={result.personName} />
            </Descriptions.Item>
            <Descriptions.Item label="类别">{result.facts.categories.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="户籍">{result.facts.hukouLocal ? '本区户籍' : '非本区户籍'}</Descriptions.Item>
            <Descriptions.Item label="年龄">{result.facts.age ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="在世">{result.facts.alive ? '在世' : '已故'}</Descriptions.Item>
            <Descriptions.Item label="所在">{`${result.facts.streetName} ${result.facts.communityName}`}</Descriptions.Item>
          </Descriptions>
          {result.matched.length ? (
            <List
              size="small"
              header={<Typography.Text strong>符合的标准（第一项生效）</Typography.Text>}
              dataSource={result.matched}
              renderItem={(m, i) => (
                <List.Item>
                  <Space wrap>
                    {i === 0 ? <Tag color="green">生效</Tag> : <Tag>同时符合</Tag>}
                    {m.standardName}：{m.reasons.join('；')}
                  </Space>
                </List.Item>
              )}
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              title={`不在名单：${result.excludedReason ?? '不符合'}`}
              description={result.failures.map((f) => `${f.standardName}：${f.reason}`).join('；')}
            />
          )}
        </div>
      )}
    </Card>
  );
}
