import { Alert, Button, DatePicker, Form, Input, Select, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import type { CustomerClass } from './classification-types.ts';
import { categoryName, categoryNodes, leafOnlyNodes, treeOf } from './scheme-tree.ts';
import { useClassOverride, useScheme } from './use-classification.ts';

type Values = { scheme: string; categoryKey: string; reason: string; expiresOn?: Dayjs | null };

/** 手工调整分类: a leaf of one published scheme, with a reason and an optional end date; or back to the rules. */
export function OverrideDialog({ customerId, classes, onClose }: { customerId: number; classes: CustomerClass[]; onClose: () => void }) {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { set, clear } = useClassOverride(customerId);
  const [scheme, setScheme] = useState(classes[0]?.scheme.key ?? '');
  const detail = useScheme(scheme);
  const current = classes.find((c) => c.scheme.key === scheme);
  const nodes = useMemo(() => {
    const def = detail.data?.published?.definition;
    return def ? leafOnlyNodes(categoryNodes(treeOf(def), lang)) : [];
  }, [detail.data, lang]);

  return (
    <FormModal<Values>
      title={t('class.overrideTitle')}
      open
      onCancel={onClose}
      initialValues={{ scheme, categoryKey: current?.category.key }}
      mapPath={(p) => (p[0] === 'expiresAt' ? ['expiresOn'] : p)}
      onSubmit={async (v) => {
        // the end of the chosen day in China Standard Time
        const expiresAt = v.expiresOn ? `${v.expiresOn.format('YYYY-MM-DD')}T23:59:59+08:00` : null;
        await set.mutateAsync({ scheme: v.scheme, categoryKey: v.categoryKey, reason: v.reason.trim(), expiresAt: expiresAt ? new Date(expiresAt).toISOString() : null });
        feedback.success(t('class.overridden'));
        onClose();
      }}
    >
      <Form.Item name="scheme" label={t('class.scheme')} rules={[{ required: true }]}>
        <Select options={classes.map((c) => ({ value: c.scheme.key, label: categoryName(c.scheme, lang) }))} onChange={(v: string) => setScheme(v)} />
      </Form.Item>
      {current && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(current.source === 'manual' ? 'class.currentManual' : 'class.currentRule', { name: categoryName(current.category, lang) })}
          action={
            current.source === 'manual' && (
              <Button
                size="small"
                loading={clear.isPending}
                onClick={() =>
                  clear.mutate(scheme, {
                    onSuccess: () => {
                      feedback.success(t('class.overrideCleared'));
                      onClose();
                    },
                    onError: feedback.error,
                  })
                }
              >
                {t('class.backToRules')}
              </Button>
            )
          }
        />
      )}
      <CategoryField scheme={scheme} currentKey={current?.category.key} nodes={nodes} loading={detail.isFetching} />
      <Form.Item name="reason" label={t('class.reasonLabel')} rules={[{ required: true, whitespace: true, message: t('class.reasonRequired') }]}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item name="expiresOn" label={t('class.expiresOn')} extra={t('class.expiresHelp')}>
        <DatePicker />
      </Form.Item>
    </FormModal>
  );
}

/** The leaf picker; choosing another scheme starts it at the customer's class there. */
function CategoryField({ scheme, currentKey, nodes, loading }: { scheme: string; currentKey: string | undefined; nodes: ReturnType<typeof leafOnlyNodes>; loading: boolean }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  useEffect(() => form.setFieldValue('categoryKey', currentKey), [form, scheme, currentKey]);
  return (
    <Form.Item name="categoryKey" label={t('class.category')} rules={[{ required: true, message: t('class.pickLeaf') }]}>
      <TreeSelect treeData={nodes} treeDefaultExpandAll loading={loading} placeholder={t('class.pickLeaf')} data-testid="override-category" />
    </Form.Item>
  );
}
