import { Empty, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { QueryError } from './QueryError.tsx';
import { useIsMobile } from './responsive.ts';

/** A list query's state, as TanStack Query gives it for the server's `{ items, total }` pages. */
interface PagedQuery<T> {
  data?: { items: T[]; total: number } | undefined;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

/**
 * A server-paged list as a table: the load error with a retry, the empty message, "共 N 件" and, on a phone,
 * a horizontal scroll of `mobileWidth`.
 */
export function PagedTable<T extends { id: number }>({
  list,
  page,
  pageSize,
  onPage,
  unit,
  empty,
  mobileWidth,
  ...table
}: {
  list: PagedQuery<T>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** The counting word of the total: 件, 对, 家 … */
  unit: string;
  empty: ReactNode;
  mobileWidth: number;
} & Omit<TableProps<T>, 'rowKey' | 'loading' | 'dataSource' | 'scroll' | 'locale' | 'pagination'>) {
  const isMobile = useIsMobile();
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Table<T>
      rowKey="id"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      scroll={isMobile ? { x: mobileWidth } : undefined}
      locale={{ emptyText: <Empty description={empty} /> }}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        onChange: onPage,
        showTotal: (n) => `共 ${n} ${unit}`,
      }}
      {...table}
    />
  );
}
