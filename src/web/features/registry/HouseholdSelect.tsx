import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useHouseholds } from './registry.queries.ts';

/** Pick a household of the user's scope, searched by name (the current one stays listed). */
export function HouseholdSelect({
  value,
  onChange,
  current,
  id,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  current?: { id: number; name: string } | null;
  id?: string;
}) {
  const [q, setQ] = useState('');
  const households = useHouseholds({ q: q || undefined, pageSize: 20 });
  const options = useMemo(() => {
    const list = (households.data?.items ?? []).map((h) => ({
      value: h.id,
      label: `${h.name}${h.regionName ? `（${h.regionName}）` : ''}`,
    }));
    if (current && !list.some((o) => o.value === current.id)) list.unshift({ value: current.id, label: current.name });
    return list;
  }, [households.data, current]);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(typeof v === 'number' ? v : null)}
      options={options}
      loading={households.isFetching}
      placeholder="输入户名查找，如“张三户”"
      notFoundContent={q ? '没有匹配的家庭户，可点击“新建家庭户”' : '暂无家庭户'}
      style={{ width: '100%' }}
    />
  );
}
