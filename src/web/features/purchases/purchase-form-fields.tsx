import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { purchaseStatuses, type PurchaseStatus } from '../../../domain/purchases/purchase.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';

export type PurchaseValues = {
  orderNo: string;
  orderedOn: Dayjs;
  amountYuan: number;
  costYuan?: number | null;
  quantity?: number;
  productLine?: string;
  status: PurchaseStatus;
  dueOn?: Dayjs | null;
  paidOn?: Dayjs | null;
  notes?: string;
};

/** Server paths onto this form: money fields are entered in yuan. */
export const purchasePath = (p: (string | number)[]) => (p[0] === 'amountFen' ? ['amountYuan'] : p[0] === 'costFen' ? ['costYuan'] : p);

export function PurchaseFormFields() {
  const { t, lang } = useI18n();
  const L = (f: string) => fieldLabel(f, lang);
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item name="orderNo" label={L('orderNo')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={64} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="orderedOn" label={L('orderedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="amountYuan" label={t('purchases.amountYuan')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="costYuan" label={t('purchases.costYuan')}>
          <InputNumber min={0} precision={2} prefix="¥" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="productLine" label={L('productLine')}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="quantity" label={L('quantity')}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="status" label={L('status')} rules={[{ required: true }]}>
          <Select options={purchaseStatuses.map((s) => ({ value: s, label: t(`purchaseStatus.${s}`) }))} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="dueOn" label={L('dueOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="paidOn" label={L('paidOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="notes" label={L('notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </Col>
    </Row>
  );
}
