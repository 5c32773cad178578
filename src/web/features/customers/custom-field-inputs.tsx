import { Col, DatePicker, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { CustomFieldDef } from '../../../domain/custom-fields/custom-field.ts';
import type { Locale } from '../../../domain/i18n/messages.ts';
import type { Translate } from '../../i18n/i18n-context.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { SensitiveItem } from './sensitive-item.tsx';

/** A custom field's label in the UI language (English falls back to Chinese). */
export const customFieldLabel = (def: CustomFieldDef, lang: Locale) => (lang === 'en' && def.labelEn ? def.labelEn : def.labelZh);

/** The input element itself (not a wrapper component), so Form.Item can bind value and onChange to it. */
function inputFor(def: CustomFieldDef, t: Translate) {
  const options = def.options.map((o) => ({ value: o, label: o }));
  switch (def.type) {
    case 'number':
      return <InputNumber style={{ width: '100%' }} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} />;
    case 'select':
      return <Select options={options} allowClear placeholder={t('common.select')} />;
    case 'multiselect':
      return <Select mode="multiple" options={options} allowClear placeholder={t('common.select')} />;
    case 'boolean':
      return <Switch />;
    case 'text':
      return <Input maxLength={1000} allowClear />;
  }
}

/** One input per definition, named custom.<key> so server issues land under it. */
export function CustomFieldInputs({ defs }: { defs: CustomFieldDef[] }) {
  const { lang, t } = useI18n();
  return (
    <Row gutter={16}>
      {defs.map((def) => (
        <Col xs={24} sm={def.type === 'multiselect' || def.type === 'text' ? 24 : 12} key={def.key}>
          <SensitiveItem
            path={`custom.${def.key}`}
            name={['custom', def.key]}
            label={customFieldLabel(def, lang)}
            rules={def.required ? [{ required: true }] : []}
            valuePropName={def.type === 'boolean' ? 'checked' : 'value'}
          >
            {inputFor(def, t)}
          </SensitiveItem>
        </Col>
      ))}
    </Row>
  );
}
