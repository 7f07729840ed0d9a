/**
 * The one way to write a form dialog: a Modal around a vertical Form whose OK button submits it. It owns the
 * form (or takes the caller's, when the caller watches fields), resets it on open, runs validation, shows the
 * submission as pending on the OK button, puts the server's field errors on their fields and the rest in an
 * alert above the form (in Chinese, saying what to do next), and on success shows the message and closes.
 */
import type { ButtonProps, FormInstance } from 'antd';
import { Alert, Form, Modal } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import type { ApiErrorCode } from '../api/client.ts';
import { applyServerErrors } from './form-errors.ts';
import { useIsMobile } from './responsive.ts';
import { useFeedback } from './use-feedback.ts';

export interface FormModalProps<V, R> {
  title: ReactNode;
  /** The OK button's text; 保存 unless told. */
  okText?: ReactNode;
  /** Mounted dialogs are open; a dialog kept mounted passes its state (the form is reset each time it opens). */
  open?: boolean;
  initialValues?: NoInfer<Partial<V>>;
  /** Sends the validated values, e.g. `(v) => save.mutateAsync(...)`; a rejection is shown as the error. */
  submit: (values: V) => Promise<R> | R;
  /** What to say when it worked (null: nothing). */
  success?: string | ((result: NoInfer<R>, values: NoInfer<V>) => string | null);
  /** After a success, before the dialog closes. */
  onSaved?: (result: NoInfer<R>, values: NoInfer<V>) => void;
  onClose: () => void;
  /** The caller's form, when it watches or sets fields; else the dialog makes its own. */
  form?: FormInstance<V>;
  /** Desktop width; phones always get the full width. */
  width?: number;
  danger?: boolean;
  /** data-testid of the OK button, for the browser journeys. */
  okTestId?: string;
  /** Which field takes a server error that names no field (e.g. CONFLICT → code). */
  errorFields?: Partial<Record<ApiErrorCode, string>>;
  /** How server errors reach the fields when they are nested; returns what no field took. */
  applyErrors?: (form: FormInstance, error: unknown) => string | null;
  /** Lock the fields while the submission is on its way. */
  lockWhilePending?: boolean;
  children: ReactNode;
}

export function FormModal<V extends object, R = unknown>({
  title,
  okText = '保存',
  open = true,
  initialValues,
  submit,
  success,
  onSaved,
  onClose,
  form: given,
  width,
  danger,
  okTestId,
  errorFields,
  applyErrors,
  lockWhilePending,
  children,
}: FormModalProps<V, R>) {
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const isMobile = useIsMobile();
  const feedback = useFeedback();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);

  const onFinish = async (values: V) => {
    setError(null);
    setPending(true);
    let result: R;
    try {
      result = await submit(values);
    } catch (e) {
      setPending(false);
      setError(applyErrors ? applyErrors(form, e) : applyServerErrors(form, e, errorFields));
      return;
    }
    setPending(false);
    const text = typeof success === 'function' ? success(result, values) : success;
    if (text) feedback.success(text);
    onSaved?.(result, values);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={pending}
      okButtonProps={{ danger, ...(okTestId && { 'data-testid': okTestId }) } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={width === undefined ? undefined : isMobile ? '100%' : width}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        disabled={lockWhilePending && pending}
      >
        {children}
      </Form>
    </Modal>
  );
}
