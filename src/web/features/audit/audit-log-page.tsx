import { Card, DatePicker, Empty, Select, Table, Tag, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import type { AuditEntry } from '../../../services/ports.ts';
import type { AuditQuery } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { zhCN } from '../../i18n/zh-cn.ts';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { actionLabel, entityLabel } from './action-label.ts';
import { changeRows } from './audit-value-text.ts';
import { ChangeTable } from './change-table.tsx';
import { useAudit } from './use-audit.ts';
import { useAuditContext } from './use-audit-context.ts';

const knownActions = Object.keys(zhCN).filter((k) => k.startsWith('audit.action.')).map((k) => k.slice('audit.action.'.length));
const knownEntities = Object.keys(zhCN).filter((k) => k.startsWith('entity.')).map((k) => k.slice('entity.'.length));
const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

/** 审计日志: every change in the system, filterable by person, action, record type and period. */
export function AuditLogPage() {
  const { t } = useI18n();
  const ctx = useAuditContext();
  const [sp, setSp] = useSearchParams();
  const query: AuditQuery = {
    actorId: Number(sp.get('actorId')) || undefined,
    action: sp.get('action') || undefined,
    entityType: sp.get('entityType') || undefined,
    from: date(sp.get('from')),
    to: date(sp.get('to')),
    page: Number(sp.get('page')) || 1,
    pageSize: Number(sp.get('pageSize')) || 20,
  };
  const { data, isFetching } = useAudit(query);
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries({ page: undefined, ...patch })) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setSp(next);
  };

  const columns: TableProps<AuditEntry>['columns'] = [
    { key: 'at', title: t('audit.time'), dataIndex: 'at', width: 170, render: formatDateTime },
    { key: 'actor', title: t('audit.actor'), dataIndex: 'actorName', width: 140, render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { key: 'action', title: t('audit.action'), dataIndex: 'action', width: 220, render: (a: string) => actionLabel(a, t) },
    {
      key: 'entity',
      title: t('audit.entity'),
      width: 200,
      render: (_: unknown, e) => (
        <span>
          <Tag style={{ marginInlineEnd: 6 }}>{entityLabel(e.entityType, t)}</Tag>
          {e.customerId && e.action !== 'customer.deleted' ? <Link to={`/customers/${e.customerId}`}>{t('audit.openCustomer')}</Link> : e.entityId ? <span className="kd-muted">#{e.entityId}</span> : null}
        </span>
      ),
    },
    {
      key: 'changes',
      title: t('audit.changes'),
      render: (_: unknown, e) => (e.changes.length ? <Typography.Text type="secondary">{t('audit.changeCount', { count: e.changes.length })}</Typography.Text> : null),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card variant="borderless">
        <div className="kd-filter-bar" style={{ marginBottom: 16 }}>
          <Select
            value={query.actorId}
            onChange={(v) => set({ actorId: v })}
            placeholder={t('audit.actor')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
            options={ctx.users.map((u) => ({ value: u.id, label: u.displayName }))}
          />
          <Select
            value={query.action}
            onChange={(v) => set({ action: v })}
            placeholder={t('audit.action')}
            allowClear
            style={{ width: 220 }}
            options={knownActions.map((a) => ({ value: a, label: actionLabel(a, t) }))}
          />
          <Select
            value={query.entityType}
            onChange={(v) => set({ entityType: v })}
            placeholder={t('audit.entity')}
            allowClear
            style={{ width: 160 }}
            options={knownEntities.map((e) => ({ value: e, label: entityLabel(e, t) }))}
          />
          <DatePicker.RangePicker
            value={query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
            placeholder={[t('common.startDate'), t('common.endDate')]}
          />
        </div>
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 900 }}
          expandable={{
            expandedRowRender: (e) => (
              <div style={{ padding: '4px 8px', maxWidth: 820 }}>
                <ChangeTable rows={changeRows(e.changes, ctx)} />
              </div>
            ),
            rowExpandable: (e) => e.changes.length > 0,
          }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, ps) => set({ page: p === 1 ? undefined : p, pageSize: ps === 20 ? undefined : ps }),
          }}
        />
      </Card>
    </>
  );
}
