import { Col, DatePicker, Form, Input, Radio, Row } from 'antd';
import dayjs from 'dayjs';
import { genders } from '../../../domain/customers/customer.ts';
import { idCardSchema, parseIdCard } from '../../../domain/customers/validators.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { zodRule } from '../../ui/zod-rule.ts';
import type { CustomerFormValues } from './customer-form-values.ts';
import { SensitiveItem } from './sensitive-item.tsx';

const both = ['onChange', 'onBlur'];

/** Gender, birthday, ID card (fills birthday and gender when they are empty), occupation. */
export function IndividualFields() {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance<CustomerFormValues>();

  const fillFromIdCard = () => {
    const raw = form.getFieldValue('idCardNo');
    if (typeof raw !== 'string' || !raw.trim()) return;
    const parsed = parseIdCard(raw);
    if ('error' in parsed) return;
    if (!form.getFieldValue('birthday')) form.setFieldValue('birthday', dayjs(parsed.birthDate));
    if (!form.getFieldValue('gender')) form.setFieldValue('gender', parsed.gender);
  };

  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item name="gender" label={fieldLabel('gender', lang)}>
          <Radio.Group optionType="button" options={genders.map((g) => ({ value: g, label: t(`gender.${g}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="birthday" label={fieldLabel('birthday', lang)}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <SensitiveItem path="idCardNo" name="idCardNo" label={fieldLabel('idCardNo', lang)} rules={[zodRule(idCardSchema, lang)]} validateTrigger={both}>
          <Input maxLength={20} onBlur={fillFromIdCard} allowClear />
        </SensitiveItem>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="occupation" label={fieldLabel('occupation', lang)}>
          <Input maxLength={100} allowClear />
        </Form.Item>
      </Col>
    </Row>
  );
}
