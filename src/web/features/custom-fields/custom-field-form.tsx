import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { customFieldScopes, customFieldTypes, type CustomFieldType } from '../../../domain/custom-fields/custom-field.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';

export type CustomFieldValues = {
  key: string;
  labelZh: string;
  labelEn?: string;
  type: CustomFieldType;
  required?: boolean;
  options?: string[];
  appliesTo: (typeof customFieldScopes)[number];
  sensitive?: boolean;
  position?: number;
};

/** Fields of a definition; key and type are fixed once created. */
export function CustomFieldForm({ editing }: { editing: boolean }) {
  const { t, lang } = useI18n();
  const L = (f: string) => fieldLabel(f, lang);
  const type = Form.useWatch<CustomFieldType | undefined>('type');
  const hasOptions = type === 'select' || type === 'multiselect';
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item name="labelZh" label={L('labelZh')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="labelEn" label={L('labelEn')}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="key" label={L('key')} extra={t('cf.keyHelp')} rules={[{ required: true }, { pattern: /^[a-z][a-z0-9_]{0,39}$/ }]}>
          <Input disabled={editing} maxLength={40} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="type" label={L('type')} rules={[{ required: true }]}>
          <Select disabled={editing} options={customFieldTypes.map((x) => ({ value: x, label: t(`cfType.${x}`) }))} />
        </Form.Item>
      </Col>
      {hasOptions && (
        <Col span={24}>
          <Form.Item name="options" label={L('options')} extra={t('cf.optionsHelp')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
          </Form.Item>
        </Col>
      )}
      <Col span={12}>
        <Form.Item name="appliesTo" label={L('appliesTo')}>
          <Select options={customFieldScopes.map((x) => ({ value: x, label: t(`cfScope.${x}`) }))} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="position" label={t('cf.position')}>
          <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="required" label={L('required')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="sensitive" label={t('cf.sensitive')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
    </Row>
  );
}
