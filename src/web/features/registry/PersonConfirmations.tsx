import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Table, Tag } from 'antd';
import { confirmationResultLabels, type PersonDetail } from '../../../shared/api/registry.api.ts';
import { dash } from './registry-ui.tsx';

/** 年度确认 on the person page: the yearly confirmations of a periodic benefit, and the button for this year's. */
export function PersonConfirmations({
  person: p,
  year,
  onAdd,
}: {
  person: PersonDetail;
  year: number;
  onAdd: () => void;
}) {
  if (!p.periodic && p.confirmations.length === 0) {
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该对象没有享受定期抚恤补助的优抚身份，无需年度确认。" />
    );
  }
  const confirmed = p.confirmations.some((c) => c.year === year);
  return (
    <>
      {p.permissions.edit && p.periodic && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Button icon={<PlusOutlined />} onClick={onAdd}>
            登记 {year} 年度确认
          </Button>
          {!confirmed && <Tag color="warning">{year} 年度尚未确认</Tag>}
        </Space>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={p.confirmations}
        locale={{ emptyText: '暂无年度确认记录' }}
        columns={[
          { title: '年度', dataIndex: 'year' },
          {
            title: '结果',
            dataIndex: 'result',
            render: (r: keyof typeof confirmationResultLabels) => confirmationResultLabels[r],
          },
          { title: '方式', dataIndex: 'method', render: dash },
          { title: '确认日期', dataIndex: 'confirmedOn' },
          { title: '确认人', dataIndex: 'confirmedByName', render: dash },
          { title: '备注', dataIndex: 'notes', render: dash },
        ]}
      />
    </>
  );
}
