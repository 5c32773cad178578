import { Col, Form, Input, Row, Select } from 'antd';
import { lifecycleStages } from '../../../domain/customers/customer.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useUsers } from '../users/use-users.ts';

/** Stage, owner, source channel, tags and notes: what sales work with every day. */
export function ManagementFields() {
  const { t, lang } = useI18n();
  const users = useUsers().query.data ?? [];
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item name="stage" label={fieldLabel('stage', lang)} rules={[{ required: true }]}>
          <Select options={lifecycleStages.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="ownerId" label={fieldLabel('ownerId', lang)}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('common.select')}
            options={users.filter((u) => u.isActive).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="source" label={fieldLabel('source', lang)}>
          <Input maxLength={50} allowClear />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="tags" label={fieldLabel('tags', lang)}>
          <Select mode="tags" tokenSeparators={[',', '，']} placeholder={t('form.tagsPlaceholder')} open={false} suffixIcon={null} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="notes" label={fieldLabel('notes', lang)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} showCount />
        </Form.Item>
      </Col>
    </Row>
  );
}
