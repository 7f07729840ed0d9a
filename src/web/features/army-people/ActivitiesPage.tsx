import { DownloadOutlined } from '@ant-design/icons';
import { Button, Calendar, Card, Empty, Flex, List, Statistic, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ActivityListItem } from '../../../shared/api/army-people.api.ts';
import { LinkedFilters } from '../../components/LinkedFilters.tsx';
import { AddButton, FilterBar } from '../../components/ListPage.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { FilterDateRange, FilterSearch, FilterSelect } from '../../components/UrlFilterInputs.tsx';
import { type UrlFilters, useUrlFilters } from '../../components/use-url-filters.ts';
import { useCan } from '../auth/auth.queries.ts';
import { useLookupList } from '../troops/troops.queries.ts';
import { ProgrammeTags, UnitLabel, yuan } from '../troops/troops-ui.tsx';
import { ActivityFormModal } from './ActivityFormModal.tsx';
import { useActivities, useActivityCalendar, useActivitySummary } from './army-people.queries.ts';

const pageSize = 20;
const filterKeys = ['from', 'to', 'type', 'q', 'regionId', 'organiserId', 'programmeId', 'view', 'month'] as const;

/** 双拥活动: a calendar and a list, the spend always in view, and an xlsx export. */
export function ActivitiesPage() {
  const can = useCan();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const [creating, setCreating] = useState<string | null>(null);
  const urlFilters = useUrlFilters(filterKeys, { from: dayjs().startOf('year').format('YYYY-MM-DD') });
  const { values, page } = urlFilters;
  // The view and the calendar's month are where the page is, not filters of the list, summary or export.
  const { view: _view, month: _month, ...filter } = values;
  const types = useLookupList('activity_type');
  const summary = useActivitySummary(filter);
  const list = useActivities({ ...filter, page, pageSize });
  const exportUrl = `/api/army-people/activities/export?${new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => !!e[1]),
  ).toString()}`;
  const s = summary.data;

  const filters = (
    <FilterBar>
      <FilterDateRange filters={urlFilters} />
      <FilterSelect
        filters={urlFilters}
        name="type"
        placeholder="全部类型"
        options={types.options}
        style={{ width: 150 }}
      />
      <FilterSearch filters={urlFilters} name="q" placeholder="活动名称" width={200} />
      <LinkedFilters
        filters={urlFilters}
        labels={{ regionId: '区域', organiserId: '组织单位', programmeId: '专项活动' }}
      />
      <Button icon={<DownloadOutlined />} href={exportUrl} data-testid="activities-export">
        导出 xlsx
      </Button>
    </FilterBar>
  );

  const listView = list.isError ? (
    <QueryError error={list.error} onRetry={() => list.refetch()} />
  ) : (
    <Table<ActivityListItem>
      rowKey="id"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      scroll={isMobile ? { x: 860 } : undefined}
      onRow={(a) => ({ onDoubleClick: () => navigate(`/army-people/activities/${a.id}`) })}
      locale={{ emptyText: <Empty description="这段时间没有活动记录。" /> }}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        onChange: (p) => urlFilters.set({ page: p }),
        showTotal: (n) => `共 ${n} 项`,
      }}
      columns={[
        { title: '日期', width: 120, render: (_, a) => (a.endOn ? `${a.heldOn} 至 ${a.endOn}` : a.heldOn) },
        {
          title: '活动',
          render: (_, a) => (
            <div>
              <Link to={`/army-people/activities/${a.id}`}>{a.title}</Link>
              <div>
                <Tag>{a.typeName}</Tag>
                <ProgrammeTags ids={a.programmeIds} />
              </div>
            </div>
          ),
        },
        {
          title: '组织单位',
          width: 220,
          render: (_, a) => (
            <Flex vertical gap={2}>
              {a.organisers.map((o) => (
                <UnitLabel key={o.id} unit={o} compact />
              ))}
            </Flex>
          ),
        },
        { title: '地点', width: 140, render: (_, a) => a.place ?? a.regionName ?? '—' },
        { title: '人数', width: 70, dataIndex: 'participantCount' },
        { title: '经费', width: 110, render: (_, a) => yuan(a.spendCents) },
      ]}
    />
  );

  return (
    <>
      <PageHeader
        title="双拥活动"
        subTitle="宣传、联欢联谊、文艺演出、义务巡诊、助学兴教、环境整治、抢险救灾、治安联防等活动：组织单位、参加人数、经费和小结。"
        extra={
          can('activities.write') && (
            <AddButton onClick={() => setCreating(dayjs().format('YYYY-MM-DD'))}>登记活动</AddButton>
          )
        }
      />
      <Card style={{ marginBottom: 16 }} loading={summary.isPending}>
        {summary.isError ? (
          <QueryError error={summary.error} />
        ) : (
          s && (
            <div className="sy-troops-stat-grid">
              <Statistic title="活动次数" value={s.count} />
              <Statistic title="参加人次" value={s.participants} />
              <Statistic title="活动经费" value={yuan(s.spendCents)} />
              <Statistic title="平均每次" value={yuan(s.averageSpendCents)} />
              <Statistic
                title="结对帮扶经费"
                value={yuan(s.pairingContacts.spendCents)}
                suffix={<span className="sy-code">（{s.pairingContacts.count} 次）</span>}
              />
              {s.byType.slice(0, 3).map((t) => (
                <Statistic
                  key={t.code}
                  title={t.name}
                  value={yuan(t.spendCents)}
                  suffix={<span className="sy-code">（{t.count} 次）</span>}
                />
              ))}
            </div>
          )
        )}
      </Card>
      <Card>
        {filters}
        <Tabs
          activeKey={values.view ?? (urlFilters.active(['from', 'view', 'month']) ? 'list' : 'calendar')}
          onChange={(view) => urlFilters.set({ view, page })}
          items={[
            {
              key: 'calendar',
              label: '日历',
              children: (
                <ActivityCalendarView
                  urlFilters={urlFilters}
                  onCreate={can('activities.write') ? setCreating : undefined}
                />
              ),
            },
            { key: 'list', label: '列表', children: listView },
          ]}
        />
      </Card>
      {creating && (
        <ActivityFormModal
          activity={null}
          defaultDate={creating}
          onClose={() => setCreating(null)}
          onSaved={(a) => navigate(`/army-people/activities/${a.id}`)}
        />
      )}
    </>
  );
}

