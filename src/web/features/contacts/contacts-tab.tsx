import { DeleteOutlined, EditOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import { Button, Empty, Form, Input, Popconfirm, Space, Switch, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import type { Contact } from '../../../domain/customers/contact.ts';
import { chineseMobileSchema, emailSchema } from '../../../domain/customers/validators.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import type { RecordDraft } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { dash, orDash } from '../../ui/format.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { zodRule } from '../../ui/zod-rule.ts';
import { FieldAccessContext, fieldAccessOf } from '../customers/field-access.ts';
import { SensitiveItem } from '../customers/sensitive-item.tsx';
import { changedFields } from '../../ui/changed-fields.ts';
import { useContacts } from './use-contacts.ts';

type Values = { name: string; title?: string; mobile?: string; email?: string; isPrimary?: boolean; notes?: string };
const both = ['onChange', 'onBlur'];
const clean = (v: Values): RecordDraft<'contacts'> => ({
  name: v.name.trim(),
  title: v.title?.trim() || null,
  mobile: v.mobile?.trim() || null,
  email: v.email?.trim() || null,
  isPrimary: Boolean(v.isPrimary),
  notes: v.notes?.trim() || null,
});

/** 联系人 tab: the people to talk to at this customer; one of them is primary. */
export function ContactsTab({ customerId, canEdit }: { customerId: number; canEdit: boolean }) {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { query, add, update, remove } = useContacts(customerId);
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const L = (f: string) => fieldLabel(f, lang);

  const columns: TableProps<Contact>['columns'] = [
    {
      key: 'name',
      title: L('name'),
      render: (_: unknown, c) => (
        <Space size={6}>
          <span style={{ fontWeight: 500 }}>{c.name}</span>
          {c.isPrimary && (
            <Tag color="gold" icon={<StarFilled />} variant="filled">
              {t('contacts.primary')}
            </Tag>
          )}
        </Space>
      ),
    },
    { key: 'title', title: L('title'), dataIndex: 'title', render: orDash },
    { key: 'mobile', title: L('mobile'), dataIndex: 'mobile', render: (m: string | null) => (m ? <span className="kd-code">{m}</span> : dash) },
    { key: 'email', title: L('email'), dataIndex: 'email', render: orDash },
    { key: 'notes', title: L('notes'), dataIndex: 'notes', ellipsis: true, render: orDash },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 150,
            render: (_: unknown, c: Contact) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('contacts.deleteConfirm', { name: c.name })}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync(c.id).then(() => feedback.success(t('common.deleted')), feedback.error)}
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

  const submit = async (v: Values) => {
    if (editing === 'new') await add.mutateAsync(clean(v));
    else if (editing) await update.mutateAsync({ id: editing.id, patch: changedFields(clean(v), editing) });
    feedback.success(t('common.saved'));
    setEditing(null);
  };

  return (
    <>
      {canEdit && (
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
          <Button type="primary" ghost icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('contacts.add')}
          </Button>
        </div>
      )}
      <Table<Contact>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contacts.empty')} /> }}
      />
      <FormModal<Values>
        title={editing === 'new' ? t('contacts.add') : t('contacts.edit')}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onSubmit={submit}
        initialValues={editing && editing !== 'new' ? { ...editing, title: editing.title ?? '', mobile: editing.mobile ?? '', email: editing.email ?? '', notes: editing.notes ?? '' } : { isPrimary: false }}
      >
        <Form.Item name="name" label={L('name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="title" label={L('title')}>
          <Input maxLength={100} />
        </Form.Item>
        <FieldAccessContext.Provider value={fieldAccessOf(editing === 'new' ? undefined : (editing ?? undefined))}>
          <SensitiveItem path="mobile" name="mobile" label={L('mobile')} rules={[zodRule(chineseMobileSchema, lang)]} validateTrigger={both}>
            <Input maxLength={20} />
          </SensitiveItem>
          <SensitiveItem path="email" name="email" label={L('email')} rules={[zodRule(emailSchema, lang)]} validateTrigger={both}>
            <Input maxLength={254} />
          </SensitiveItem>
        </FieldAccessContext.Provider>
        <Form.Item name="isPrimary" label={L('isPrimary')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="notes" label={L('notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </FormModal>
    </>
  );
}
