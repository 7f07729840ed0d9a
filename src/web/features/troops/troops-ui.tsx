import { LockOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, List, Popconfirm, Select, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import type { AttachmentItem, MilitaryUnitRef, UnitRef } from '../../../shared/api/troops.api.ts';
import type { RequestStatus } from '../../../shared/domain/troops/request-flow.ts';
import { requestStatusLabels } from '../../../shared/domain/troops/request-flow.ts';
import { api } from '../../api/client.ts';
import type { RegionItem } from '../../api/types.ts';
import { FilterSelect } from '../../components/UrlFilterInputs.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import type { UrlFilters } from '../../components/use-url-filters.ts';
import { useMe } from '../auth/auth.queries.ts';
import { RegionTreeSelect } from '../org/RegionSelect.tsx';
import { useInvalidateTroops, useProgrammes } from './troops.queries.ts';
import './troops.css';
import { uploadBytes } from '../../api/client.ts';

const statusColors: Record<RequestStatus, string> = {
  pending: 'orange',
  in_progress: 'blue',
  resolved: 'green',
  rated: 'default',
};

/** A card of the records linked to this one (requests, meetings, supporters), each with 取消关联 when `unlink` is given. */
export function LinkedCard<T extends { id: number }>({
  title,
  extra,
  empty,
  items,
  unlink,
  render,
}: {
  title: ReactNode;
  extra?: ReactNode;
  empty: string;
  items: T[];
  unlink?: ((id: number) => void) | false;
  render: (item: T) => ReactNode;
}) {
  return (
    <Card title={title} style={{ marginTop: 16 }} extra={extra}>
      {items.length === 0 ? (
        <span className="sy-code">{empty}</span>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(item) => (
            <List.Item
              actions={
                unlink
                  ? [
                      <Button key="x" type="link" size="small" onClick={() => unlink(item.id)}>
                        取消关联
                      </Button>,
                    ]
                  : []
              }
            >
              <Space wrap>{render(item)}</Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  return <Tag color={statusColors[status]}>{requestStatusLabels[status]}</Tag>;
}

export function OverdueTag({ days }: { days: number }) {
  return days > 0 ? <Tag color="red">逾期 {days} 天</Tag> : null;
}

/**
 * A unit as the server let the viewer see it: the 番号 with the alias beside it for cleared roles, otherwise
 * the alias with a 保密 mark. Non-military units show their name.
 */
export function UnitLabel({ unit, compact = false }: { unit: MilitaryUnitRef | UnitRef | null; compact?: boolean }) {
  if (!unit) return <span className="sy-code">—</span>;
  const military = !('kind' in unit) || unit.kind === 'military';
  if (!military) return <span>{unit.name}</span>;
  if (unit.designation) {
    return compact ? (
      <Tooltip title={`代称：${unit.name}`}>
        <span>{unit.designation}</span>
      </Tooltip>
    ) : (
      <span>
        {unit.designation} <span className="sy-code">（{unit.name}）</span>
      </span>
    );
  }
  return (
    <span>
      {unit.name}{' '}
      <Tooltip title="部队番号属保密信息，仅授权角色可见">
        <LockOutlined style={{ color: '#b71c1c' }} aria-label="保密" />
      </Tooltip>
    </span>
  );
}

/** Money kept in 分, shown in 元. */
export function yuan(cents: number): string {
  return `¥${(cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function ProgrammeTags({ ids }: { ids: readonly number[] }) {
  const programmes = useProgrammes();
  const names = new Map((programmes.data ?? []).map((p) => [p.id, p.name]));
  if (ids.length === 0) return null;
  return (
    <Space size={4} wrap>
      {ids.map((id) => (
        <Tag key={id} color="volcano">
          {names.get(id) ?? `专项 ${id}`}
        </Tag>
      ))}
    </Space>
  );
}

export function ProgrammeSelect({
  value,
  onChange,
  id,
}: {
  value?: number[];
  onChange?: (v: number[]) => void;
  id?: string;
}) {
  const programmes = useProgrammes();
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      value={value ?? []}
      onChange={onChange}
      placeholder="可选：所属专项活动"
      loading={programmes.isPending}
      options={(programmes.data ?? [])
        .filter((p) => p.active || value?.includes(p.id))
        .map((p) => ({ value: p.id, label: p.name }))}
    />
  );
}

/** A list's 全部专项 filter (by programme id, in the URL). */
export function ProgrammeFilter<K extends string>({
  filters,
  width,
}: {
  filters: UrlFilters<K | 'programmeId'>;
  width: number;
}) {
  const programmes = useProgrammes();
  return (
    <FilterSelect
      filters={filters}
      name="programmeId"
      ids
      placeholder="全部专项"
      options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
      style={{ width }}
    />
  );
}

/** Regions the user may pick (where the paired people live, where an activity takes place). */
export function PlaceSelect({
  value,
  onChange,
  id,
  placeholder = '选择街道或社区',
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  id?: string;
  placeholder?: string;
}) {
  const places = useQuery({
    queryKey: ['army-people', 'places'],
    queryFn: ({ signal }) => api.get<{ items: RegionItem[] }>('/api/army-people/places', undefined, signal),
    staleTime: 5 * 60_000,
  });
  return (
    <RegionTreeSelect
      id={id}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      regions={{ data: places.data?.items, isPending: places.isPending, isError: places.isError }}
      failed="区域加载失败，请刷新重试"
      notFound="没有可选的区域"
    />
  );
}

/**
 * The files of a record: links that open them, an upload button for those who may add files, and a
 * 含涉密信息 switch so that files naming a 番号 reach cleared roles only.
 */
export function Attachments({
  base,
  items,
  canUpload,
  canDelete,
  accept = '.jpg,.jpeg,.png,.pdf',
  hint = '支持 JPG、PNG、PDF，单个不超过 10 MB',
  path = 'attachments',
}: {
  base: string;
  items: readonly AttachmentItem[];
  canUpload: boolean;
  canDelete?: (item: AttachmentItem) => boolean;
  accept?: string;
  hint?: string;
  path?: string;
}) {
  const me = useMe();
  const feedback = useFeedback();
  const invalidate = useInvalidateTroops();
  const [confidential, setConfidential] = useState(false);
  const [busy, setBusy] = useState(false);
  const remove = async (fileId: number) => {
    try {
      await api.delete(`${base}/${path}/${fileId}`);
      feedback.success('已删除');
      invalidate();
    } catch (error) {
      feedback.error(error);
    }
  };
  return (
    <div>
      {items.length > 0 && (
        <List
          size="small"
          dataSource={items as AttachmentItem[]}
          renderItem={(f) => (
            <List.Item
              actions={
                canDelete?.(f)
                  ? [
                      <Popconfirm
                        key="del"
                        title="删除这个文件？"
                        okText="删除"
                        cancelText="取消"
                        onConfirm={() => remove(f.id)}
                      >
                        <Button type="link" size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Space wrap>
                <PaperClipOutlined />
                <a href={`${base}/${path}/${f.id}`} target="_blank" rel="noreferrer">
                  {f.name}
                </a>
                <span className="sy-code">
                  {(f.size / 1024).toFixed(0)} KB · {f.uploadedBy ?? ''}
                </span>
                {f.confidential && <Tag color="red">涉密</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {items.length === 0 && !canUpload && <Typography.Text type="secondary">暂无附件</Typography.Text>}
      {canUpload && (
        <Flex gap={12} align="center" wrap style={{ marginTop: 8 }}>
          <Upload
            accept={accept}
            showUploadList={false}
            customRequest={async ({ file, onSuccess, onError }) => {
              setBusy(true);
              try {
                const blob = file as File;
                const result = await uploadBytes<AttachmentItem>(`${base}/${path}`, blob, me.csrfToken, {
                  query: { name: blob.name, confidential: confidential ? '1' : '0' },
                  tooLarge: '文件超过 10 MB，请压缩后重新上传。',
                });
                onSuccess?.(result);
                feedback.success(`已上传：${blob.name}`);
                invalidate();
              } catch (error) {
                onError?.(error as Error);
                feedback.error(error);
              } finally {
                setBusy(false);
              }
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy}>
              上传文件
            </Button>
          </Upload>
          <Checkbox checked={confidential} onChange={(e) => setConfidential(e.target.checked)}>
            含部队番号等涉密信息
          </Checkbox>
          <span className="sy-code">{hint}</span>
        </Flex>
      )}
    </div>
  );
}
