import { Select } from 'antd';
import { unitKindLabels } from '../../../shared/api/units.api.ts';
import type { Role } from '../../../shared/permissions.ts';
import { useUnits } from '../org/org.queries.ts';
import { unitText } from '../org/unit-text.ts';

/** Pick a unit; for liaisons only the kinds that fit their role (troop → 驻区部队, department → the rest). */
export function UnitSelect({
  value,
  onChange,
  role,
  id,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  role?: Role | undefined;
  id?: string;
}) {
  const units = useUnits();
  const fits = (kind: string) =>
    role === 'troop' ? kind === 'military' : role === 'department' ? kind !== 'military' : true;
  const options = (units.data ?? [])
    .filter((u) => fits(u.kind) && (u.active || u.id === value))
    .map((u) => ({
      value: u.id,
      label: unitText(u),
      kind: unitKindLabels[u.kind],
    }));
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v ?? null)}
      options={options}
      optionRender={(o) => (
        <span>
          {o.data.label} <span className="sy-code">{o.data.kind}</span>
        </span>
      )}
      loading={units.isPending}
      placeholder={units.isError ? '单位加载失败，请刷新重试' : '选择单位'}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent="没有匹配的单位"
      style={{ width: '100%' }}
    />
  );
}
