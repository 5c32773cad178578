import { Alert, Button, Form, Modal } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/use-i18n.ts';
import { applyServerIssues, hasFieldIssues } from './apply-server-issues.ts';
import { IssueList } from './issue-list.tsx';
import { useFeedback } from './use-feedback.ts';

type Props<V> = {
  title: ReactNode;
  open: boolean;
  initialValues?: Partial<V>;
  onCancel: () => void;
  /** Throw (reject) to keep the dialog open; 400 issues are put under their fields. */
  onSubmit: (values: V) => Promise<unknown>;
  mapPath?: (path: (string | number)[]) => (string | number)[];
  width?: number;
  okText?: ReactNode;
  children: ReactNode;
};

/** A dialog holding one form: submit, spinner, server issues under fields, other errors as a toast. */
export function FormModal<V extends object>({ title, open, initialValues, onCancel, onSubmit, mapPath, width = 560, okText, children }: Props<V>) {
  const { t } = useI18n();
  const formId = useId();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onCancel}
      width={width}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" htmlType="submit" form={formId} loading={busy}>
          {okText ?? t('common.save')}
        </Button>,
      ]}
    >
      {open && (
        <ModalForm<V> formId={formId} initialValues={initialValues} onSubmit={onSubmit} mapPath={mapPath} setBusy={setBusy}>
          {children}
        </ModalForm>
      )}
    </Modal>
  );
}

type InnerProps<V> = Pick<Props<V>, 'initialValues' | 'onSubmit' | 'mapPath' | 'children'> & { formId: string; setBusy: (b: boolean) => void };

function ModalForm<V extends object>({ formId, initialValues, onSubmit, mapPath, setBusy, children }: InnerProps<V>) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  const feedback = useFeedback();
  const [banner, setBanner] = useState<string[]>([]);
  const finish = async (values: V) => {
    setBanner([]);
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (err) {
      if (hasFieldIssues(err)) setBanner(applyServerIssues(form, err, mapPath));
      else feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<V> id={formId} form={form} layout="vertical" initialValues={initialValues} onFinish={finish} style={{ marginTop: 16 }}>
      {banner.length > 0 && <Alert type="error" showIcon title={t('error.fixFields')} description={<IssueList messages={banner} />} style={{ marginBottom: 16 }} />}
      {children}
    </Form>
  );
}
