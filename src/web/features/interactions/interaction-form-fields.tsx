import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { interactionChannels, type InteractionChannel } from '../../../domain/interactions/interaction.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useUsers } from '../users/use-users.ts';

export type InteractionValues = {
  channel: InteractionChannel;
  occurredAt: Dayjs;
  subject: string;
  summary?: string;
  byUserId?: number | null;
  nextFollowUpOn?: Dayjs | null;
};

export function InteractionFormFields() {
  const { t, lang } = useI18n();
  const users = useUsers().query.data ?? [];
  const L = (f: string) => fieldLabel(f, lang);
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item name="channel" label={L('channel')} rules={[{ required: true }]}>
          <Select options={interactionChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="occurredAt" label={L('occurredAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="subject" label={L('subject')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="summary" label={L('summary')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} showCount />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="byUserId" label={L('byUserId')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={users.map((u) => ({ value: u.id, label: u.displayName }))} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="nextFollowUpOn" label={L('nextFollowUpOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </Row>
  );
}
