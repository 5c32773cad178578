import { DownloadOutlined, PlusOutlined, ShareAltOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import type { CustomerSummary } from '../../../services/ports.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { dash, formatDate, formatDateTime, orDash } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useErrorText } from '../../ui/use-error-text.ts';
import { useSession } from '../auth/use-session.ts';
import type { PickedCustomer } from '../partner-sharing/customer-picker.tsx';
import { PartnerShareWizard } from '../partner-sharing/partner-share-wizard.tsx';
import { SavedFiltersMenu } from '../sharing/saved-filters-menu.tsx';
import { fromSegmentQuery, toSegmentQuery } from '../sharing/segment-query.ts';
import { CustomerExportModal } from './customer-export-modal.tsx';
import { CustomerFilters } from './customer-filters.tsx';
import { CustomerFormDrawer } from './customer-form-drawer.tsx';
import { industryName } from './industry.ts';
import { KindIcon } from './kind-icon.tsx';
import { readListState, writeListState, type ListState } from './list-params.ts';
import { StageTag } from './stage-tag.tsx';
import { useCustomerList } from './use-customers.ts';
import { useKeysetPaging } from './use-keyset-paging.ts';

type SortKey = ListState['sort'];

export function CustomerListPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readListState(searchParams);
  const paging = useKeysetPaging(state);
  const { data, isFetching, error } = useCustomerList(paging.params);
  paging.remember(data);
  const [creating, setCreating] = useState(false);
  // picked rows survive paging and filtering, so a partner share can gather customers from several searches
  const [picked, setPicked] = useState<PickedCustomer[]>([]);
  const [sharing, setSharing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const canSharePartners = can('customer.share') && can('customer.export');

  const update = (patch: Partial<ListState>) => setSearchParams(writeListState({ ...state, page: 1, ...patch }));
  const sortOrder = (key: SortKey): 'ascend' | 'descend' | null => (state.sort === key ? (state.order === 'asc' ? 'ascend' : 'descend') : null);
  const sortable = (key: SortKey) => ({ sorter: true, sortOrder: sortOrder(key), sortDirections: ['ascend', 'descend', 'ascend'] as ('ascend' | 'descend')[] });

  const dateCell = (iso: string) => (
    <Tooltip title={formatDateTime(iso)}>
      <span>{formatDate(iso)}</span>
    </Tooltip>
  );

  const columns: TableProps<CustomerSummary>['columns'] = [
    { key: 'code', title: fieldLabel('code', lang), dataIndex: 'code', width: 150, fixed: 'left', ...sortable('code'), render: (code: string) => <span className="kd-code">{code}</span> },
    {
      key: 'name',
      title: fieldLabel('name', lang),
      dataIndex: 'name',
      width: 270,
      fixed: 'left',
      ...sortable('name'),
      render: (name: string, c) => {
        const industry = industryName(c.industry, lang);
        return (
          <div style={{ display: 'flex', gap: 10, alignItems: 'center', minWidth: 0 }}>
            <KindIcon kind={c.kind} />
            <div style={{ minWidth: 0 }}>
              <Link to={`/customers/${c.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
                {name}
              </Link>
              {industry && (
                <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 210 }}>
                  {industry}
                </Typography.Text>
              )}
            </div>
          </div>
        );
      },
    },
    { key: 'stage', title: t('customers.stage'), dataIndex: 'stage', width: 110, ...sortable('stage'), render: (s: CustomerSummary['stage']) => <StageTag stage={s} /> },
    { key: 'mobile', title: fieldLabel('mobile', lang), dataIndex: 'mobile', width: 130, render: (m: string | null) => (m ? <span className="kd-code">{m}</span> : dash) },
    {
      key: 'region',
      title: t('customers.region'),
      width: 130,
      ellipsis: true,
      render: (_: unknown, c) => orDash([c.province, c.city].filter((x, i, a) => x && a.indexOf(x) === i).join(' ')),
    },
    {
      key: 'tags',
      title: fieldLabel('tags', lang),
      dataIndex: 'tags',
      width: 190,
      render: (tags: string[]) =>
        tags.length === 0 ? (
          <span className="kd-muted">{dash}</span>
        ) : (
          <Space size={[4, 4]} wrap>
            {tags.slice(0, 3).map((tag) => (
              <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                {tag}
              </Tag>
            ))}
            {tags.length > 3 && <Typography.Text type="secondary">+{tags.length - 3}</Typography.Text>}
          </Space>
        ),
    },
    { key: 'createdAt', title: t('customers.createdAt'), dataIndex: 'createdAt', width: 120, ...sortable('createdAt'), render: dateCell },
    { key: 'updatedAt', title: t('customers.updatedAt'), dataIndex: 'updatedAt', width: 120, ...sortable('updatedAt'), render: dateCell },
  ];

  const onTableChange: TableProps<CustomerSummary>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.columnKey as SortKey | undefined;
      if (key && s?.order) update({ sort: key, order: s.order === 'ascend' ? 'asc' : 'desc' });
      else update({ sort: 'createdAt', order: 'desc' });
      return;
    }
    setSearchParams(writeListState({ ...state, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? state.pageSize }));
  };

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        extra={
          <>
            <SavedFiltersMenu current={toSegmentQuery(state)} onApply={(q) => setSearchParams(writeListState({ ...readListState(new URLSearchParams()), ...fromSegmentQuery(q) }))} />
            {can('customer.export') && (
              <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="export-customers">
                {t('export.button')}
              </Button>
            )}
            {can('customer.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('customers.new')}
              </Button>
            )}
          </>
        }
      />
      <Card variant="borderless" styles={{ body: { paddingBottom: 8 } }}>
        <CustomerFilters state={state} onChange={update} onReset={() => setSearchParams(new URLSearchParams())} />
        {picked.length > 0 && (
          <Alert
            type="info"
            style={{ marginTop: 16 }}
            data-testid="selection-bar"
            title={t('pshare.selected', { count: picked.length })}
            action={
              <Space>
                <Button size="small" type="link" onClick={() => setPicked([])}>
                  {t('pshare.clearSelection')}
                </Button>
                <Button size="small" type="primary" icon={<ShareAltOutlined />} onClick={() => setSharing(true)} data-testid="share-selection">
                  {t('pshare.fromSelection')}
                </Button>
              </Space>
            }
          />
        )}
        <Table<CustomerSummary>
          style={{ marginTop: 16 }}
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          onChange={onTableChange}
          scroll={{ x: 1300 }}
          rowClassName={() => 'kd-clickable-row'}
          rowSelection={
            canSharePartners
              ? {
                  selectedRowKeys: picked.map((c) => c.id),
                  preserveSelectedRowKeys: true,
                  columnWidth: 48,
                  fixed: 'left',
                  onChange: (keys, rows) => {
                    const known = new Map([...picked, ...rows.filter(Boolean)].map((c) => [c.id, { id: c.id, name: c.name, code: c.code }]));
                    setPicked(keys.flatMap((k) => (known.has(Number(k)) ? [known.get(Number(k))!] : [])));
                  },
                }
              : undefined
          }
          onRow={(c) => ({
            onClick: (e) => {
              if (!(e.target as HTMLElement).closest('.ant-table-selection-column')) navigate(`/customers/${c.id}`);
            },
          })}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? errorText(error) : t('customers.empty')} /> }}
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: paging.total(data),
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </Card>
      {can('customer.export') && (
        <CustomerExportModal open={exporting} onClose={() => setExporting(false)} filters={(({ page: _p, pageSize: _s, sort: _o, order: _d, ...f }) => f)(state)} total={data?.total ?? 0} />
      )}
      {canSharePartners && <PartnerShareWizard open={sharing} onClose={() => setSharing(false)} customers={picked} onCreated={() => setPicked([])} />}
      <CustomerFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          navigate(`/customers/${c.id}`);
        }}
      />
    </>
  );
}
