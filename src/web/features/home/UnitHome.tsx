import { Card, Descriptions, Empty, Skeleton, Tag } from 'antd';
import { unitKindLabels } from '../../../shared/api/units.api.ts';
import type { Me } from '../../api/types.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useUnit } from '../org/org.queries.ts';

/** For liaisons (department, troop): their own unit, as the server lets them see it. */
export function UnitCard({ me }: { me: Me }) {
  const unit = useUnit(me.unit?.id);
  if (!me.unit) {
    return (
      <Card title="我的单位">
        <Empty description="您的账号尚未关联单位，请联系系统管理员在“用户管理”中设置。" />
      </Card>
    );
  }
  return (
    <Card title="我的单位">
      {unit.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : unit.isError ? (
        <QueryError error={unit.error} onRetry={() => unit.refetch()} />
      ) : (
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="名称">{unit.data.designation ?? unit.data.name}</Descriptions.Item>
          {unit.data.designation && <Descriptions.Item label="代称">{unit.data.name}</Descriptions.Item>}
          <Descriptions.Item label="类别">
            <Tag>{unitKindLabels[unit.data.kind]}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="所在区划">{unit.data.regionName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系人">{unit.data.contactName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{unit.data.contactPhone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="地址">{unit.data.address ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
