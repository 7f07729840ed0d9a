import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import type { PersonListItem } from '../../../shared/api/registry.api.ts';
import { api } from '../../api/client.ts';

/** Finds a person in the registry (name, pinyin initials, ID tail, phone) within the viewer's scope. */
export function PersonPicker({
  value,
  onChange,
  testId,
}: {
  value?: number | null;
  onChange?: (id: number | null) => void;
  testId?: string;
}) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['campaigns', 'person-search', q],
    queryFn: ({ signal }) =>
      api.get<{ items: PersonListItem[] }>('/api/persons', { q, pageSize: 20, status: 'all' }, signal),
    enabled: q.trim().length > 0,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder="输入姓名、拼音首字母或证件号后 4 位查找"
      notFoundContent={q ? (found.isFetching ? '查找中…' : '没有找到，请换个写法') : '请输入查找条件'}
      data-testid={testId}
      options={(found.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}（${p.idNumber}，${p.residenceStreetName ?? p.hukouStreetName ?? '—'}，${p.categories
          .map((c) => c.name)
          .join('、')}）`,
      }))}
    />
  );
}
