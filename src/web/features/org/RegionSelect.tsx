import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { RegionItem } from '../../api/types.ts';
import { regionTreeSelectData } from '../../components/region-tree.ts';
import { useRegions } from './org.queries.ts';

interface RegionPickProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
}

/**
 * A region tree to pick one region from, searchable by name or code. `regions` is the loaded list (which regions
 * depends on the picker); `failed` and `notFound` say, in its own words, that it did not load or nothing matches.
 */
export function RegionTreeSelect({
  regions,
  failed,
  notFound,
  value,
  onChange,
  placeholder,
  allowClear = true,
  id,
}: RegionPickProps & {
  regions: { data: readonly RegionItem[] | undefined; isPending: boolean; isError: boolean };
  failed: string;
  notFound: string;
}) {
  const treeData = useMemo(() => regionTreeSelectData(regions.data ?? []), [regions.data]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(typeof v === 'number' ? v : null)}
      treeData={treeData}
      placeholder={regions.isError ? failed : placeholder}
      loading={regions.isPending}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      treeNodeLabelProp="label"
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      notFoundContent={notFound}
    />
  );
}

/** Pick a region from the tree the user may see; searchable by name or code. */
export function RegionSelect({ placeholder = '选择区划', ...props }: RegionPickProps) {
  const regions = useRegions();
  return (
    <RegionTreeSelect
      regions={regions}
      failed="区划加载失败，请刷新重试"
      notFound="没有匹配的区划"
      placeholder={placeholder}
      {...props}
    />
  );
}
