import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { regionTreeSelectData } from '../../components/region-tree.ts';
import { useRegions } from './org.queries.ts';

/** Pick a region from the tree the user may see; searchable by name or code. */
export function RegionSelect({
  value,
  onChange,
  placeholder = '选择区划',
  allowClear = true,
  id,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
}) {
  const regions = useRegions();
  const treeData = useMemo(() => regionTreeSelectData(regions.data ?? []), [regions.data]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(typeof v === 'number' ? v : null)}
      treeData={treeData}
      placeholder={regions.isError ? '区划加载失败，请刷新重试' : placeholder}
      loading={regions.isPending}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      treeNodeLabelProp="label"
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      notFoundContent="没有匹配的区划"
    />
  );
}
