import { ApartmentOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import type { InternalShare } from '../../../domain/sharing/share.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useDepartments } from '../users/use-departments.ts';
import { useUsers } from '../users/use-users.ts';
import { useShares } from './use-shares.ts';

/** Who else this customer is shared with: grantee, access, end date, who shared it, and a revoke button. */
export function ShareList({ customerId }: { customerId: number }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const { query, revoke } = useShares(customerId);
  const users = useUsers().query.data ?? [];
  const departments = useDepartments().query.data ?? [];
  const userName = (id: number | null) => users.find((u) => u.id === id)?.displayName ?? (id ? `#${id}` : '—');

  const grantee = (s: InternalShare) =>
    s.granteeUserId !== null
      ? { icon: <UserOutlined />, name: userName(s.granteeUserId), kind: t('share.user'), color: '#1d4ed8', bg: '#dbeafe' }
      : { icon: <ApartmentOutlined />, name: departments.find((d) => d.id === s.granteeDepartmentId)?.name ?? `#${s.granteeDepartmentId}`, kind: t('share.department'), color: '#6d28d9', bg: '#ede9fe' };

  return (
    <List<InternalShare>
      loading={query.isFetching}
      dataSource={query.data ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('share.none')} /> }}
      renderItem={(s) => {
        const g = grantee(s);
        return (
          <List.Item
            data-testid="share-row"
            actions={[
              <Popconfirm key="revoke" title={t('share.revokeConfirm')} okButtonProps={{ danger: true }} onConfirm={() => revoke.mutateAsync(s.id).then(() => feedback.success(t('share.revoked')), feedback.error)}>
                <Button type="link" size="small" danger>
                  {t('share.revoke')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              avatar={<Avatar icon={g.icon} style={{ background: g.bg, color: g.color }} />}
              title={
                <Space size={6} wrap>
                  <Typography.Text strong>{g.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {g.kind}
                  </Typography.Text>
                  <Tag color={s.access === 'edit' ? 'orange' : 'blue'} variant="filled">
                    {t(`share.access.${s.access}`)}
                  </Tag>
                  <Tag variant="outlined">{s.expiresAt ? `${t('share.expires')} ${formatDate(s.expiresAt)}` : t('share.noExpiry')}</Tag>
                </Space>
              }
              description={
                <span style={{ fontSize: 12 }}>
                  {t('share.sharedBy')}：{userName(s.createdBy)} · {formatDateTime(s.createdAt)}
                  {s.note && <div>{s.note}</div>}
                </span>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
