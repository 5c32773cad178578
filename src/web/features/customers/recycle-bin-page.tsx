import { UndoOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Popconfirm, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import type { CustomerSummary } from '../../../services/ports.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDateTime, orDash } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { KindTag } from './kind-tag.tsx';
import { StageTag } from './stage-tag.tsx';
import { useCustomerList, useCustomerMutations } from './use-customers.ts';

/** 回收站: soft-deleted customers, newest deletion first, each restorable. */
export function RecycleBinPage() {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useCustomerList({ deleted: 'only', sort: 'updatedAt', order: 'desc', ...page });
  const { restore } = useCustomerMutations();

  const columns: TableProps<CustomerSummary>['columns'] = [
    { key: 'code', title: fieldLabel('code', lang), dataIndex: 'code', width: 160, render: (c: string) => <span className="kd-code">{c}</span> },
    { key: 'name', title: fieldLabel('name', lang), dataIndex: 'name', render: (n: string) => <span style={{ fontWeight: 500 }}>{n}</span> },
    { key: 'kind', title: fieldLabel('kind', lang), dataIndex: 'kind', width: 130, render: (k: CustomerSummary['kind']) => <KindTag kind={k} /> },
    { key: 'stage', title: fieldLabel('stage', lang), dataIndex: 'stage', width: 120, render: (s: CustomerSummary['stage']) => <StageTag stage={s} /> },
    { key: 'mobile', title: fieldLabel('mobile', lang), dataIndex: 'mobile', width: 140, render: orDash },
    { key: 'deletedAt', title: t('recycle.deletedAt'), dataIndex: 'deletedAt', width: 170, render: formatDateTime },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 120,
      render: (_: unknown, c) => (
        <Popconfirm
          title={t('recycle.restoreConfirm', { name: c.name })}
          onConfirm={() => restore.mutateAsync(c.id).then(() => feedback.success(t('recycle.restored', { name: c.name })), feedback.error)}
        >
          <Button type="link" icon={<UndoOutlined />} style={{ paddingInline: 0 }}>
            {t('recycle.restore')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('recycle.title')} subtitle={t('recycle.subtitle')} />
      <Card variant="borderless">
        <Table<CustomerSummary>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recycle.empty')} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, ps) => setPage({ page: p, pageSize: ps }),
          }}
        />
      </Card>
    </>
  );
}
