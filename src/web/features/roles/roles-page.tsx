import { CopyOutlined, DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { sensitiveFields } from '../../../domain/access/permissions.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import type { RoleView } from '../../../services/admin/roles.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { modeColor, scopeColor } from './role-grants-fields.tsx';
import { RoleEditorDrawer, type RoleEditor } from './role-editor-drawer.tsx';
import { roleName } from './role-name.ts';
import { useRoles } from './use-roles.ts';

/** 角色与权限: built-in roles to read and copy, custom roles to edit and delete. */
export function RolesPage() {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { query, remove } = useRoles();
  const [editor, setEditor] = useState<RoleEditor>(null);

  const columns: TableProps<RoleView>['columns'] = [
    {
      key: 'name',
      title: t('roles.name'),
      width: 220,
      render: (_: unknown, r) => (
        <Space>
          <Avatar size="small" icon={<SafetyCertificateOutlined />} style={{ background: r.builtin ? '#eef2ff' : '#ecfdf5', color: r.builtin ? '#4338ca' : '#047857' }} />
          <span>
            <Typography.Text strong>{roleName(r, lang)}</Typography.Text>
            <div className="kd-code" style={{ fontSize: 12 }}>
              {r.key}
            </div>
          </span>
        </Space>
      ),
    },
    { key: 'type', title: t('roles.type'), width: 90, render: (_: unknown, r) => (r.builtin ? <Tag color="geekblue">{t('roles.builtin')}</Tag> : <Tag color="green">{t('roles.custom')}</Tag>) },
    {
      key: 'read',
      title: t('roles.readScope'),
      width: 170,
      render: (_: unknown, r) => {
        const s = r.grants.records.read ?? 'none';
        return <Tag color={scopeColor[s]} variant="filled">{t(`scope.${s}`)}</Tag>;
      },
    },
    {
      key: 'system',
      title: t('roles.system'),
      render: (_: unknown, r) =>
        r.grants.system.length === 0 ? (
          <span className="kd-muted">{t('roles.systemNone')}</span>
        ) : (
          <Space size={[4, 4]} wrap>
            {r.grants.system.map((s) => (
              <Tag key={s} style={{ marginInlineEnd: 0 }}>
                {t(`systemAction.${s}`)}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      key: 'fields',
      title: t('roles.fields'),
      width: 230,
      render: (_: unknown, r) => {
        // only what differs from "editable" is worth a glance
        const limited = sensitiveFields.filter((f) => (r.grants.fields[f] ?? 'editable') !== 'editable');
        if (limited.length === 0) return <Tag color={modeColor.editable} variant="filled">{t('fieldMode.editable')}</Tag>;
        return (
          <Space size={[4, 4]} wrap>
            {limited.map((f) => {
              const m = r.grants.fields[f] ?? 'editable';
              return (
                <Tag key={f} color={modeColor[m]} variant="filled" style={{ marginInlineEnd: 0 }}>
                  {fieldLabel(f, lang)} · {t(`fieldMode.${m}`)}
                </Tag>
              );
            })}
          </Space>
        );
      },
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 230,
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={0}>
          {r.builtin ? (
            <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setEditor({ kind: 'view', role: r })}>
              {t('roles.view')}
            </Button>
          ) : (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditor({ kind: 'edit', role: r })}>
              {t('common.edit')}
            </Button>
          )}
          <Tooltip title={t('roles.copy')}>
            <Button type="link" size="small" icon={<CopyOutlined />} onClick={() => setEditor({ kind: 'create', from: r })} aria-label={t('roles.copy')} />
          </Tooltip>
          {!r.builtin && (
            <Popconfirm
              title={t('roles.deleteConfirm', { name: roleName(r, lang) })}
              description={t('roles.deleteHint')}
              okButtonProps={{ danger: true }}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              onConfirm={() => remove.mutateAsync(r.key).then(() => feedback.success(t('roles.deletedMsg', { name: roleName(r, lang) })), feedback.error)}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        subtitle={t('roles.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({ kind: 'create' })}>
            {t('roles.new')}
          </Button>
        }
      />
      <Card variant="borderless">
        <Table<RoleView> rowKey="key" columns={columns} dataSource={query.data ?? []} loading={query.isFetching} pagination={false} scroll={{ x: 1100 }} />
      </Card>
      <RoleEditorDrawer editor={editor} onClose={() => setEditor(null)} onCopy={(role) => setEditor({ kind: 'create', from: role })} />
    </>
  );
}
