/** What the two honours registers (立功喜报, 光荣牌) share: the paged register table. */
import { Empty, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import type { UrlFilters } from '../../components/use-url-filters.ts';

const pageSize = 20;

interface RegisterList<T> {
  data?: { items: T[]; total: number } | undefined;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

/** A register's page of rows (20 a page, the page in the URL), its total in `unit`, or the load error. */
export function RegisterTable<T extends object, K extends string>({
  list,
  filters,
  unit,
  empty,
  ...table
}: {
  list: RegisterList<T>;
  filters: UrlFilters<K>;
  unit: string;
  empty: ReactNode;
} & Omit<TableProps<T>, 'loading' | 'dataSource' | 'scroll' | 'locale' | 'pagination' | 'size'>) {
  const isMobile = useIsMobile();
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Table<T>
      size={isMobile ? 'small' : 'middle'}
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      scroll={{ x: 'max-content' }}
      pagination={{
        current: filters.page,
        pageSize,
        total: list.data?.total ?? 0,
        onChange: (page) => filters.set({ page }),
        showSizeChanger: false,
        showTotal: (n) => `共 ${n} ${unit}`,
      }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      {...table}
    />
  );
}
