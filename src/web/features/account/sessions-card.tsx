import { DesktopOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Space, Table, Tag, type TableProps } from 'antd';
import type { SessionView } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDateTime, orDash } from '../../ui/format.ts';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useMySessions } from './use-my-sessions.ts';

/** My signed-in devices, with a way to sign any of them out. */
export function SessionsCard() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const { query, revoke, signOutOthers } = useMySessions();
  const sessions = query.data ?? [];

  const columns: TableProps<SessionView>['columns'] = [
    {
      key: 'device',
      title: t('account.device'),
      render: (_: unknown, s) => (
        <Space>
          <DesktopOutlined style={{ color: '#64748b' }} />
          <span title={s.userAgent ?? ''}>{s.device || t('account.unknownDevice')}</span>
          {s.current && <Tag color="blue">{t('account.thisDevice')}</Tag>}
        </Space>
      ),
    },
    { key: 'ip', title: t('account.ip'), dataIndex: 'ip', width: 150, render: (ip: string | null) => <span className="kd-code">{orDash(ip)}</span> },
    { key: 'createdAt', title: t('account.signedInAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
    { key: 'lastSeenAt', title: t('account.lastSeen'), dataIndex: 'lastSeenAt', width: 160, render: formatDateTime },
    { key: 'expiresAt', title: t('account.expiresAt'), dataIndex: 'expiresAt', width: 160, render: formatDateTime },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_: unknown, s) => (
        <Popconfirm title={t('account.revokeConfirm')} onConfirm={() => revoke.mutateAsync(s).then(() => feedback.success(t('account.revoked')), feedback.error)}>
          <Button type="link" size="small" danger icon={<LogoutOutlined />}>
            {t('account.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      variant="borderless"
      title={t('account.sessions')}
      extra={
        <Popconfirm
          title={t('account.signOutOthersConfirm')}
          onConfirm={() => signOutOthers.mutateAsync().then((r) => feedback.success(t('account.othersSignedOut', { count: r.ended })), feedback.error)}
        >
          <Button disabled={sessions.filter((s) => !s.current).length === 0}>{t('account.signOutOthers')}</Button>
        </Popconfirm>
      }
    >
      <Table<SessionView> rowKey="id" columns={columns} dataSource={sessions} loading={query.isFetching} pagination={false} scroll={{ x: 860 }} size="middle" />
    </Card>
  );
}
