import { Col, Form, Input, Row } from 'antd';
import { chineseMobileSchema, emailSchema } from '../../../domain/customers/validators.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { RegionCascader } from '../../ui/region-cascader.tsx';
import { zodRule } from '../../ui/zod-rule.ts';
import { SensitiveItem } from './sensitive-item.tsx';

const both = ['onChange', 'onBlur'];

/** Mobile and e-mail (checked in the browser), region cascader, street address. */
export function ContactInfoFields() {
  const { t, lang } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <SensitiveItem path="mobile" name="mobile" label={fieldLabel('mobile', lang)} rules={[zodRule(chineseMobileSchema, lang)]} validateTrigger={both}>
          <Input maxLength={20} allowClear inputMode="tel" />
        </SensitiveItem>
      </Col>
      <Col xs={24} sm={12}>
        <SensitiveItem path="email" name="email" label={fieldLabel('email', lang)} rules={[zodRule(emailSchema, lang)]} validateTrigger={both}>
          <Input maxLength={254} allowClear inputMode="email" />
        </SensitiveItem>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="region" label={t('form.region')}>
          <RegionCascader placeholder={t('form.regionPlaceholder')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <SensitiveItem path="address" name="address" label={fieldLabel('address', lang)}>
          <Input maxLength={300} allowClear />
        </SensitiveItem>
      </Col>
    </Row>
  );
}
