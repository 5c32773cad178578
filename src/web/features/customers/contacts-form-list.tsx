import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row } from 'antd';
import { chineseMobileSchema, emailSchema } from '../../../domain/customers/validators.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { zodRule } from '../../ui/zod-rule.ts';

const both = ['onChange', 'onBlur'];

/** Contacts entered with a new organisation; the first becomes the primary contact. */
export function ContactsFormList() {
  const { t, lang } = useI18n();
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12, background: '#fafbfc' }}
              title={`${fieldLabel('contacts', lang)} ${i + 1}`}
              extra={<Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />}
            >
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name={[field.name, 'name']} label={fieldLabel('name', lang)} rules={[{ required: true }]}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={[field.name, 'title']} label={fieldLabel('title', lang)}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={[field.name, 'mobile']} label={fieldLabel('mobile', lang)} rules={[zodRule(chineseMobileSchema, lang)]} validateTrigger={both} style={{ marginBottom: 0 }}>
                    <Input maxLength={20} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={[field.name, 'email']} label={fieldLabel('email', lang)} rules={[zodRule(emailSchema, lang)]} validateTrigger={both} style={{ marginBottom: 0 }}>
                    <Input maxLength={254} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
            {t('form.addContact')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
