import {
  ApartmentOutlined,
  AuditOutlined,
  DeleteOutlined,
  DownOutlined,
  FormOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  NumberOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  ContactsOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ShareAltOutlined,
  ImportOutlined,
} from '@ant-design/icons';
import { Alert, App, Avatar, Button, Dropdown, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/use-i18n.ts';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { LogoMark } from '../../ui/logo-mark.tsx';
import { useSession } from '../auth/use-session.ts';
import { ChangePasswordModal } from '../users/change-password-modal.tsx';
import { roleLabel } from '../users/role-label.ts';

type MenuItem = NonNullable<MenuProps['items']>[number];

/** The frame around every signed-in page: side menu by permission, language and account in the header. */
export function AppLayout() {
  const { t } = useI18n();
  const { me, can, signOut } = useSession();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

  const adminItems: MenuItem[] = [
    can('custom_field.manage') && { key: '/admin/custom-fields', icon: <FormOutlined />, label: t('nav.customFields') },
    can('user.manage') && { key: '/admin/users', icon: <TeamOutlined />, label: t('nav.users') },
    can('user.manage') && { key: '/admin/roles', icon: <SafetyOutlined />, label: t('nav.roles') },
    can('settings.manage') && { key: '/admin/code-scheme', icon: <NumberOutlined />, label: t('nav.codeScheme') },
  ].filter((x): x is Exclude<typeof x, false> => Boolean(x));

  const items: MenuItem[] = [
    { key: '/customers', icon: <ContactsOutlined />, label: t('nav.customers') },
    ...(can('customer.read') ? [{ key: '/classification', icon: <ApartmentOutlined />, label: t('nav.classification') }] : []),
    ...(can('customer.restore') ? [{ key: '/recycle-bin', icon: <DeleteOutlined />, label: t('nav.recycleBin') }] : []),
    ...(can('customer.share') ? [{ key: '/sharing/partners', icon: <ShareAltOutlined />, label: t('nav.partnerShares') }] : []),
    ...(can('customer.import') ? [{ key: '/imports', icon: <ImportOutlined />, label: t('nav.imports') }] : []),
    ...(can('audit.read') ? [{ key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') }] : []),
    ...(adminItems.length ? [{ key: 'admin', icon: <SettingOutlined />, label: t('nav.admin'), children: adminItems }] : []),
  ];

  const selected = ['/customers', '/classification', '/recycle-bin', '/sharing/partners', '/imports', '/audit', '/admin/custom-fields', '/admin/users', '/admin/roles', '/admin/code-scheme'].find((k) => location.pathname.startsWith(k));

  const doSignOut = () =>
    signOut.mutate(undefined, {
      onSettled: () => {
        void message.success(t('auth.signedOut'));
        navigate('/sign-in', { replace: true });
      },
    });

  const accountMenu: MenuProps = {
    items: [
      { key: 'account', icon: <SafetyCertificateOutlined />, label: t('nav.account'), onClick: () => navigate('/account') },
      { key: 'password', icon: <KeyOutlined />, label: t('users.changePassword'), onClick: () => setChangingPassword(true) },
      { type: 'divider' },
      { key: 'sign-out', icon: <LogoutOutlined />, label: t('auth.signOut'), onClick: doSignOut },
    ],
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        trigger={null}
        width={224}
        collapsedWidth={72}
        theme="light"
        className="kd-sider"
        breakpoint="lg"
        onBreakpoint={(broken) => setCollapsed(broken)}
      >
        <div className="kd-brand" onClick={() => navigate('/customers')}>
          <LogoMark size={30} />
          {!collapsed && <span className="kd-brand-name">{t('app.name')}</span>}
        </div>
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={['admin']}
          items={items}
          onClick={({ key }) => navigate(key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="kd-header">
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
            aria-label="menu"
          />
          <Space size={8}>
            <LanguageSwitch />
            <Dropdown menu={accountMenu} placement="bottomRight" trigger={['click']}>
              <Button type="text" style={{ height: 40 }} data-testid="account-menu">
                <Space size={8}>
                  <Avatar size={28} icon={<UserOutlined />} style={{ background: '#1d4ed8' }} />
                  <span>
                    <Typography.Text strong>{me?.user.displayName}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                      {me ? roleLabel(me.user.role, t) : ''}
                    </Typography.Text>
                  </span>
                  <DownOutlined style={{ fontSize: 10, color: '#94a3b8' }} />
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="kd-content">
          {me?.user.role === 'admin' && !me.user.totpEnabled && (
            <Alert
              type="warning"
              showIcon
              data-testid="totp-banner"
              title={t('account.adminBanner')}
              action={
                location.pathname !== '/account' && (
                  <Button size="small" type="primary" onClick={() => navigate('/account')}>
                    {t('account.adminBannerAction')}
                  </Button>
                )
              }
              style={{ marginBottom: 16 }}
            />
          )}
          <Outlet />
        </Layout.Content>
        <Layout.Footer className="kd-footer">{t('app.footer')}</Layout.Footer>
        <ChangePasswordModal user={changingPassword && me ? me.user : null} self onClose={() => setChangingPassword(false)} />
      </Layout>
    </Layout>
  );
}
