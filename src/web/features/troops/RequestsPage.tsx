import { Card, Rate, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { RequestListItem } from '../../../shared/api/troops.api.ts';
import { type RequestStatus, requestStatusLabels } from '../../../shared/domain/troops/request-flow.ts';
import { LinkedFilters } from '../../components/LinkedFilters.tsx';
import { AddButton, FilterBar } from '../../components/ListPage.tsx';
import { PagedTable, pageSize } from '../../components/PagedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { choices, FilterSearch, FilterSelect, FilterSwitch } from '../../components/UrlFilterInputs.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useCan, useMe } from '../auth/auth.queries.ts';
import { useUnits } from '../org/org.queries.ts';
import { RequestFormModal } from './RequestFormModal.tsx';
import { TurnaroundPanel } from './TurnaroundPanel.tsx';
import { useLookupList, useRequests } from './troops.queries.ts';
import { OverdueTag, ProgrammeFilter, ProgrammeTags, RequestStatusTag, UnitLabel } from './troops-ui.tsx';

const filterKeys = [
  'q',
  'status',
  'kind',
  'programmeId',
  'departmentId',
  'militaryUnitId',
  'overdue',
  'from',
  'to',
  'regionId',
] as const;

/** 部队诉求: what the viewer may see of the requests, with the flow's state and deadlines at a glance. */
export function RequestsPage() {
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const mayRaise = me.role === 'troop' || me.role === 'office' || me.role === 'admin';
  const [creating, setCreating] = useState(false);
  const filters = useUrlFilters(filterKeys);
  const search = filters.values.q ?? '';
  const status = filters.values.status as RequestStatus | undefined;
  const kind = filters.values.kind;
  const programmeId = filters.id('programmeId');
  const departmentId = filters.id('departmentId');
  const overdueOnly = filters.values.overdue === 'true';
  const page = filters.page;
  const kinds = useLookupList('request_kind');
  const departments = useUnits('department', me.role !== 'department');
  const list = useRequests({
    q: search || undefined,
    status,
    kind,
    programmeId,
    departmentId,
    militaryUnitId: filters.id('militaryUnitId'),
    regionId: filters.id('regionId'),
    from: filters.values.from,
    to: filters.values.to,
    overdue: overdueOnly ? 'true' : undefined,
    page,
    pageSize,
  });

  const subTitle =
    me.role === 'troop'
      ? '本部队提出的困难诉求：提交后由双拥办交办到责任部门，办结后请评价。'
      : me.role === 'department'
        ? '双拥办交办给本单位的部队诉求：请在期限内办结并填写办理结果。'
        : '驻区部队的困难诉求：交办到责任部门，跟踪办理时效和部队满意度。';

  const listView = (
    <Card>
      <FilterBar>
        <FilterSearch filters={filters} name="q" placeholder="标题、内容或家庭联系人" width={260} />
        <FilterSelect
          filters={filters}
          name="status"
          placeholder="全部状态"
          options={choices(requestStatusLabels)}
          style={{ width: 120 }}
        />
        <FilterSelect
          filters={filters}
          name="kind"
          placeholder="全部类别"
          options={kinds.options}
          style={{ width: 150 }}
        />
        <ProgrammeFilter filters={filters} width={180} />
        {me.role !== 'department' && (
          <FilterSelect
            filters={filters}
            name="departmentId"
            ids
            search
            placeholder="全部责任部门"
            label="责任部门"
            options={(departments.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            style={{ width: 180 }}
          />
        )}
        <FilterSwitch filters={filters} name="overdue">
          只看逾期
        </FilterSwitch>
        <LinkedFilters
          filters={filters}
          labels={{ from: '提出日期', to: '提出日期', regionId: '区域', militaryUnitId: '部队' }}
        />
      </FilterBar>
      <PagedTable<RequestListItem>
        list={list}
        filters={filters}
        unit="件"
        filtered="没有符合条件的诉求，调整筛选条件试试。"
        empty={
          me.role === 'troop'
            ? '本部队还没有提出诉求。点“提出诉求”反映困难。'
            : me.role === 'department'
              ? '目前没有交办给本单位的诉求。'
              : mayRaise && can('troops.write')
                ? '还没有诉求。部队反映困难时，点右上角“登记诉求”记下并交办责任部门。'
                : '还没有诉求。'
        }
        mobileWidth={820}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/troops/requests/${r.id}`) })}
        columns={[
          {
            title: '诉求',
            render: (_, r) => (
              <div>
                <Link to={`/troops/requests/${r.id}`} data-testid="request-link">
                  {r.title}
                </Link>
                <div>
                  <Tag>{r.kindName}</Tag>
                  {r.subject === 'family' && <Tag color="purple">军人家庭</Tag>}
                  <ProgrammeTags ids={r.programmeIds} />
                </div>
              </div>
            ),
          },
          {
            title: '提出方',
            width: 190,
            render: (_, r) => (
              <div>
                {r.militaryUnit ? <UnitLabel unit={r.militaryUnit} compact /> : null}
                {r.familyName && <div className="sy-code">家庭：{r.familyName}</div>}
              </div>
            ),
          },
          {
            title: '责任部门',
            width: 140,
            render: (_, r) => (r.department ? r.department.name : <span className="sy-code">待交办</span>),
          },
          {
            title: '办理期限',
            width: 150,
            render: (_, r) =>
              r.dueDate ? (
                <div>
                  {r.dueDate}
                  <div>
                    <OverdueTag days={r.daysOverdue} />
                  </div>
                </div>
              ) : (
                '—'
              ),
          },
          { title: '状态', width: 90, render: (_, r) => <RequestStatusTag status={r.status} /> },
          {
            title: '评价',
            width: 130,
            render: (_, r) => (r.rating ? <Rate disabled value={r.rating} style={{ fontSize: 12 }} /> : '—'),
          },
        ]}
      />
    </Card>
  );

  return (
    <>
      <PageHeader
        title="部队诉求"
        subTitle={subTitle}
        extra={
          mayRaise &&
          can('troops.write') && (
            <AddButton onClick={() => setCreating(true)} testId="request-new">
              {me.role === 'troop' ? '提出诉求' : '登记诉求'}
            </AddButton>
          )
        }
      />
      <Tabs
        items={[
          { key: 'list', label: '诉求列表', children: listView },
          { key: 'turnaround', label: '办理时效', children: <TurnaroundPanel /> },
        ]}
      />
      {creating && (
        <RequestFormModal
          onClose={() => setCreating(false)}
          onSaved={(saved) => navigate(`/troops/requests/${saved.id}`)}
        />
      )}
    </>
  );
}
