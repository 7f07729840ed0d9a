import { Empty, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { QueryError } from './QueryError.tsx';
import { useIsMobile } from './responsive.ts';
import type { UrlFilters } from './use-url-filters.ts';

/** A list query's state, as TanStack Query gives it for the server's `{ items, total }` pages. */
interface PagedQuery<T> {
  data?: { items: T[]; total: number } | undefined;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

/** The rows a page of a server-paged list: the page size the list query asks for. */
export const pageSize = 20;

/**
 * A server-paged list as a table, its page kept in the URL with the list's filters: the load error with a retry
 * (or, when the server refused the filters in the URL, a button that clears them),
 * the empty message (`filtered` while a filter is set), "共 N 件" and, on a phone, a horizontal scroll of
 * `mobileWidth`.
 */
export function PagedTable<T extends { id: number }, K extends string = string>({
  list,
  filters,
  unit,
  empty,
  filtered,
  mobileWidth,
  ...table
}: {
  list: PagedQuery<T>;
  filters: UrlFilters<K>;
  /** The counting word of the total: 件, 对, 家 … */
  unit: string;
  empty: ReactNode;
  filtered?: ReactNode;
  mobileWidth: number;
} & Omit<TableProps<T>, 'rowKey' | 'loading' | 'dataSource' | 'scroll' | 'locale' | 'pagination'>) {
  const isMobile = useIsMobile();
  if (list.isError) {
    return (
      <QueryError
        error={list.error}
        onRetry={() => list.refetch()}
        onClearFilters={filters.active() ? filters.clear : undefined}
      />
    );
  }
  return (
    <Table<T>
      rowKey="id"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      scroll={isMobile ? { x: mobileWidth } : undefined}
      locale={{ emptyText: <Empty description={filtered !== undefined && filters.active() ? filtered : empty} /> }}
      pagination={{
        current: filters.page,
        pageSize,
        total: list.data?.total ?? 0,
        onChange: (page) => filters.set({ page }),
        showTotal: (n) => `共 ${n} ${unit}`,
      }}
      {...table}
    />
  );
}
