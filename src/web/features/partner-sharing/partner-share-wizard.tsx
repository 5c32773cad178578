import { Alert, Button, Col, DatePicker, Drawer, Form, Input, Radio, Row, Select, Space, Steps, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CreatedPartnerShare } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { applyServerIssues, hasFieldIssues } from '../../ui/apply-server-issues.ts';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useSavedFilters } from '../sharing/use-saved-filters.ts';
import { CustomerPicker, type PickedCustomer } from './customer-picker.tsx';
import { defaultFieldAccess, FieldAllowList, type FieldAccess } from './field-allow-list.tsx';
import { ShareLinkModal } from './share-link-modal.tsx';
import { usePartners } from './use-partners.ts';
import { usePartnerShares } from './use-partner-shares.ts';

type Values = {
  partnerId?: number;
  title: string;
  purpose: string;
  expiresOn?: Dayjs;
  scope: 'customers' | 'filter';
  customerIds?: number[];
  savedFilterId?: number;
  access: FieldAccess;
  allowDownload: boolean;
};

/** Which form fields each step owns, so "next" checks only those and a server issue opens its step. */
const stepFields: (keyof Values)[][] = [['partnerId', 'title', 'purpose', 'expiresOn'], ['customerIds', 'savedFilterId'], ['access', 'allowDownload']];
const toFormPath = (path: (string | number)[]): (string | number)[] =>
  path[0] === 'fields' || path[0] === 'maskedFields' ? ['access'] : path[0] === 'customerIds' ? ['customerIds'] : path;

type Props = { open: boolean; onClose: () => void; customers?: PickedCustomer[]; onCreated?: () => void };

