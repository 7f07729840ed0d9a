import { ArrowLeftOutlined, FileSearchOutlined, InboxOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Space, Tabs, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ParseResponse } from '../../../shared/api/notices.api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { useMe } from '../auth/auth.queries.ts';
import { formValues, NoticeFields, type NoticeFormValues, noticeRequest } from './NoticeForm.tsx';
import { useCreateNotice, useParseFile, useParseText } from './notices.queries.ts';
import { flashElement, offsetAnchor, SourceView, WarningList } from './SourceView.tsx';
import './notices.css';

/**
 * 导入通知: paste the text or upload a .txt / .docx → the parsed notice beside the original, every doubtful
 * place marked where it is → edit → save as a draft, then assign on the notice's page.
 */
export function NoticeImportPage() {
  const me = useMe();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const [text, setText] = useState('');
  const [parsed, setParsed] = useState<ParseResponse | null>(null);
  const [form] = Form.useForm<NoticeFormValues>();
  const parseText = useParseText();
  const parseFile = useParseFile(me.csrfToken);
  const create = useCreateNotice();
  const [formError, setFormError] = useState<string | null>(null);

  const show = (result: ParseResponse) => {
    setParsed(result);
    form.setFieldsValue(formValues({ ...result.draft, tasks: result.draft.tasks }));
    window.scrollTo({ top: 0 });
  };

  const submit = (values: NoticeFormValues) => {
    if (!parsed) return;
    setFormError(null);
    create.mutate(
      {
        ...noticeRequest(values),
        source: { name: parsed.sourceName, text: parsed.sourceText, warnings: parsed.warnings },
      },
      {
        onSuccess: (notice) => {
          feedback.success('通知已保存为草稿。下一步：为每项任务选择承办单位和截止日期，然后下发。');
          navigate(`/notices/${notice.id}`);
        },
        onError: (error) => setFormError(applyServerErrors(form, error)),
      },
    );
  };

  if (!parsed) {
    return (
      <>
        <PageHeader
          title="导入通知"
          subTitle="粘贴通知全文，或上传 .txt / .docx 文件。系统拆出文号、标题、发文机关、日期、主送、抄送和编号的工作事项；看不清的地方只标出、不猜测。"
          extra={
            <Link to="/notices">
              <Button icon={<ArrowLeftOutlined />}>返回通知列表</Button>
            </Link>
          }
        />
        <Card>
          <Tabs
            items={[
              {
                key: 'paste',
                label: '粘贴文字',
                children: (
                  <>
                    <Input.TextArea
                      value={text}
                      onChange={(e) => setText(e.target.value)}
                      autoSize={{ minRows: 14, maxRows: 30 }}
                      placeholder="把通知全文（可从 PDF、Word、网页复制）粘贴到这里。断行、页码、全角数字、繁体字都可以。"
                      data-testid="notice-paste"
                    />
                    <Button
                      type="primary"
                      icon={<FileSearchOutlined />}
                      style={{ marginTop: 12 }}
                      disabled={text.trim() === ''}
                      loading={parseText.isPending}
                      onClick={() =>
                        parseText.mutate({ text, name: null }, { onSuccess: show, onError: feedback.error })
                      }
                      data-testid="notice-parse"
                    >
                      解析
                    </Button>
                  </>
                ),
              },
              {
                key: 'upload',
                label: '上传文件',
                children: (
                  <Upload.Dragger
                    accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    showUploadList={false}
                    disabled={parseFile.isPending}
                    beforeUpload={(file) => {
                      parseFile.mutate(file, { onSuccess: show, onError: feedback.error });
                      return false;
                    }}
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">{parseFile.isPending ? '正在读取…' : '点击或拖入通知文件'}</p>
                    <p className="ant-upload-hint">
                      支持 .docx 和 .txt（UTF-8 或 GBK 编码），不超过 10 MB。旧版 .doc、PDF 请另存为 .docx
                      或复制文字粘贴。
                    </p>
                  </Upload.Dragger>
                ),
              },
            ]}
          />
        </Card>
      </>
    );
  }

  const taskAnchors = parsed.draft.tasks.map((t) => t.at);
  return (
    <>
      <PageHeader
        title="核对并保存"
        subTitle={`${parsed.sourceName ? `文件「${parsed.sourceName}」` : '粘贴的文字'}：左边是原文（标出需要核对的地方），右边是识别结果，可直接修改。`}
        extra={
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => setParsed(null)}>
              重新导入
            </Button>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={create.isPending}
              onClick={() => form.submit()}
              data-testid="notice-save"
            >
              保存为草稿
            </Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11}>
          <Card size="small" title="原文" styles={{ body: { padding: 12 } }}>
            <div style={{ marginBottom: 12 }}>
              <WarningList warnings={parsed.warnings} />
            </div>
            <SourceView text={parsed.sourceText} warnings={parsed.warnings} anchors={taskAnchors} />
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          <Card size="small" title="识别结果（可修改）">
            {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
            {parsed.draft.tasks.length === 0 && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title="没有找到编号的工作事项（一、/ 一是 / （一）/ 1.）。可在下方手动添加任务。"
              />
            )}
            <Form form={form} layout="vertical" onFinish={() => submit(form.getFieldsValue(true))} scrollToFirstError>
              <NoticeFields form={form} onLocate={(at) => flashElement(offsetAnchor(at))} />
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
