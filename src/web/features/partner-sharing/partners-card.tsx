import { EditOutlined, PlusOutlined, ShopOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Form, Input, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import type { Partner } from '../../../domain/sharing/share.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { formatDate, orDash } from '../../ui/format.ts';
import { useFeedback } from '../../ui/use-feedback.ts';
import { usePartners } from './use-partners.ts';

type Values = { name: string; contactName?: string; contactEmail?: string; note?: string };
const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** 合作伙伴: who can receive shares; added and edited here, never deleted (their shares keep their history). */
export function PartnersCard() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const { query, create, update } = usePartners();
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);

  const columns: TableProps<Partner>['columns'] = [
    {
      key: 'name',
      title: t('partner.name'),
      render: (_: unknown, p) => (
        <Space>
          <Avatar size="small" icon={<ShopOutlined />} style={{ background: '#fef3c7', color: '#b45309' }} />
          <Typography.Text strong>{p.name}</Typography.Text>
        </Space>
      ),
    },
    { key: 'contactName', title: t('partner.contactName'), dataIndex: 'contactName', width: 140, render: orDash },
    { key: 'contactEmail', title: t('partner.contactEmail'), dataIndex: 'contactEmail', width: 220, render: orDash },
    { key: 'note', title: t('partner.note'), dataIndex: 'note', ellipsis: true, render: orDash },
    { key: 'createdAt', title: t('partner.createdAt'), dataIndex: 'createdAt', width: 120, render: formatDate },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_: unknown, p) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid={`partner-edit-${p.id}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  const save = async (v: Values) => {
    const fields = { name: v.name.trim(), contactName: blankToNull(v.contactName), contactEmail: blankToNull(v.contactEmail), note: blankToNull(v.note) };
    if (editing === 'new') {
      const p = await create.mutateAsync(fields);
      feedback.success(t('partner.created', { name: p.name }));
    } else if (editing) {
      const p = await update.mutateAsync({ id: editing.id, patch: fields });
      feedback.success(t('partner.updated', { name: p.name }));
    }
    setEditing(null);
  };

  const initial: Partial<Values> | undefined =
    editing && editing !== 'new' ? { name: editing.name, contactName: editing.contactName ?? '', contactEmail: editing.contactEmail ?? '', note: editing.note ?? '' } : undefined;

  return (
    <Card
      variant="borderless"
      title={t('partner.card')}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="partner-add">
          {t('partner.add')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    >
      <Table<Partner>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data ?? []}
        loading={query.isFetching}
        pagination={(query.data?.length ?? 0) > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: t('partner.empty') }}
      />
      <FormModal<Values>
        title={editing === 'new' ? t('partner.add') : t('partner.editTitle', { name: editing?.name ?? '' })}
        open={editing !== null}
        initialValues={initial}
        onCancel={() => setEditing(null)}
        onSubmit={save}
        width={520}
      >
        <Form.Item name="name" label={t('partner.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} placeholder={t('partner.namePlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item name="contactName" label={t('partner.contactName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactEmail" label={t('partner.contactEmail')} rules={[{ type: 'email' }]}>
          <Input maxLength={254} />
        </Form.Item>
        <Form.Item name="note" label={t('partner.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
