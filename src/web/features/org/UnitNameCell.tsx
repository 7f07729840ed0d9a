import { LockOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { UnitItem } from '../../api/types.ts';

/**
 * A unit's name as the viewer may see it. Military units: the 番号 when the server returned it (cleared roles),
 * with the alias below; otherwise only the alias and a 保密 tag.
 */
export function UnitNameCell({ unit }: { unit: UnitItem }) {
  if (unit.kind !== 'military') return <span>{unit.name}</span>;
  if (unit.designation) {
    return (
      <div>
        <div>{unit.designation}</div>
        <div className="sy-code">代称：{unit.name}</div>
      </div>
    );
  }
  return (
    <span>
      {unit.name}{' '}
      <Tooltip title="部队番号属保密信息，仅授权角色可见">
        <Tag color="red" icon={<LockOutlined />} data-testid="designation-classified">
          保密
        </Tag>
      </Tooltip>
    </span>
  );
}
