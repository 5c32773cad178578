import { Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/use-i18n.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useCreateScheme } from './use-classification.ts';

type Values = { key: string; nameZh: string; nameEn?: string; description?: string };

/** 新建空白方案: a key and names; the tree is built on the scheme page, starting from one hand-filled level. */
export function NewSchemeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const create = useCreateScheme();
  return (
    <FormModal<Values>
      title={t('class.newScheme')}
      open={open}
      onCancel={onClose}
      mapPath={(p) => (p[0] === 'schemeKey' ? ['key'] : p)}
      onSubmit={async (v) => {
        const d = await create.mutateAsync({ key: v.key.trim(), nameZh: v.nameZh.trim(), nameEn: v.nameEn?.trim() || null, description: v.description?.trim() || null });
        feedback.success(t('class.schemeCreated', { name: d.scheme.nameZh }));
        onClose();
        navigate(`/classification/${encodeURIComponent(d.scheme.key)}`);
      }}
    >
      <Form.Item name="key" label={t('class.schemeKey')} extra={t('class.schemeKeyHelp')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_-]{1,39}$/, message: t('class.schemeKeyHelp') }]}>
        <Input maxLength={40} className="kd-code" />
      </Form.Item>
      <Form.Item name="nameZh" label={t('class.nameZh')} rules={[{ required: true, whitespace: true, message: t('class.nameRequired') }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('class.nameEn')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="description" label={t('class.description')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
      </Form.Item>
    </FormModal>
  );
}
