import { Empty, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  type MeetingKind,
  type MeetingListItem,
  meetingKindLabels,
  meetingKinds,
} from '../../../shared/api/troops.api.ts';
import { AddButton, ListPage } from '../../components/ListPage.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsMobile } from '../../components/responsive.ts';
import { useMe } from '../auth/auth.queries.ts';
import { MeetingFormModal } from './MeetingFormModal.tsx';
import { useMeetings } from './troops.queries.ts';

const pageSize = 20;

/** 军地会议: 联席会议、领导小组会议、军地座谈会、情况通报, with what they decided and the requests they produced. */
export function MeetingsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const [kind, setKind] = useState<MeetingKind | undefined>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useMeetings({ kind, page, pageSize });
  const isOffice = me.role === 'office' || me.role === 'admin';
  return (
    <>
      <ListPage
        title="军地会议"
        subTitle="联席会议、领导小组会议、军地座谈会、情况通报：参会人员、纪要、议定事项，以及会上提出和研究的诉求。"
        extra={isOffice && <AddButton onClick={() => setCreating(true)}>登记会议</AddButton>}
        filters={
          <Select
            allowClear
            placeholder="全部类型"
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            options={meetingKinds.map((k) => ({ value: k, label: meetingKindLabels[k] }))}
            style={{ width: 160 }}
          />
        }
      >
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<MeetingListItem>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={isMobile ? { x: 640 } : undefined}
            locale={{
              emptyText: (
                <Empty
                  description={
                    isOffice ? '还没有会议记录。点“登记会议”记录一次联席会议或座谈会。' : '暂无本单位参加的会议记录。'
                  }
                />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              onChange: setPage,
              showTotal: (n) => `共 ${n} 次`,
            }}
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
        )}
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
