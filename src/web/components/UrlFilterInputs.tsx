/**
 * The inputs of a list's filters kept in the URL (see use-url-filters.ts): the search box, a select, a region
 * picker and an "only …" switch. List pages build their filter bars from these, never from page state.
 */
import { SearchOutlined } from '@ant-design/icons';
import { DatePicker, Flex, Input, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties, ReactNode } from 'react';
import { RegionSelect } from '../features/org/RegionSelect.tsx';
import { useIsMobile } from './responsive.ts';
import { type FilterPatch, type UrlFilters, useUrlSearch } from './use-url-filters.ts';

function setOne<K extends string>(filters: UrlFilters<K>, name: K, value: string | number | boolean | null) {
  filters.set({ [name]: value } as FilterPatch<K>);
}

/** A select's options from value → label, in the labels' order (the app's `…Labels` records). */
export const choices = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Full width on a phone, else `width`. */
function useWidth(width: number | string): number | string {
  return useIsMobile() ? '100%' : width;
}

/**
 * The list's search box over the `q` filter: the list follows as one types (debounced, see useUrlSearch), Enter
 * searches at once. Full width on a phone.
 */
export function FilterSearch<K extends string>({
  filters,
  name,
  placeholder,
  label,
  width,
}: {
  filters: UrlFilters<K>;
  name: K;
  placeholder: string;
  /** The accessible name, when it is not the placeholder. */
  label?: string;
  width: number | string;
}) {
  const search = useUrlSearch(filters, name);
  const w = useWidth(width);
  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={placeholder}
      aria-label={label ?? placeholder}
      value={search.text}
      onChange={(e) => search.change(e.target.value)}
      onPressEnter={search.flush}
      style={{ width: w }}
    />
  );
}

/** 按街道、社区筛选: a region picker over the `regionId` filter. */
export function RegionFilter<K extends string>({
  filters,
  placeholder = '按街道、社区筛选',
  width = 240,
}: {
  filters: UrlFilters<K | 'regionId'>;
  placeholder?: string;
  width?: number | string;
}) {
  const w = useWidth(width);
  return (
    <div style={{ width: w }}>
      <RegionSelect
        value={filters.id('regionId') ?? null}
        onChange={(v) => setOne(filters, 'regionId', v)}
        placeholder={placeholder}
      />
    </div>
  );
}

/** A date range over the `from` and `to` filters (YYYY-MM-DD, either end open). */
export function FilterDateRange<K extends string>({
  filters,
  label,
  width = 260,
}: {
  filters: UrlFilters<K | 'from' | 'to'>;
  label?: string;
  width?: number | string;
}) {
  const { from, to } = filters.values;
  const w = useWidth(width);
  return (
    <DatePicker.RangePicker
      allowEmpty={[true, true]}
      aria-label={label}
      value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
      onChange={(v) => filters.set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
      style={{ width: w }}
    />
  );
}

export interface FilterSelectProps<K extends string> {
  filters: UrlFilters<K>;
  name: K;
  options: { value: string | number; label: string }[];
  placeholder?: string;
  /** The accessible name, when it is not the placeholder. */
  label?: string;
  fallback?: string;
  ids?: boolean;
  search?: boolean;
  style?: CSSProperties;
  popupMatchSelectWidth?: boolean;
}

/**
 * A select over one URL filter. Clearable with `placeholder` shown when unset; or, with `fallback`, always showing
 * a choice, where choosing the fallback drops the filter. `ids` reads the value as a number (options by id).
 */
export function FilterSelect<K extends string>({
  filters,
  name,
  options,
  placeholder,
  label,
  fallback,
  ids,
  search,
  style,
  popupMatchSelectWidth,
}: FilterSelectProps<K>) {
  const raw = ids ? filters.id(name) : filters.values[name];
  return (
    <Select<string | number>
      allowClear={fallback === undefined}
      showSearch={search ? { optionFilterProp: 'label' } : undefined}
      placeholder={placeholder}
      aria-label={label}
      value={raw ?? fallback}
      onChange={(v) => setOne(filters, name, fallback !== undefined && v === fallback ? null : (v ?? null))}
      options={options}
      style={style}
      popupMatchSelectWidth={popupMatchSelectWidth}
    />
  );
}

/** 只看… : a switch over a true/absent URL filter, with its text (and e.g. a count) beside it. */
export function FilterSwitch<K extends string>({
  filters,
  name,
  children,
}: {
  filters: UrlFilters<K>;
  name: K;
  children: ReactNode;
}) {
  return (
    <Flex align="center" gap={6}>
      <Switch size="small" checked={filters.values[name] === 'true'} onChange={(v) => setOne(filters, name, v)} />
      {children}
    </Flex>
  );
}
