import { Empty, Pagination, Spin, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDateTime } from '../../ui/format.ts';
import { actionLabel } from '../audit/action-label.ts';
import { changeRows } from '../audit/audit-value-text.ts';
import { ChangeTable } from '../audit/change-table.tsx';
import { useAuditContext } from '../audit/use-audit-context.ts';
import { useCustomerHistory } from './use-customers.ts';

const colorOf = (action: string) => (action.endsWith('.created') || action.endsWith('.restored') ? 'green' : action.endsWith('.deleted') ? 'red' : 'blue');
const pageSize = 20;

/** 变更历史 tab: who changed what and when, field by field, newest first. */
export function CustomerHistoryTab({ customerId }: { customerId: number }) {
  const { t } = useI18n();
  const ctx = useAuditContext();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useCustomerHistory(customerId, page, pageSize);
  const entries = data?.items ?? [];

  return (
    <Spin spinning={isFetching}>
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />
      ) : (
        <Timeline
          items={entries.map((e) => ({
            key: e.id,
            color: colorOf(e.action),
            content: (
              <div data-testid="history-entry" style={{ paddingBottom: 8 }}>
                <div style={{ marginBottom: 6 }}>
                  <Typography.Text strong>{e.actorName}</Typography.Text> <Typography.Text>{actionLabel(e.action, t)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginLeft: 12, fontSize: 12 }}>
                    {formatDateTime(e.at)}
                  </Typography.Text>
                </div>
                <div style={{ background: '#f8fafc', borderRadius: 8, padding: '8px 12px', maxWidth: 760 }}>
                  <ChangeTable rows={changeRows(e.changes, ctx)} />
                </div>
              </div>
            ),
          }))}
        />
      )}
      {(data?.total ?? 0) > pageSize && (
        <Pagination style={{ marginTop: 8, textAlign: 'right' }} current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={setPage} showSizeChanger={false} />
      )}
    </Spin>
  );
}
