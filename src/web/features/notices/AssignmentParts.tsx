import { CheckOutlined, PaperClipOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, List, Space, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useState } from 'react';
import type { AssignmentItem, NoticeFileItem } from '../../../shared/api/notices.api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { useMe } from '../auth/auth.queries.ts';
import { formatSize } from './notice-ui.tsx';
import { useAcknowledge, useReport } from './notices.queries.ts';

export function FileLink({ file }: { file: NoticeFileItem }) {
  return (
    <a href={`/api/notices/files/${file.id}`} download={file.name}>
      <PaperClipOutlined /> {file.name} <span className="sy-code">{formatSize(file.size)}</span>
    </a>
  );
}

/** The reports of an assignment, newest last. */
export function ReportList({ assignment }: { assignment: AssignmentItem }) {
  if (assignment.reports.length === 0) return null;
  return (
    <List
      size="small"
      dataSource={assignment.reports}
      renderItem={(r) => (
        <List.Item style={{ display: 'block', paddingInline: 0 }}>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,.55)' }}>
            {formatDateTime(r.createdAt)} {r.createdByName ?? ''} 上报
          </div>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{r.text}</Typography.Paragraph>
          {r.files.length > 0 && (
            <Space wrap size={[12, 4]}>
              {r.files.map((f) => (
                <FileLink key={f.id} file={f} />
              ))}
            </Space>
          )}
        </List.Item>
      )}
    />
  );
}

/** 签收 and 上报 for the unit that carries out the task. */
export function AssignmentActions({ assignment }: { assignment: AssignmentItem }) {
  const feedback = useFeedback();
  const acknowledge = useAcknowledge();
  const [reporting, setReporting] = useState(false);
  if (!assignment.canAct) return null;
  const reported = assignment.reportedAt !== null;
  return (
    <Space wrap>
      {assignment.acknowledgedAt === null && !reported && (
        <Button
          icon={<CheckOutlined />}
          loading={acknowledge.isPending}
          onClick={() =>
            acknowledge.mutate(assignment.id, {
              onSuccess: () => feedback.success('已签收。请按要求落实，并在截止日期前上报落实情况。'),
              onError: feedback.error,
            })
          }
          data-testid="assignment-acknowledge"
        >
          签收
        </Button>
      )}
      <Button
        type={reported ? 'default' : 'primary'}
        icon={<SendOutlined />}
        onClick={() => setReporting(true)}
        data-testid="assignment-report"
      >
        {reported ? '补充上报' : '上报落实情况'}
      </Button>
      <ReportModal assignment={assignment} open={reporting} onClose={() => setReporting(false)} />
    </Space>
  );
}

type ReportValues = { text: string; files?: UploadFile[] };

function ReportModal({
  assignment,
  open,
  onClose,
}: {
  assignment: AssignmentItem;
  open: boolean;
  onClose: () => void;
}) {
  const me = useMe();
  const report = useReport(me.csrfToken);
  const late = assignment.state === 'overdue';

  return (
    <FormModal
      title="上报落实情况"
      okText="上报"
      open={open}
      submit={(v: ReportValues) =>
        report.mutateAsync({
          assignmentId: assignment.id,
          text: v.text,
          files: (v.files ?? []).flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : [])),
        })
      }
      success="落实情况已上报，双拥办可在落实矩阵中看到。"
      onClose={onClose}
    >
      {late && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`已过截止日期（${assignment.deadline}），上报后将记为“逾期上报”。`}
        />
      )}
      <Form.Item
        name="text"
        label="落实情况"
        rules={[{ required: true, whitespace: true, message: '请填写落实情况' }]}
        extra="写明做了什么、覆盖多少人或单位、还有什么困难。"
      >
        <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={20000} showCount data-testid="report-text" />
      </Form.Item>
      <Form.Item
        name="files"
        label="附件（照片、签到表、总结等，每个不超过 20 MB）"
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(0, 20)}
      >
        <Upload multiple beforeUpload={() => false}>
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
      </Form.Item>
    </FormModal>
  );
}
