import { Tag } from 'antd';
import type { UrlFilters } from './use-url-filters.ts';

/**
 * Filters a link brought (e.g. a figure of 统计分析) that have no control of their own on the page, as one tag
 * that says what narrows the list; closing it shows the whole list again.
 */
export function LinkedFilters<K extends string>({
  filters,
  labels,
}: {
  filters: UrlFilters<K>;
  labels: Partial<Record<K | 'from' | 'to', string>>;
}) {
  const keys = (Object.keys(labels) as K[]).filter((k) => filters.values[k]);
  if (keys.length === 0) return null;
  const values = filters.values as Partial<Record<string, string>>;
  const parts = keys
    .filter((k) => k !== 'to' || !values.from)
    .map((k) => (k === 'from' || k === 'to' ? `${values.from ?? '…'} 至 ${values.to ?? '今'}` : (labels[k] as string)));
  return (
    <Tag
      closable
      color="blue"
      data-testid="linked-filters"
      onClose={() => filters.set(Object.fromEntries(keys.map((k) => [k, null])) as Parameters<UrlFilters<K>['set']>[0])}
      style={{ alignSelf: 'center', marginInlineEnd: 0 }}
    >
      已按{parts.join('、')}筛选
    </Tag>
  );
}
