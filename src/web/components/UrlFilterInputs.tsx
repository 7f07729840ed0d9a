/** The inputs of a list's filters kept in the URL (see use-url-filters.ts): a select and an "only …" switch. */
import { Flex, Select, Switch } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { UrlFilters } from './use-url-filters.ts';

function setOne<K extends string>(filters: UrlFilters<K>, name: K, value: string | number | boolean | null) {
  const patch: Partial<Record<K | 'page', string | number | boolean | null>> = {};
  patch[name] = value;
  filters.set(patch);
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
