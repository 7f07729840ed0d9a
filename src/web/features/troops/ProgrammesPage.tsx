import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  type LookupItem,
  type LookupList,
  lookupListLabels,
  lookupLists,
  type ProgrammeItem,
  requestSubjectLabels,
} from '../../../shared/api/troops.api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { AddButton } from '../../components/ListPage.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useCan, useMe } from '../auth/auth.queries.ts';
import {
  useCreateLookup,
  useLookups,
  useProgrammeSummary,
  useProgrammes,
  useSaveProgramme,
  useUpdateLookup,
} from './troops.queries.ts';
import { yuan } from './troops-ui.tsx';

/** 专项活动 (聚焦一线、聚力解难 …) with their figures, and the dictionaries the office keeps as data. */
export function ProgrammesPage() {
  const me = useMe();
  const isOffice = me.role === 'office' || me.role === 'admin';
  const programmes = useProgrammes();
  const [editing, setEditing] = useState<ProgrammeItem | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="专项活动"
        subTitle="“聚焦一线、聚力解难”“情系边海防官兵”“军徽映夕阳”等专项：诉求、结对和活动按专项汇总，经费一目了然。"
        extra={isOffice && <AddButton onClick={() => setEditing('new')}>新增专项</AddButton>}
      />
      <Tabs
        items={[
          {
            key: 'programmes',
            label: '专项汇总',
            children: programmes.isError ? (
              <QueryError error={programmes.error} onRetry={() => programmes.refetch()} />
            ) : (
              <Row gutter={[16, 16]}>
                {(programmes.data ?? []).map((p) => (
                  <Col key={p.id} xs={24} md={12} xl={8}>
                    <ProgrammeCard programme={p} onEdit={isOffice ? () => setEditing(p) : undefined} />
                  </Col>
                ))}
                {programmes.data?.length === 0 && (
                  <Empty
                    description={
                      isOffice
                        ? '还没有专项活动。点右上角“新增专项”设立，诉求、结对和活动即可按专项汇总。'
                        : '还没有专项活动。'
                    }
                  />
                )}
              </Row>
            ),
          },
          ...(isOffice ? [{ key: 'lookups', label: '字典维护', children: <LookupsPanel /> }] : []),
        ]}
      />
      {editing && <ProgrammeModal programme={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ProgrammeCard({ programme, onEdit }: { programme: ProgrammeItem; onEdit?: (() => void) | undefined }) {
  const can = useCan();
  const summary = useProgrammeSummary(programme.id);
  const s = summary.data;
  return (
    <Card
      title={
        <span>
          {programme.name} {!programme.active && <Tag>已停用</Tag>}
        </span>
      }
      extra={onEdit && <Button type="text" icon={<EditOutlined />} onClick={onEdit} aria-label="修改" />}
      loading={summary.isPending}
    >
      {programme.description && <p className="sy-code">{programme.description}</p>}
      {summary.isError && <QueryError error={summary.error} />}
      {s && (
        <div className="sy-troops-stat-grid">
          {can('troops.read') && (
            <Statistic
              title={<Link to={`/troops/requests?programmeId=${programme.id}`}>诉求</Link>}
              value={s.requests.total}
              suffix={s.requests.total ? `件，办结 ${s.requests.byStatus.resolved + s.requests.byStatus.rated}` : '件'}
            />
          )}
          {can('campaign.read') && (
            <Statistic
              title="走访慰问"
              value={s.visits.count}
              suffix={s.visits.count ? `户次，慰问金 ${yuan(s.visits.cashCents)}` : '户次'}
            />
          )}
          <Statistic title="结对" value={s.pairings.active} suffix={`对，帮扶 ${s.pairings.contacts} 次`} />
          <Statistic title="活动" value={s.activities.count} suffix={`次，${s.activities.participants} 人次`} />
          <Statistic title="经费" value={yuan(s.spendCents)} />
        </div>
      )}
    </Card>
  );
}

function ProgrammeModal({ programme, onClose }: { programme: ProgrammeItem | null; onClose: () => void }) {
  const save = useSaveProgramme();
  return (
    <FormModal
      title={programme ? '修改专项' : '新增专项'}
      initialValues={{
        name: programme?.name,
        description: programme?.description ?? undefined,
        active: programme?.active ?? true,
        sort: programme?.sort ?? 0,
      }}
      submit={(v: { name: string; description?: string; active: boolean; sort: number }) =>
        save.mutateAsync({
          id: programme?.id ?? null,
          input: {
            name: v.name.trim(),
            description: v.description?.trim() || null,
            active: v.active,
            sort: v.sort ?? 0,
          },
        })
      }
      success="已保存"
      onClose={onClose}
    >
      <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="description" label="说明">
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item name="sort" label="排序">
        <InputNumber min={0} max={9999} />
      </Form.Item>
      <Form.Item name="active" label="启用" valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}

/** Request kinds, activity types, pairing categories and contact kinds: added, renamed or retired as data. */
function LookupsPanel() {
  const lookups = useLookups();
  const [list, setList] = useState<LookupList>('request_kind');
  const [editing, setEditing] = useState<LookupItem | 'new' | null>(null);
  if (lookups.isError) return <QueryError error={lookups.error} onRetry={() => lookups.refetch()} />;
  return (
    <Card
      title={
        <Select
          value={list}
          onChange={setList}
          options={lookupLists.map((l) => ({ value: l, label: lookupListLabels[l] }))}
          style={{ width: 180 }}
        />
      }
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增
        </Button>
      }
    >
      <Table<LookupItem>
        rowKey="id"
        size="small"
        loading={lookups.isPending}
        dataSource={(lookups.data ?? []).filter((l) => l.list === list)}
        pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name' },
          ...(list === 'request_kind'
            ? [
                {
                  title: '适用于',
                  render: (_: unknown, l: LookupItem) => (l.subject ? requestSubjectLabels[l.subject] : '均可'),
                },
              ]
            : []),
          { title: '状态', width: 80, render: (_, l) => (l.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          {
            title: '',
            width: 70,
            render: (_, l) => (
              <Button type="link" size="small" onClick={() => setEditing(l)}>
                修改
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <LookupModal list={list} item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}

function LookupModal({ list, item, onClose }: { list: LookupList; item: LookupItem | null; onClose: () => void }) {
  const create = useCreateLookup();
  const update = useUpdateLookup();
  return (
    <FormModal
      title={`${item ? '修改' : '新增'}${lookupListLabels[list]}`}
      initialValues={{ name: item?.name, subject: item?.subject ?? null, active: item?.active ?? true }}
      submit={(v: { name: string; subject: 'unit' | 'family' | null; active: boolean }) =>
        item
          ? update.mutateAsync({
              id: item.id,
              input: { name: v.name.trim(), subject: v.subject ?? null, active: v.active },
            })
          : create.mutateAsync({ list, name: v.name.trim(), subject: v.subject ?? null })
      }
      success="已保存"
      onClose={onClose}
    >
      <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
        <Input maxLength={40} />
      </Form.Item>
      {list === 'request_kind' && (
        <Form.Item name="subject" label="适用于">
          <Select
            options={[
              { value: null, label: '均可' },
              { value: 'unit', label: requestSubjectLabels.unit },
              { value: 'family', label: requestSubjectLabels.family },
            ]}
          />
        </Form.Item>
      )}
      {item && (
        <Form.Item name="active" label="启用" valuePropName="checked" extra="停用后不能再选用，已有记录保留原名称">
          <Switch />
        </Form.Item>
      )}
    </FormModal>
  );
}
