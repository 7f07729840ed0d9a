import { Button, DatePicker, Descriptions, Drawer, Form, Input, List, Select, Space, Switch, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  type SupporterDetail,
  type SupporterKind,
  type SupporterListItem,
  supporterKindLabels,
  supporterKinds,
} from '../../../shared/api/army-people.api.ts';
import type { RequestStatus } from '../../../shared/domain/troops/request-flow.ts';
import { ContactFields } from '../../components/ContactFields.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { blankToNull } from '../../components/form-text.ts';
import { AddButton, ListPage } from '../../components/ListPage.tsx';
import { PagedTable, pageSize } from '../../components/PagedTable.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { choices, FilterSearch, FilterSelect } from '../../components/UrlFilterInputs.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useMe } from '../auth/auth.queries.ts';
import { RegionSelect } from '../org/RegionSelect.tsx';
import { RequestStatusTag, UnitLabel } from '../troops/troops-ui.tsx';
import { useSaveSupporter, useSupporter, useSupporters } from './army-people.queries.ts';

const filterKeys = ['q', 'kind', 'open'] as const;

/** 社会力量: enterprises (拥军优待商户), social organisations, volunteer teams and social workers, with what they pledge. */
export function SupportersPage() {
  const me = useMe();
  const isOffice = me.role === 'office' || me.role === 'admin';
  const filters = useUrlFilters(filterKeys);
  const open = filters.id('open');
  const [editing, setEditing] = useState<SupporterDetail | 'new' | null>(null);
  const list = useSupporters({ kind: filters.values.kind, q: filters.values.q, page: filters.page, pageSize });
  // The drawer is part of the list's URL (a link may open it); opening adds a history entry so Back closes it.
  const setOpen = (id: number | null) => filters.set({ open: id, page: filters.page }, { push: id !== null });

  return (
    <>
      <ListPage
        title="社会力量"
        subTitle="行业拥军、社会化拥军：拥军优待商户、社会组织、志愿服务队和社会工作者承诺的支持，以及参与解决的部队诉求。"
        extra={isOffice && <AddButton onClick={() => setEditing('new')}>登记社会力量</AddButton>}
        filters={
          <>
            <FilterSearch filters={filters} name="q" placeholder="名称或承诺内容" width={240} />
            <FilterSelect
              filters={filters}
              name="kind"
              placeholder="全部类型"
              options={choices(supporterKindLabels)}
              style={{ width: 190 }}
            />
          </>
        }
      >
        <PagedTable<SupporterListItem>
          list={list}
          filters={filters}
          unit="家"
          empty={
            isOffice
              ? '还没有登记社会力量。点右上角“登记社会力量”录入企业、社会组织和志愿服务队。'
              : '暂无社会力量信息。'
          }
          mobileWidth={760}
          columns={[
            {
              title: '名称',
              render: (_, s) => (
                <div>
                  <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(s.id)}>
                    {s.name}
                  </Button>
                  <div>
                    <Tag>{supporterKindLabels[s.kind]}</Tag>
                    {!s.active && <Tag>已停止</Tag>}
                  </div>
                </div>
              ),
            },
            { title: '承诺的支持', render: (_, s) => <span className="sy-pre">{s.pledge}</span> },
            { title: '优惠', width: 110, render: (_, s) => s.benefit ?? '—' },
            {
              title: '有效期',
              width: 190,
              render: (_, s) => (s.validFrom || s.validTo ? `${s.validFrom ?? '…'} 至 ${s.validTo ?? '长期'}` : '长期'),
            },
            { title: '参与诉求', width: 90, dataIndex: 'requestCount' },
          ]}
        />
      </ListPage>
      {open && <SupporterDrawer id={open} onClose={() => setOpen(null)} onEdit={(s) => setEditing(s)} />}
      {editing && <SupporterModal supporter={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function SupporterDrawer({
  id,
  onClose,
  onEdit,
}: {
  id: number;
  onClose: () => void;
  onEdit: (s: SupporterDetail) => void;
}) {
  const isMobile = useIsMobile();
  const supporter = useSupporter(id);
  const s = supporter.data;
  return (
    <Drawer
      open
      onClose={onClose}
      title={s?.name ?? '社会力量'}
      size={isMobile ? '100%' : 520}
      extra={s?.canEdit && <Button onClick={() => onEdit(s)}>修改</Button>}
    >
      {supporter.isError && <QueryError error={supporter.error} />}
      {s && (
        <>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="类型">{supporterKindLabels[s.kind]}</Descriptions.Item>
            <Descriptions.Item label="所在区域">{s.regionName ?? '—'}</Descriptions.Item>
            {s.contactName !== null && (
              <Descriptions.Item label="联系人">
                {[s.contactName, s.contactPhone].filter(Boolean).join(' ')}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="承诺的支持">
              <span className="sy-pre">{s.pledge}</span>
            </Descriptions.Item>
            <Descriptions.Item label="优惠">{s.benefit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="有效期">
              {s.validFrom || s.validTo ? `${s.validFrom ?? '…'} 至 ${s.validTo ?? '长期'}` : '长期'}
            </Descriptions.Item>
            {s.notes && <Descriptions.Item label="备注">{s.notes}</Descriptions.Item>}
          </Descriptions>
          <h3>参与解决的诉求</h3>
          <List
            size="small"
            dataSource={s.requests}
            locale={{ emptyText: '暂无（只显示您数据范围内的诉求）' }}
            renderItem={(r) => (
              <List.Item>
                <Space wrap>
                  <Link to={`/troops/requests/${r.id}`}>{r.title}</Link>
                  <RequestStatusTag status={r.status as RequestStatus} />
                  {r.militaryUnit && <UnitLabel unit={r.militaryUnit} compact />}
                  {r.note && <span className="sy-code">{r.note}</span>}
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}

interface Values {
  kind: SupporterKind;
  name: string;
  regionId?: number | null;
  contactName?: string;
  contactPhone?: string;
  pledge: string;
  benefit?: string;
  valid?: [Dayjs | null, Dayjs | null] | null;
  active: boolean;
  notes?: string;
}

function SupporterModal({ supporter, onClose }: { supporter: SupporterDetail | null; onClose: () => void }) {
  const save = useSaveSupporter();
  return (
    <FormModal
      title={supporter ? '修改社会力量' : '登记社会力量'}
      initialValues={{
        kind: supporter?.kind ?? 'enterprise',
        name: supporter?.name,
        regionId: supporter?.regionId ?? undefined,
        contactName: supporter?.contactName ?? undefined,
        contactPhone: supporter?.contactPhone ?? undefined,
        pledge: supporter?.pledge,
        benefit: supporter?.benefit ?? undefined,
        valid: supporter
          ? [
              supporter.validFrom ? dayjs(supporter.validFrom) : null,
              supporter.validTo ? dayjs(supporter.validTo) : null,
            ]
          : null,
        active: supporter?.active ?? true,
        notes: supporter?.notes ?? undefined,
      }}
      submit={(v: Values) =>
        save.mutateAsync({
          id: supporter?.id ?? null,
          input: {
            kind: v.kind,
            name: v.name.trim(),
            regionId: v.regionId ?? null,
            contactName: blankToNull(v.contactName),
            contactPhone: blankToNull(v.contactPhone),
            pledge: v.pledge.trim(),
            benefit: blankToNull(v.benefit),
            validFrom: v.valid?.[0]?.format('YYYY-MM-DD') ?? null,
            validTo: v.valid?.[1]?.format('YYYY-MM-DD') ?? null,
            active: v.active,
            notes: blankToNull(v.notes),
          },
        })
      }
      success="已保存"
      onClose={onClose}
    >
      <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
        <Select options={supporterKinds.map((k) => ({ value: k, label: supporterKindLabels[k] }))} />
      </Form.Item>
      <Form.Item name="name" label="名称或姓名" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="regionId" label="所在区域" extra="不选则为您所在的区域">
        <RegionSelect />
      </Form.Item>
      <Form.Item
        name="pledge"
        label="承诺的支持"
        rules={[{ required: true, whitespace: true, message: '请填写承诺提供的支持' }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          placeholder="如：现役军人及家属凭证就餐九折；每月为营区官兵义务理发一次"
        />
      </Form.Item>
      <Form.Item name="benefit" label="优惠（简称）">
        <Input maxLength={500} placeholder="如：九折" />
      </Form.Item>
      <Form.Item name="valid" label="有效期">
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
      </Form.Item>
      <ContactFields name="contactName" phone="contactPhone" />
      <Form.Item name="notes" label="备注">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="active" label="有效" valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
