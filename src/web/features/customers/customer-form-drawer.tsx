import { BankOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Drawer, Form, Input, Row, Segmented, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Customer, CustomerKind } from '../../../domain/customers/customer.ts';
import type { CustomFieldDef } from '../../../domain/custom-fields/custom-field.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { applyServerIssues, hasFieldIssues } from '../../ui/apply-server-issues.ts';
import { FormSection } from '../../ui/form-section.tsx';
import { IssueList } from '../../ui/issue-list.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useSession } from '../auth/use-session.ts';
import { useCustomFields } from '../custom-fields/use-custom-fields.ts';
import { ContactInfoFields } from './contact-info-fields.tsx';
import { ContactsFormList } from './contacts-form-list.tsx';
import { CustomFieldInputs } from './custom-field-inputs.tsx';
import { activeDefsFor, formPath, toDraft, toFormValues, toPatch, type CustomerFormValues } from './customer-form-values.ts';
import { FieldAccessContext, fieldAccessOf } from './field-access.ts';
import { IndividualFields } from './individual-fields.tsx';
import { ManagementFields } from './management-fields.tsx';
import { OrganizationFields } from './organization-fields.tsx';
import { useCustomerMutations } from './use-customers.ts';

type Props = {
  open: boolean;
  /** Absent: create a new customer. */
  customer?: Customer;
  onClose: () => void;
  onSaved: (c: Customer) => void;
};

/** Create or edit a customer; the fields follow the kind, custom fields follow their definitions. */
export function CustomerFormDrawer({ open, customer, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const defsQuery = useCustomFields().query;
  const dirty = useRef(false);
  useEffect(() => {
    if (open) dirty.current = false;
  }, [open]);
  // typing into a form and losing it to a stray click is the worst kind of data loss
  const close = () => {
    if (!dirty.current) return onClose();
    modal.confirm({ title: t('form.unsaved'), okText: t('common.yes'), cancelText: t('common.no'), onOk: onClose });
  };
  return (
    <Drawer
      title={customer ? `${t('form.editTitle')} · ${customer.name}` : t('form.createTitle')}
      open={open}
      onClose={close}
      size={760}
      destroyOnHidden
      mask={{ closable: false }}
      styles={{ body: { paddingTop: 16 } }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form="customer-form" data-testid="customer-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {defsQuery.data ? (
        <CustomerForm customer={customer} defs={defsQuery.data} onSaved={onSaved} onChanged={() => (dirty.current = true)} />
      ) : (
        <div style={{ display: 'grid', placeItems: 'center', height: 200 }}>
          <Spin />
        </div>
      )}
    </Drawer>
  );
}

type FormProps = { customer?: Customer; defs: CustomFieldDef[]; onSaved: (c: Customer) => void; onChanged: () => void };

function CustomerForm({ customer, defs, onSaved, onChanged }: FormProps) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<CustomerFormValues>();
  const feedback = useFeedback();
  const { create, update } = useCustomerMutations();
  const [banner, setBanner] = useState<string[]>([]);
  const { me } = useSession();
  const myId = me?.user.id;
  const initialValues = useMemo(() => toFormValues(customer, defs, myId), [customer, defs, myId]);
  const kind: CustomerKind = Form.useWatch('kind', form) ?? initialValues.kind;
  const kindDefs = activeDefsFor(defs, kind);

  const onError = (err: unknown) => {
    if (hasFieldIssues(err)) {
      setBanner(applyServerIssues(form, err, formPath));
      return;
    }
    feedback.error(err);
  };

  const onFinish = (values: CustomerFormValues) => {
    setBanner([]);
    if (!customer) {
      create.mutate(toDraft(values, defs), {
        onSuccess: (c) => {
          feedback.success(t('customers.createdMsg', { name: c.name, code: c.code }));
          onSaved(c);
        },
        onError,
      });
      return;
    }
    const patch = toPatch(values, customer, defs);
    if (Object.keys(patch).length === 1) return onSaved(customer);
    update.mutate(
      { id: customer.id, patch },
      {
        onSuccess: (c) => {
          feedback.success(t('customers.updatedMsg'));
          onSaved(c);
        },
        onError,
      },
    );
  };

  const busy = create.isPending || update.isPending;
  return (
    <FieldAccessContext.Provider value={fieldAccessOf(customer)}>
      <Spin spinning={busy}>
        <Form<CustomerFormValues>
          id="customer-form"
          name="customer"
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={onFinish}
          onValuesChange={onChanged}
          onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
          scrollToFirstError={false}
        >
          {banner.length > 0 && <Alert type="error" showIcon title={t('error.fixFields')} description={<IssueList messages={banner} />} style={{ marginBottom: 16 }} />}
          <FormSection title={t('form.sectionBasic')}>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="kind" label={fieldLabel('kind', lang)} extra={customer ? t('form.kindFixed') : undefined}>
                  <Segmented
                    block
                    disabled={Boolean(customer)}
                    options={[
                      { value: 'individual', label: t('kind.individual'), icon: <UserOutlined /> },
                      { value: 'organization', label: t('kind.organization'), icon: <BankOutlined /> },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="name" label={fieldLabel('name', lang)} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
                  <Input placeholder={kind === 'individual' ? t('form.namePlaceholderIndividual') : t('form.namePlaceholderOrganization')} maxLength={200} />
                </Form.Item>
              </Col>
            </Row>
          </FormSection>
          <FormSection title={kind === 'individual' ? t('form.sectionIndividual') : t('form.sectionOrganization')}>
            {kind === 'individual' ? <IndividualFields /> : <OrganizationFields />}
          </FormSection>
          <FormSection title={t('form.sectionContact')}>
            <ContactInfoFields />
          </FormSection>
          <FormSection title={t('form.sectionManagement')}>
            <ManagementFields />
          </FormSection>
          {kindDefs.length > 0 && (
            <FormSection title={t('form.sectionCustom')}>
              <CustomFieldInputs defs={kindDefs} />
            </FormSection>
          )}
          {!customer && kind === 'organization' && (
            <FormSection title={t('form.sectionContacts')}>
              <ContactsFormList />
            </FormSection>
          )}
          {customer && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fieldLabel('code', lang)}: <span className="kd-code">{customer.code}</span>
            </Typography.Text>
          )}
        </Form>
      </Spin>
    </FieldAccessContext.Provider>
  );
}