/** 新建合作伙伴共享 in three steps (who and why, which customers, which fields); the link is shown once at the end. */
export function PartnerShareWizard({ open, onClose, customers = [], onCreated }: Props) {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [created, setCreated] = useState<CreatedPartnerShare | null>(null);
  const partners = usePartners().query.data ?? [];
  const savedFilters = useSavedFilters().query.data ?? [];
  const { create } = usePartnerShares();
  const scope = Form.useWatch('scope', form);
  const values = Form.useWatch([], form) as Partial<Values> | undefined;

  const next = async () => {
    await form.validateFields(stepFields[step]);
    setStep(step + 1);
  };

  const submit = async () => {
    const v = form.getFieldsValue(true) as Values;
    try {
      const share = await create.mutateAsync({
        partnerId: v.partnerId ?? 0,
        title: v.title.trim(),
        purpose: v.purpose.trim(),
        ...(v.scope === 'customers' ? { customerIds: v.customerIds ?? [] } : { savedFilterId: v.savedFilterId ?? 0 }),
        fields: v.access.fields,
        maskedFields: v.access.masked,
        allowDownload: v.allowDownload,
        expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : '',
      });
      setCreated(share);
      onCreated?.();
      onClose();
    } catch (err) {
      if (hasFieldIssues(err)) {
        const unmatched = applyServerIssues(form, err, toFormPath);
        const first = err.issues[0];
        const owner = stepFields.findIndex((names) => first && names.includes(toFormPath(first.path)[0] as keyof Values));
        if (owner >= 0) setStep(owner);
        if (unmatched.length) feedback.error(err);
      } else feedback.error(err);
    }
  };

  const partnerName = partners.find((p) => p.id === values?.partnerId)?.name ?? '';
  const scopeText =
    values?.scope === 'filter'
      ? t('pshare.scopeFilter', { name: savedFilters.find((f) => f.id === values.savedFilterId)?.name ?? '' })
      : t('pshare.scopeCustomers', { count: values?.customerIds?.length ?? 0 });
  const show = (i: number) => ({ display: step === i ? 'block' : 'none' });

  return (
    <>
      <Drawer
        title={t('wizard.title')}
        open={open}
        onClose={onClose}
        size={720}
        destroyOnHidden
        afterOpenChange={(o) => o || setStep(0)}
        footer={
          <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('wizard.prev')}</Button>}
            {step < 2 ? (
              <Button type="primary" onClick={() => void next().catch(() => undefined)} data-testid="wizard-next">
                {t('wizard.next')}
              </Button>
            ) : (
              <Button type="primary" loading={create.isPending} onClick={() => void form.validateFields(stepFields[2]).then(submit, () => undefined)} data-testid="wizard-create">
                {t('wizard.create')}
              </Button>
            )}
          </Space>
        }
      >
        <Steps
          current={step}
          size="small"
          style={{ marginBottom: 24 }}
          items={[
            { title: t('wizard.step1'), description: t('wizard.step1Desc') },
            { title: t('wizard.step2'), description: t('wizard.step2Desc') },
            { title: t('wizard.step3'), description: t('wizard.step3Desc') },
          ]}
        />
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ scope: customers.length || savedFilters.length === 0 ? 'customers' : 'filter', customerIds: customers.map((c) => c.id), access: defaultFieldAccess, allowDownload: false, expiresOn: dayjs().add(30, 'day') }}
          data-testid="partner-share-form"
        >
          <div style={show(0)}>
            <Form.Item name="partnerId" label={t('pshare.partner')} rules={[{ required: true, message: t('wizard.partnerRequired') }]} extra={partners.length === 0 && t('wizard.noPartners')}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={partners.map((p) => ({ value: p.id, label: p.name }))} placeholder={t('wizard.partnerPlaceholder')} aria-label={t('pshare.partner')} />
            </Form.Item>
            <Form.Item name="title" label={t('pshare.shareTitle')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} placeholder={t('wizard.titlePlaceholder')} />
            </Form.Item>
            <Form.Item name="purpose" label={t('pshare.purpose')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('wizard.purposePlaceholder')} />
            </Form.Item>
            <Form.Item name="expiresOn" label={t('pshare.expires')} extra={t('wizard.expiryHelp')} rules={[{ required: true }]}>
              <DatePicker style={{ width: 240 }} disabledDate={(d) => !d.isAfter(dayjs(), 'day') || d.isAfter(dayjs().add(365, 'day'), 'day')} />
            </Form.Item>
          </div>

          <div style={show(1)}>
            <Form.Item name="scope" label={t('wizard.scopeType')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'customers', label: t('wizard.scopeCustomers') },
                  { value: 'filter', label: t('wizard.scopeFilter') },
                ]}
              />
            </Form.Item>
            {scope === 'filter' ? (
              <Form.Item name="savedFilterId" rules={[{ required: true, message: t('wizard.filterPlaceholder') }]} extra={savedFilters.length ? t('wizard.filterHelp') : t('wizard.noFilters')}>
                <Select options={savedFilters.map((f) => ({ value: f.id, label: f.name }))} placeholder={t('wizard.filterPlaceholder')} aria-label={t('wizard.scopeFilter')} />
              </Form.Item>
            ) : (
              <Form.Item name="customerIds" rules={[{ required: true, type: 'array', min: 1, message: t('wizard.customersRequired') }]} extra={t('wizard.customersHelp')}>
                <CustomerPicker known={customers} />
              </Form.Item>
            )}
          </div>

          <div style={show(2)}>
            <Typography.Paragraph type="secondary">{t('wizard.fieldsHelp')}</Typography.Paragraph>
            <Form.Item name="access" rules={[{ validator: (_, v: FieldAccess | undefined) => (v && v.fields.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('wizard.fieldsRequired')))) }]}>
              <FieldAllowList />
            </Form.Item>
            <Row gutter={16} align="middle">
              <Col flex="none">
                <Form.Item name="allowDownload" valuePropName="checked" label={t('wizard.allowDownload')} extra={t('wizard.allowDownloadHelp')}>
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
            {values?.partnerId && values.expiresOn && (
              <Alert
                type="info"
                showIcon
                title={t('wizard.summary', { partner: partnerName, scope: scopeText, fields: values.access?.fields.length ?? 0, date: values.expiresOn.format(lang === 'en' ? 'YYYY-MM-DD' : 'YYYY年M月D日') })}
              />
            )}
          </div>
        </Form>
      </Drawer>
      <ShareLinkModal share={created} onClose={() => setCreated(null)} />
    </>
  );
}
