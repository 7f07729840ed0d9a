import { TrophyOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Pagination,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  type HonoreeItem,
  type HonoreeKind,
  type HonourLevel,
  honoreeKindLabels,
  honoreeKinds,
  honourLevelLabels,
  honourLevels,
} from '../../../shared/api/army-people.api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { AddButton, ListPage } from '../../components/ListPage.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { choices, FilterSearch, FilterSelect } from '../../components/UrlFilterInputs.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useMe } from '../auth/auth.queries.ts';
import { useUnits } from '../org/org.queries.ts';
import { RegionSelect } from '../org/RegionSelect.tsx';
import { unitText } from '../org/unit-text.ts';
import { UnitLabel } from '../troops/troops-ui.tsx';
import { useHonorees, useSaveHonoree } from './army-people.queries.ts';

const pageSize = 12;
const filterKeys = ['q', 'kind', 'level', 'open'] as const;

/** 双拥模范和先进典型: units and individuals with their honours and stories, for publicity. */
export function HonoreesPage() {
  const me = useMe();
  const isMobile = useIsMobile();
  const isOffice = me.role === 'office' || me.role === 'admin';
  const filters = useUrlFilters(filterKeys);
  const [editing, setEditing] = useState<HonoreeItem | 'new' | null>(null);
  const { q, kind, level } = filters.values;
  const list = useHonorees({ q, kind, level, page: filters.page, pageSize });
  // The record open is part of the list's URL (a link may open it); opening adds a history entry so Back closes it.
  const open = filters.id('open');
  const reading = list.data?.items.find((h) => h.id === open) ?? null;
  const setOpen = (id: number | null) => filters.set({ open: id, page: filters.page }, { push: id !== null });
  return (
    <>
      <ListPage
        title="双拥模范"
        subTitle="双拥模范单位和个人、先进典型：荣誉称号和事迹，用于宣传学习。"
        extra={isOffice && <AddButton onClick={() => setEditing('new')}>登记模范</AddButton>}
        filters={
          <>
            <FilterSearch filters={filters} name="q" placeholder="名称或荣誉称号" width={220} />
            <FilterSelect
              filters={filters}
              name="kind"
              placeholder="单位和个人"
              options={choices(honoreeKindLabels)}
              style={{ width: 130 }}
            />
            <FilterSelect
              filters={filters}
              name="level"
              placeholder="全部级别"
              options={choices(honourLevelLabels)}
              style={{ width: 190 }}
            />
          </>
        }
      >
        {list.isError && (
          <QueryError
            error={list.error}
            onRetry={() => list.refetch()}
            onClearFilters={filters.active() ? filters.clear : undefined}
          />
        )}
        {list.data?.items.length === 0 && (
          <Empty
            description={
              isOffice ? '还没有登记的双拥模范和先进典型。点右上角“登记模范”录入。' : '还没有登记的双拥模范和先进典型。'
            }
          />
        )}
        <Row gutter={[16, 16]}>
          {(list.data?.items ?? []).map((h) => (
            <Col key={h.id} xs={24} md={12} xl={8}>
              <Card
                hoverable
                onClick={() => setOpen(h.id)}
                title={
                  <Space>
                    <TrophyOutlined style={{ color: '#d4a017' }} />
                    {h.name}
                  </Space>
                }
                extra={!h.published && <Tag>未发布</Tag>}
              >
                <div>
                  <Tag color="red">{h.honour}</Tag>
                </div>
                <div className="sy-code" style={{ margin: '6px 0' }}>
                  {h.year} 年 · {honourLevelLabels[h.level]} · {honoreeKindLabels[h.kind]}
                  {h.unit && (
                    <>
                      {' '}
                      · <UnitLabel unit={h.unit} compact />
                    </>
                  )}
                </div>
                <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 0 }}>
                  {h.story}
                </Typography.Paragraph>
              </Card>
            </Col>
          ))}
        </Row>
        {(list.data?.total ?? 0) > pageSize && (
          <Pagination
            style={{ marginTop: 16 }}
            current={filters.page}
            pageSize={pageSize}
            total={list.data?.total ?? 0}
            onChange={(page) => filters.set({ page })}
          />
        )}
      </ListPage>
      {reading && (
        <Modal
          open
          title={reading.name}
          footer={
            <Space>
              {reading.canEdit && (
                <Button
                  onClick={() => {
                    setEditing(reading);
                    setOpen(null);
                  }}
                >
                  修改
                </Button>
              )}
              <Button type="primary" onClick={() => setOpen(null)}>
                关闭
              </Button>
            </Space>
          }
          onCancel={() => setOpen(null)}
          width={isMobile ? '100%' : 640}
        >
          <p>
            <Tag color="red">{reading.honour}</Tag> {reading.year} 年 · {honourLevelLabels[reading.level]}
          </p>
          <div className="sy-pre">{reading.story || '暂无事迹介绍。'}</div>
        </Modal>
      )}
      {editing && <HonoreeModal honoree={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

interface Values {
  kind: HonoreeKind;
  name: string;
  unitId?: number | null;
  honour: string;
  level: HonourLevel;
  year: number;
  story?: string;
  regionId?: number | null;
  published: boolean;
}

function HonoreeModal({ honoree, onClose }: { honoree: HonoreeItem | null; onClose: () => void }) {
  const save = useSaveHonoree();
  const units = useUnits();
  return (
    <FormModal
      title={honoree ? '修改模范记录' : '登记模范'}
      initialValues={{
        kind: honoree?.kind ?? 'unit',
        name: honoree?.name,
        unitId: honoree?.unit?.id ?? undefined,
        honour: honoree?.honour,
        level: honoree?.level ?? 'district',
        year: honoree?.year ?? new Date().getFullYear(),
        story: honoree?.story ?? undefined,
        regionId: honoree?.regionId ?? undefined,
        published: honoree?.published ?? false,
      }}
      submit={(v: Values) =>
        save.mutateAsync({
          id: honoree?.id ?? null,
          input: {
            kind: v.kind,
            name: v.name.trim(),
            unitId: v.unitId ?? null,
            honour: v.honour.trim(),
            level: v.level,
            year: v.year,
            story: v.story?.trim() || null,
            regionId: v.regionId ?? null,
            published: v.published,
          },
        })
      }
      success="已保存"
      onClose={onClose}
    >
      <Form.Item name="kind" label="类型">
        <Select options={honoreeKinds.map((k) => ({ value: k, label: honoreeKindLabels[k] }))} />
      </Form.Item>
      <Form.Item
        name="name"
        label="单位或个人名称"
        rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
        extra="部队请用代称，不要填写番号"
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="unitId" label="所属单位">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={units.isPending}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: unitText(u) }))}
        />
      </Form.Item>
      <Form.Item
        name="honour"
        label="荣誉称号"
        rules={[{ required: true, whitespace: true, message: '请填写荣誉称号' }]}
      >
        <Input maxLength={200} placeholder="如：全国双拥模范单位" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="level" label="级别">
          <Select
            style={{ width: 200 }}
            options={honourLevels.map((l) => ({ value: l, label: honourLevelLabels[l] }))}
          />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={1949} max={2100} />
        </Form.Item>
      </Space>
      <Form.Item name="regionId" label="所属区域" extra="不选则为您所在的区域">
        <RegionSelect />
      </Form.Item>
      <Form.Item name="story" label="事迹">
        <Input.TextArea rows={6} maxLength={20000} />
      </Form.Item>
      <Form.Item name="published" label="发布（各单位可见）" valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