/** The month's activities on an antd Calendar; on phones a compact calendar with the chosen day's list below. */
function ActivityCalendarView({
  urlFilters,
  onCreate,
}: {
  urlFilters: UrlFilters<(typeof filterKeys)[number]>;
  onCreate?: ((date: string) => void) | undefined;
}) {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  // The month shown is in the URL, so Back from an activity and a reload return to it.
  const thisMonth = dayjs().format('YYYY-MM');
  const month = /^\d{4}-\d{2}$/.test(urlFilters.values.month ?? '') ? urlFilters.values.month! : thisMonth;
  const setMonth = (m: string) => urlFilters.set({ month: m === thisMonth ? null : m, page: urlFilters.page });
  const [selected, setSelected] = useState(month === thisMonth ? dayjs().format('YYYY-MM-DD') : `${month}-01`);
  const calendar = useActivityCalendar(month);
  const byDate = new Map((calendar.data?.days ?? []).map((d) => [d.date, d.items]));
  if (calendar.isError) return <QueryError error={calendar.error} onRetry={() => calendar.refetch()} />;
  const dayItems = byDate.get(selected) ?? [];
  return (
    <>
      <Calendar
        defaultValue={dayjs(selected)}
        fullscreen={!isMobile}
        onPanelChange={(d) => setMonth(d.format('YYYY-MM'))}
        onSelect={(d, info) => {
          setSelected(d.format('YYYY-MM-DD'));
          if (info.source === 'date' && !isMobile && (byDate.get(d.format('YYYY-MM-DD')) ?? []).length === 0) {
            onCreate?.(d.format('YYYY-MM-DD'));
          }
        }}
        cellRender={(date, info) => {
          if (info.type !== 'date') return info.originNode;
          const items = byDate.get(date.format('YYYY-MM-DD')) ?? [];
          if (items.length === 0) return null;
          if (isMobile) return <span className="sy-code">{items.length}项</span>;
          return (
            <div>
              {items.slice(0, 3).map((a) => (
                <Link
                  key={a.id}
                  to={`/army-people/activities/${a.id}`}
                  className="sy-calendar-item"
                  title={`${a.typeName}：${a.title}`}
                  onClick={(e) => e.stopPropagation()}
                >
                  {a.title}
                </Link>
              ))}
              {items.length > 3 && <span className="sy-code">另有 {items.length - 3} 项</span>}
            </div>
          );
        }}
      />
      {isMobile && (
        <List
          header={<strong>{selected}</strong>}
          dataSource={dayItems}
          locale={{ emptyText: '当天没有活动' }}
          renderItem={(a) => (
            <List.Item onClick={() => navigate(`/army-people/activities/${a.id}`)}>
              <List.Item.Meta title={a.title} description={`${a.typeName} · ${yuan(a.spendCents)}`} />
            </List.Item>
          )}
          footer={onCreate && <Button onClick={() => onCreate(selected)}>在这天登记活动</Button>}
        />
      )}
    </>
  );
}
