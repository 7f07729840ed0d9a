import { ArrowLeftOutlined, EditOutlined, HistoryOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Skeleton, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { PersonDetail } from '../../../shared/api/registry.api.ts';
import { type NotFoundProps, NotFoundResult, RecordLoadError } from '../../components/NotFoundResult.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonName } from '../../components/PersonName.tsx';
import { PersonAssessments } from './PersonAssessments.tsx';
import { PersonBasics } from './PersonBasics.tsx';
import { PersonCampaigns } from './PersonCampaigns.tsx';
import { PersonConfirmations } from './PersonConfirmations.tsx';
import { AssessmentModal, ConfirmationModal, DeceasedModal } from './PersonDialogs.tsx';
import { PersonHistory } from './PersonHistory.tsx';
import { PersonHousehold } from './PersonHousehold.tsx';
import { PersonQualificationList } from './PersonQualificationList.tsx';
import { usePerson } from './registry.queries.ts';
import { CategoryTags, HukouTag, SituationTags, StatusTag } from './registry-ui.tsx';

const notFound: NotFoundProps = {
  title: '未找到该优抚对象',
  subTitle: '该记录不存在，或不在您的数据范围内。请返回名册重新查询。',
  back: '/registry/persons',
  backText: '返回名册',
};

/** The person page: identity, qualifications, household, living-situation archive, 年度确认, visits, history. */
export function PersonPage() {
  const params = useParams();
  const id = Number(params.id);
  const person = usePerson(Number.isInteger(id) && id > 0 ? id : null);

  if (!Number.isInteger(id) || id <= 0) return <NotFoundResult {...notFound} />;
  if (person.isError) return <RecordLoadError query={person} notFound={notFound} />;
  if (person.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  return <PersonView p={person.data} />;
}

function PersonView({ p }: { p: PersonDetail }) {
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'deceased' | 'assessment' | 'confirmation' | null>(null);
  const [tab, setTab] = useState('assessments');
  const thisYear = new Date().getFullYear();

  return (
    <>
      <PageHeader
        title={
          <Space wrap size={8}>
            <PersonName name={p.name} />
            <StatusTag alive={p.alive} deathDate={p.deathDate} />
            <HukouTag local={p.hukouLocal} />
          </Space>
        }
        subTitle={
          <Space wrap size={4}>
            <CategoryTags categories={p.qualifications.map((q) => ({ code: q.categoryCode, name: q.categoryName }))} />
            <SituationTags situations={p.livingSituations} />
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              返回
            </Button>
            {p.permissions.edit && (
              <>
                <Button
                  type="primary"
                  icon={<EditOutlined />}
                  onClick={() => navigate(`/registry/persons/${p.id}/edit`)}
                >
                  编辑
                </Button>
                <Button
                  icon={p.alive ? <StopOutlined /> : <UndoOutlined />}
                  danger={p.alive}
                  onClick={() => setDialog('deceased')}
                >
                  {p.alive ? '标记已故' : '撤销已故标记'}
                </Button>
              </>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <PersonBasics person={p} />
        </Col>
        <Col xs={24} xl={10}>
          <PersonQualificationList person={p} />
          <PersonHousehold person={p} />
        </Col>
      </Row>
      <Card style={{ marginTop: 16 }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'assessments',
              label: `生活状况档案（${p.assessments.length}）`,
              children: <PersonAssessments person={p} onAdd={() => setDialog('assessment')} />,
            },
            {
              key: 'confirmations',
              label: '年度确认',
              children: <PersonConfirmations person={p} year={thisYear} onAdd={() => setDialog('confirmation')} />,
            },
            {
              key: 'campaigns',
              label: '走访慰问记录',
              children: <PersonCampaigns personId={p.id} enabled={tab === 'campaigns'} />,
            },
            {
              key: 'history',
              label: (
                <span>
                  <HistoryOutlined /> 修改历史
                </span>
              ),
              children: <PersonHistory personId={p.id} enabled={tab === 'history'} />,
            },
          ]}
        />
      </Card>
      {dialog === 'deceased' && <DeceasedModal person={p} onClose={() => setDialog(null)} />}
      {dialog === 'assessment' && <AssessmentModal person={p} onClose={() => setDialog(null)} />}
      {dialog === 'confirmation' && (
        <ConfirmationModal
          personId={p.id}
          personName={p.name}
          year={thisYear}
          alive={p.alive}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
