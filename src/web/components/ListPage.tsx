import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex } from 'antd';
import type { ReactNode } from 'react';
import { PageHeader } from './PageHeader.tsx';

/** The filters above a list, in a row that wraps on a phone. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      {children}
    </Flex>
  );
}

/** A page header's 登记… / 新增… button. */
export function AddButton({
  onClick,
  testId,
  children,
}: {
  onClick: () => void;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}

/**
 * The one layout of a list page: its header (actions such as an AddButton on the right), then a card with the
 * filter bar above the list. Dialogs the page opens go beside it.
 */
export function ListPage({
  title,
  subTitle,
  extra,
  filters,
  children,
}: {
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
  filters?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} subTitle={subTitle} extra={extra} />
      <Card>
        {filters && <FilterBar>{filters}</FilterBar>}
        {children}
      </Card>
    </>
  );
}
