import { CloudDownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { Drawer, Table, Tag, Tooltip, type TableProps } from 'antd';
import type { PartnerAccess, PartnerShare } from '../../../domain/sharing/share.ts';
import { describeUserAgent } from '../../../domain/users/user-agent.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDateTime, formatNumber, orDash } from '../../ui/format.ts';
import { usePartnerAccessLog } from './use-partner-shares.ts';

/** 访问记录 of one share: every view and download, when, from which address and browser. */
export function AccessLogDrawer({ share, onClose }: { share: PartnerShare | null; onClose: () => void }) {
  const { t } = useI18n();
  const log = usePartnerAccessLog(share?.id ?? null);
  const columns: TableProps<PartnerAccess>['columns'] = [
    { key: 'at', title: t('accessLog.time'), dataIndex: 'at', width: 150, render: formatDateTime },
    {
      key: 'action',
      title: t('accessLog.action'),
      dataIndex: 'action',
      width: 90,
      render: (a: PartnerAccess['action']) =>
        a === 'download' ? (
          <Tag icon={<CloudDownloadOutlined />} color="purple">
            {t('accessLog.download')}
          </Tag>
        ) : (
          <Tag icon={<EyeOutlined />} color="blue">
            {t('accessLog.view')}
          </Tag>
        ),
    },
    { key: 'rows', title: t('accessLog.rows'), dataIndex: 'rows', width: 70, align: 'right', render: formatNumber },
    { key: 'ip', title: t('accessLog.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => <span className="kd-code">{orDash(ip)}</span> },
    {
      key: 'userAgent',
      title: t('accessLog.userAgent'),
      dataIndex: 'userAgent',
      ellipsis: { showTitle: false },
      render: (ua: string | null) => (
        <Tooltip title={ua} placement="topLeft">
          <span>{orDash(describeUserAgent(ua))}</span>
        </Tooltip>
      ),
    },
  ];
  return (
    <Drawer title={share ? t('accessLog.title', { title: share.title }) : ''} open={share !== null} onClose={onClose} size={760} destroyOnHidden>
      <Table<PartnerAccess>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={log.data ?? []}
        loading={log.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('accessLog.empty') }}
        data-testid="access-log"
      />
    </Drawer>
  );
}
