import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { urlSchema, usccSchema } from '../../../domain/customers/validators.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { zodRule } from '../../ui/zod-rule.ts';
import { industryOptions } from './industry.ts';
import { SensitiveItem } from './sensitive-item.tsx';

const both = ['onChange', 'onBlur'];

/** Short name, USCC (checked in the browser), legal representative, industry, size, website. */
export function OrganizationFields() {
  const { t, lang } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item name="shortName" label={fieldLabel('shortName', lang)}>
          <Input maxLength={100} allowClear />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <SensitiveItem path="uscc" name="uscc" label={fieldLabel('uscc', lang)} rules={[zodRule(usccSchema, lang)]} validateTrigger={both}>
          <Input maxLength={20} allowClear style={{ fontFamily: 'monospace' }} />
        </SensitiveItem>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="legalRepresentative" label={fieldLabel('legalRepresentative', lang)}>
          <Input maxLength={50} allowClear />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="industry" label={fieldLabel('industry', lang)}>
          <Select options={industryOptions(lang)} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('common.select')} popupMatchSelectWidth={360} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="employees" label={fieldLabel('employees', lang)}>
          <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} suffix={t('form.people')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="annualRevenueYuan" label={t('form.annualRevenueYuan')}>
          <InputNumber min={0} max={1_000_000_000_000} precision={2} style={{ width: '100%' }} prefix="¥" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="website" label={fieldLabel('website', lang)} rules={[zodRule(urlSchema, lang)]} validateTrigger={both}>
          <Input maxLength={300} allowClear placeholder="https://" />
        </Form.Item>
      </Col>
    </Row>
  );
}
