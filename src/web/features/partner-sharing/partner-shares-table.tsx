import { CloudDownloadOutlined, HistoryOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import type { PartnerShare } from '../../../domain/sharing/share.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useSavedFilters } from '../sharing/use-saved-filters.ts';
import { useUsers } from '../users/use-users.ts';
import { AccessLogDrawer } from './access-log-drawer.tsx';
import { shareStatus, statusColor } from './share-status.ts';
import { usePartners } from './use-partners.ts';
import { usePartnerShares } from './use-partner-shares.ts';

/** Every partner share: to whom, why, what, until when, in what state, by whom; revoke and the access log per row. */
export function PartnerSharesTable() {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { query, revoke } = usePartnerShares();
  const partners = usePartners().query.data ?? [];
  const users = useUsers().query.data ?? [];
  const savedFilters = useSavedFilters().query.data ?? [];
  const [logOf, setLogOf] = useState<PartnerShare | null>(null);

  const columns: TableProps<PartnerShare>['columns'] = [
    {
      key: 'title',
      title: t('pshare.shareTitle'),
      width: 200,
      fixed: 'left',
      render: (_: unknown, s) => (
        <>
          <Typography.Text strong>{s.title}</Typography.Text>
          <div style={{ fontSize: 12 }}>
            <Typography.Text type="secondary">{partners.find((p) => p.id === s.partnerId)?.name ?? `#${s.partnerId}`}</Typography.Text>
          </div>
        </>
      ),
    },
    {
      key: 'status',
      title: t('pshare.status'),
      width: 90,
      render: (_: unknown, s) => {
        const st = shareStatus(s);
        return (
          <Tooltip title={s.revokedAt ? formatDateTime(s.revokedAt) : undefined}>
            <Tag color={statusColor[st]} data-testid="share-status">
              {t(`pshare.status.${st}`)}
            </Tag>
          </Tooltip>
        );
      },
    },
    { key: 'purpose', title: t('pshare.purpose'), dataIndex: 'purpose', width: 180, ellipsis: { showTitle: true } },
    {
      key: 'scope',
      title: t('pshare.scope'),
      width: 130,
      render: (_: unknown, s) =>
        s.customerIds
          ? t('pshare.scopeCustomers', { count: s.customerIds.length })
          : (() => {
              const f = savedFilters.find((x) => x.id === s.savedFilterId);
              return f ? t('pshare.scopeFilter', { name: f.name }) : t('pshare.scopeFilterUnknown', { id: s.savedFilterId ?? '' });
            })(),
    },
    {
      key: 'fields',
      title: t('pshare.fields'),
      width: 260,
      render: (_: unknown, s) => (
        <Space size={[4, 4]} wrap>
          {s.fields.map((f) => {
            const masked = s.maskedFields.includes(f);
            return (
              <Tag key={f} color={masked ? 'gold' : undefined} style={{ marginInlineEnd: 0 }}>
                {fieldLabel(f, lang)}
                {masked && ` · ${t('pshare.masked')}`}
              </Tag>
            );
          })}
          {s.allowDownload && (
            <Tag icon={<CloudDownloadOutlined />} color="purple" style={{ marginInlineEnd: 0 }}>
              {t('pshare.download')}
            </Tag>
          )}
        </Space>
      ),
    },
    { key: 'expiresAt', title: t('pshare.expires'), dataIndex: 'expiresAt', width: 110, render: formatDate },
    {
      key: 'createdBy',
      title: t('share.sharedBy'),
      width: 150,
      render: (_: unknown, s) => (
        <>
          {users.find((u) => u.id === s.createdBy)?.displayName ?? (s.createdBy ? `#${s.createdBy}` : '—')}
          <div className="kd-muted" style={{ fontSize: 12 }}>
            {formatDateTime(s.createdAt)}
          </div>
        </>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      fixed: 'right',
      render: (_: unknown, s) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setLogOf(s)}>
            {t('pshare.accessLog')}
          </Button>
          {shareStatus(s) === 'active' && (
            <Popconfirm
              title={t('pshare.revokeConfirm', { title: s.title })}
              okButtonProps={{ danger: true }}
              okText={t('pshare.revoke')}
              cancelText={t('common.cancel')}
              onConfirm={() => revoke.mutateAsync(s.id).then(() => feedback.success(t('pshare.revoked')), feedback.error)}
            >
              <Button type="link" size="small" danger icon={<StopOutlined />}>
                {t('pshare.revoke')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Table<PartnerShare>
        rowKey="id"
        columns={columns}
        dataSource={query.data ?? []}
        loading={query.isFetching}
        scroll={{ x: 1350 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: t('pshare.empty') }}
      />
      <AccessLogDrawer share={logOf} onClose={() => setLogOf(null)} />
    </>
  );
}
