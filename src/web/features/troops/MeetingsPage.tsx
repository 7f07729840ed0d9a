import { Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type MeetingListItem, meetingKindLabels } from '../../../shared/api/troops.api.ts';
import { AddButton, ListPage } from '../../components/ListPage.tsx';
import { PagedTable, pageSize } from '../../components/PagedTable.tsx';
import { choices, FilterSelect } from '../../components/UrlFilterInputs.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { useMe } from '../auth/auth.queries.ts';
import { MeetingFormModal } from './MeetingFormModal.tsx';
import { useMeetings } from './troops.queries.ts';

/** 军地会议: 联席会议、领导小组会议、军地座谈会、情况通报, with what they decided and the requests they produced. */
export function MeetingsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const filters = useUrlFilters(['kind']);
  const [creating, setCreating] = useState(false);
  const list = useMeetings({ kind: filters.values.kind, page: filters.page, pageSize });
  const isOffice = me.role === 'office' || me.role === 'admin';
  return (
    <>
      <ListPage
        title="军地会议"
        subTitle="联席会议、领导小组会议、军地座谈会、情况通报：参会人员、纪要、议定事项，以及会上提出和研究的诉求。"
        extra={isOffice && <AddButton onClick={() => setCreating(true)}>登记会议</AddButton>}
        filters={
          <FilterSelect
            filters={filters}
            name="kind"
            placeholder="全部类型"
            options={choices(meetingKindLabels)}
            style={{ width: 160 }}
          />
        }
      >
        <PagedTable<MeetingListItem>
          list={list}
          filters={filters}
          unit="次"
          filtered="没有这一类型的会议记录。"
          empty={isOffice ? '还没有会议记录。点“登记会议”记录一次联席会议或座谈会。' : '暂无本单位参加的会议记录。'}
          mobileWidth={640}
          columns={[
            { title: '日期', dataIndex: 'heldOn', width: 110 },
            {
              title: '会议',
              render: (_, m) => (
                <div>
                  <Link to={`/troops/meetings/${m.id}`}>{m.title}</Link>
                  <div className="sy-code">{m.place}</div>
                </div>
              ),
            },
            { title: '类型', width: 110, render: (_, m) => <Tag>{meetingKindLabels[m.kind]}</Tag> },
            { title: '参会', dataIndex: 'attendeeCount', width: 70 },
            { title: '议定事项', dataIndex: 'decisionCount', width: 90 },
            { title: '关联诉求', dataIndex: 'requestCount', width: 90 },
          ]}
        />
      </ListPage>
      {creating && (
        <MeetingFormModal
          meeting={null}
          onClose={() => setCreating(false)}
          onSaved={(m) => navigate(`/troops/meetings/${m.id}`)}
        />
      )}
    </>
  );
}
