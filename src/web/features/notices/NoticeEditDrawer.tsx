import { Alert, Button, Drawer, Form } from 'antd';
import { useMemo, useState } from 'react';
import type { NoticeDetail } from '../../../shared/api/notices.api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useFeedback } from '../../components/use-feedback.ts';
import { formValues, NoticeFields, type NoticeFormValues, noticeRequest } from './NoticeForm.tsx';
import { useUpdateNotice } from './notices.queries.ts';

/** 修改通知: the notice's fields in a drawer, saved against the version shown. */
export function NoticeEditDrawer({ notice, onClose }: { notice: NoticeDetail; onClose: () => void }) {
  const [form] = Form.useForm<NoticeFormValues>();
  const feedback = useFeedback();
  const update = useUpdateNotice(notice.id);
  const [error, setError] = useState<string | null>(null);
  const initial = useMemo(() => formValues({ ...notice, body: notice.body ?? '' }), [notice]);
  return (
    <Drawer
      open
      title="修改通知"
      size="large"
      onClose={onClose}
      extra={
        <Button type="primary" loading={update.isPending} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={() =>
          update.mutate(
            // all values, also those of panels never opened (unmounted fields are not in onFinish's values)
            { ...noticeRequest(form.getFieldsValue(true)), version: notice.version },
            {
              onSuccess: () => {
                feedback.success('已保存。');
                onClose();
              },
              onError: (e) => setError(applyServerErrors(form, e)),
            },
          )
        }
      >
        <NoticeFields form={form} />
      </Form>
    </Drawer>
  );
}
