import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Popconfirm, Space, Table, Tag, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Purchase, PurchaseStatus } from '../../../domain/purchases/purchase.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import type { RecordDraft } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { fenToYuan, formatDate, formatMoney, formatNumber, orDash, yuanToFen } from '../../ui/format.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { PurchaseFormFields, purchasePath, type PurchaseValues } from './purchase-form-fields.tsx';
import { usePurchases } from './use-purchases.ts';

const statusColor: Record<PurchaseStatus, string> = { completed: 'success', cancelled: 'default', refunded: 'warning' };

const toDraft = (v: PurchaseValues): RecordDraft<'purchases'> => ({
  orderNo: v.orderNo.trim(),
  orderedOn: v.orderedOn.format('YYYY-MM-DD'),
  amountFen: yuanToFen(v.amountYuan) ?? 0,
  costFen: yuanToFen(v.costYuan),
  quantity: v.quantity ?? 1,
  productLine: v.productLine?.trim() || null,
  status: v.status,
  dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
  paidOn: v.paidOn ? v.paidOn.format('YYYY-MM-DD') : null,
  notes: v.notes?.trim() || null,
});

const toValues = (p: Purchase): PurchaseValues => ({
  orderNo: p.orderNo,
  orderedOn: dayjs(p.orderedOn),
  amountYuan: fenToYuan(p.amountFen) ?? 0,
  costYuan: fenToYuan(p.costFen),
  quantity: p.quantity,
  productLine: p.productLine ?? '',
  status: p.status,
  dueOn: p.dueOn ? dayjs(p.dueOn) : null,
  paidOn: p.paidOn ? dayjs(p.paidOn) : null,
  notes: p.notes ?? '',
});

const money = (fen: number | null) => <span className="kd-money">{formatMoney(fen)}</span>;

/** 购买记录 tab: orders with amount, cost and gross profit. */
export function PurchasesTab({ customerId, canEdit }: { customerId: number; canEdit: boolean }) {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { query, add, update, remove } = usePurchases(customerId);
  const [editing, setEditing] = useState<Purchase | 'new' | null>(null);
  const L = (f: string) => fieldLabel(f, lang);

  const columns: TableProps<Purchase>['columns'] = [
    { key: 'orderNo', title: L('orderNo'), dataIndex: 'orderNo', render: (n: string) => <span className="kd-code">{n}</span> },
    { key: 'orderedOn', title: L('orderedOn'), dataIndex: 'orderedOn', width: 120, render: formatDate },
    { key: 'productLine', title: L('productLine'), dataIndex: 'productLine', render: orDash },
    { key: 'quantity', title: L('quantity'), dataIndex: 'quantity', align: 'right', width: 80, render: formatNumber },
    { key: 'amount', title: L('amountFen'), dataIndex: 'amountFen', align: 'right', render: money },
    { key: 'cost', title: L('costFen'), dataIndex: 'costFen', align: 'right', render: money },
    {
      key: 'profit',
      title: t('purchases.grossProfit'),
      dataIndex: 'grossProfitFen',
      align: 'right',
      render: (fen: number | null) => <span className="kd-money" style={{ color: fen !== null && fen < 0 ? '#dc2626' : undefined, fontWeight: 500 }}>{formatMoney(fen)}</span>,
    },
    { key: 'status', title: L('status'), dataIndex: 'status', width: 100, render: (s: PurchaseStatus) => <Tag color={statusColor[s]}>{t(`purchaseStatus.${s}`)}</Tag> },
    { key: 'paidOn', title: L('paidOn'), dataIndex: 'paidOn', width: 120, render: formatDate },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 150,
            render: (_: unknown, p: Purchase) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('purchases.deleteConfirm', { orderNo: p.orderNo })}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync(p.id).then(() => feedback.success(t('common.deleted')), feedback.error)}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const submit = async (v: PurchaseValues) => {
    if (editing === 'new') await add.mutateAsync(toDraft(v));
    else if (editing) await update.mutateAsync({ id: editing.id, patch: toDraft(v) });
    feedback.success(t('common.saved'));
    setEditing(null);
  };

  return (
    <>
      {canEdit && (
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
          <Button type="primary" ghost icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('purchases.add')}
          </Button>
        </div>
      )}
      <Table<Purchase>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 1000 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('purchases.empty')} /> }}
      />
      <FormModal<PurchaseValues>
        title={editing === 'new' ? t('purchases.add') : t('purchases.edit')}
        open={editing !== null}
        width={680}
        onCancel={() => setEditing(null)}
        onSubmit={submit}
        mapPath={purchasePath}
        initialValues={editing && editing !== 'new' ? toValues(editing) : { orderedOn: dayjs(), quantity: 1, status: 'completed' }}
      >
        <PurchaseFormFields />
      </FormModal>
    </>
  );
}
