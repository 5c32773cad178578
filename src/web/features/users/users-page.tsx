import { EditOutlined, KeyOutlined, LogoutOutlined, PlusOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Badge, Button, Card, Col, Popconfirm, Row, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { api } from '../../api-client.ts';
import { useState } from 'react';
import type { User, UserPatch } from '../../../domain/users/user.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDateTime, orDash } from '../../ui/format.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useSession } from '../auth/use-session.ts';
import { ChangePasswordModal } from './change-password-modal.tsx';
import { DepartmentsCard } from './departments-card.tsx';
import { roleLabel } from './role-label.ts';
import { useDepartments } from './use-departments.ts';
import { UserFormFields, type UserValues } from './user-form-fields.tsx';
import { useUsers } from './use-users.ts';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | null;

/** 用户与部门 admin: accounts, roles, departments, password resets. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { me } = useSession();
  const { query, create, update } = useUsers();
  const departments = useDepartments().query.data ?? [];
  const [dialog, setDialog] = useState<Dialog>(null);
  const users = query.data ?? [];
  const L = (f: string) => fieldLabel(f, lang);

  const columns: TableProps<User>['columns'] = [
    {
      key: 'user',
      title: L('displayName'),
      width: 220,
      render: (_: unknown, u) => (
        <Space>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: u.isActive ? '#dbeafe' : '#f1f5f9', color: u.isActive ? '#1d4ed8' : '#94a3b8' }} />
          <span>
            <Typography.Text strong>{u.displayName}</Typography.Text>
            {u.id === me?.user.id && <Typography.Text type="secondary"> ({t('users.you')})</Typography.Text>}
            {u.totpEnabled && <SafetyCertificateOutlined title={t('users.totpOn')} style={{ color: '#16a34a', marginLeft: 6 }} />}
            <div className="kd-code" style={{ fontSize: 12 }}>
              {u.username}
            </div>
          </span>
        </Space>
      ),
    },
    { key: 'role', title: L('role'), dataIndex: 'role', width: 130, render: (r: string) => <Tag color={r === 'admin' ? 'geekblue' : 'default'}>{roleLabel(r, t)}</Tag> },
    { key: 'department', title: L('departmentId'), dataIndex: 'departmentId', width: 140, ellipsis: true, render: (id: number | null) => orDash(departments.find((d) => d.id === id)?.name) },
    { key: 'email', title: L('email'), dataIndex: 'email', ellipsis: true, render: orDash },
    { key: 'status', title: t('common.status'), dataIndex: 'isActive', width: 100, render: (a: boolean) => <Badge status={a ? 'success' : 'default'} text={a ? t('common.enabled') : t('common.disabled')} /> },
    { key: 'createdAt', title: t('customers.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 340,
      fixed: 'right',
      render: (_: unknown, u) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', user: u })}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setDialog({ kind: 'password', user: u })}>
            {t('users.resetPassword')}
          </Button>
          <Popconfirm
            title={t('users.signOutEverywhereConfirm', { name: u.displayName })}
            onConfirm={() => api.users.signOutEverywhere(u.id).then((r) => feedback.success(t('users.signedOutEverywhere', { count: r.ended })), feedback.error)}
          >
            <Button type="link" size="small" icon={<LogoutOutlined />}>
              {t('users.signOutEverywhere')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const submitUser = async (v: UserValues) => {
    // role keys are plain strings here; the domain may narrow them to the built-in set
    const fields = { displayName: v.displayName.trim(), role: v.role as NonNullable<UserPatch['role']>, departmentId: v.departmentId ?? null, email: v.email?.trim() || null };
    if (dialog?.kind === 'create') await create.mutateAsync({ ...fields, username: (v.username ?? '').trim(), password: v.password ?? '' });
    else if (dialog?.kind === 'edit') await update.mutateAsync({ id: dialog.user.id, patch: { ...fields, isActive: Boolean(v.isActive) } });
    feedback.success(t('common.saved'));
    setDialog(null);
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('users.new')}
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={17}>
          <Card variant="borderless" title={t('users.usersCard')}>
            <Table<User> rowKey="id" columns={columns} dataSource={users} loading={query.isFetching} pagination={false} scroll={{ x: 1060 }} />
          </Card>
        </Col>
        <Col xs={24} xxl={7}>
          <DepartmentsCard memberCount={(id) => users.filter((u) => u.departmentId === id).length} />
        </Col>
      </Row>
      <FormModal<UserValues>
        title={dialog?.kind === 'edit' ? `${t('users.edit')} · ${dialog.user.displayName}` : t('users.new')}
        open={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        width={620}
        onCancel={() => setDialog(null)}
        onSubmit={submitUser}
        initialValues={dialog?.kind === 'edit' ? { ...dialog.user, email: dialog.user.email ?? '' } : { role: 'sales' }}
      >
        <UserFormFields mode={dialog?.kind === 'edit' ? 'edit' : 'create'} knownRoles={users.map((u) => u.role)} />
      </FormModal>
      <ChangePasswordModal user={dialog?.kind === 'password' ? dialog.user : null} self={dialog?.kind === 'password' && dialog.user.id === me?.user.id} onClose={() => setDialog(null)} />
    </>
  );
}
