import { EditOutlined, InboxOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Popconfirm, Space, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import type { CustomFieldDef } from '../../../domain/custom-fields/custom-field.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { dash, orDash } from '../../ui/format.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { CustomFieldForm, type CustomFieldValues } from './custom-field-form.tsx';
import { useCustomFields } from './use-custom-fields.ts';

/** 自定义字段 admin: define, relabel, change options or archive the extra fields of the archive. */
export function CustomFieldsPage() {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { query, create, update } = useCustomFields();
  const [editing, setEditing] = useState<CustomFieldDef | 'new' | null>(null);
  const L = (f: string) => fieldLabel(f, lang);
  const defs = [...(query.data ?? [])].sort((a, b) => Number(a.archived) - Number(b.archived) || a.position - b.position || a.id - b.id);

  const setArchived = (d: CustomFieldDef, archived: boolean) =>
    update.mutateAsync({ id: d.id, patch: { archived } }).then(() => feedback.success(t(archived ? 'cf.archivedMsg' : 'cf.unarchivedMsg')), feedback.error);

  const columns: TableProps<CustomFieldDef>['columns'] = [
    {
      key: 'label',
      title: L('labelZh'),
      render: (_: unknown, d) => (
        <Space size={4}>
          <span style={{ fontWeight: 500 }}>{d.labelZh}</span>
          {d.required && <span style={{ color: '#dc2626' }}>*</span>}
        </Space>
      ),
    },
    { key: 'labelEn', title: L('labelEn'), dataIndex: 'labelEn', render: orDash },
    { key: 'key', title: L('key'), dataIndex: 'key', render: (k: string) => <span className="kd-code">{k}</span> },
    { key: 'type', title: L('type'), dataIndex: 'type', width: 110, render: (x: CustomFieldDef['type']) => <Tag>{t(`cfType.${x}`)}</Tag> },
    {
      key: 'options',
      title: L('options'),
      dataIndex: 'options',
      render: (o: string[]) => (o.length ? <Space size={[4, 4]} wrap>{o.map((x) => <Tag key={x} style={{ marginInlineEnd: 0 }}>{x}</Tag>)}</Space> : dash),
    },
    { key: 'appliesTo', title: L('appliesTo'), dataIndex: 'appliesTo', width: 130, render: (x: CustomFieldDef['appliesTo']) => t(`cfScope.${x}`) },
    {
      key: 'status',
      title: t('common.status'),
      width: 100,
      render: (_: unknown, d) => <Badge status={d.archived ? 'default' : 'success'} text={d.archived ? t('cf.archived') : t('cf.active')} />,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      render: (_: unknown, d) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(d)}>
            {t('common.edit')}
          </Button>
          {d.archived ? (
            <Button type="link" size="small" icon={<UndoOutlined />} onClick={() => void setArchived(d, false)}>
              {t('cf.unarchive')}
            </Button>
          ) : (
            <Popconfirm title={t('cf.archive')} description={t('cf.archiveConfirm')} onConfirm={() => setArchived(d, true)}>
              <Button type="link" size="small" danger icon={<InboxOutlined />}>
                {t('cf.archive')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const submit = async (v: CustomFieldValues) => {
    const common = {
      labelZh: v.labelZh.trim(),
      labelEn: v.labelEn?.trim() || null,
      required: Boolean(v.required),
      options: v.type === 'select' || v.type === 'multiselect' ? (v.options ?? []) : [],
      appliesTo: v.appliesTo,
      sensitive: Boolean(v.sensitive),
      position: v.position ?? 0,
    };
    if (editing === 'new') await create.mutateAsync({ ...common, key: v.key.trim(), type: v.type });
    else if (editing) await update.mutateAsync({ id: editing.id, patch: common });
    feedback.success(t('common.saved'));
    setEditing(null);
  };

  return (
    <>
      <PageHeader
        title={t('cf.title')}
        subtitle={t('cf.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('cf.new')}
          </Button>
        }
      />
      <Card variant="borderless">
        <Table<CustomFieldDef>
          rowKey="id"
          columns={columns}
          dataSource={defs}
          loading={query.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          rowClassName={(d) => (d.archived ? 'kd-muted' : '')}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cf.empty')} /> }}
        />
      </Card>
      <FormModal<CustomFieldValues>
        title={editing === 'new' ? t('cf.new') : t('cf.edit')}
        open={editing !== null}
        width={640}
        onCancel={() => setEditing(null)}
        onSubmit={submit}
        initialValues={editing && editing !== 'new' ? { ...editing, labelEn: editing.labelEn ?? '' } : { type: 'text', appliesTo: 'all', required: false, sensitive: false, position: 0, options: [] }}
      >
        <CustomFieldForm editing={editing !== 'new'} />
      </FormModal>
    </>
  );
}
