import { DatePicker, Empty, Space, Table, TreeSelect, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { SchemeDefinition } from '../../../domain/classification/scheme.ts';
import type { ClassMove } from '../../../services/classification/class-moves.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useErrorText } from '../../ui/use-error-text.ts';
import { categoryNodes, treeOf } from './scheme-tree.ts';
import { useMoves } from './use-classification.ts';

const pageSize = 20;

/** 分类变动: who moved from category A to category B since a day, each move explained. */
export function MovesPanel({ schemeKey, live }: { schemeKey: string; live: SchemeDefinition | undefined }) {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [from, setFrom] = useState<string | undefined>();
  const [to, setTo] = useState<string | undefined>();
  const [since, setSince] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const nodes = useMemo(() => (live ? categoryNodes(treeOf(live), lang) : []), [live, lang]);
  const { data, isFetching, error } = useMoves({ scheme: schemeKey, page, pageSize, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(since ? { since } : {}) });
  if (!live) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('class.dist.unpublished')} />;

  const columns: TableProps<ClassMove>['columns'] = [
    { key: 'at', title: t('class.moves.at'), dataIndex: 'at', width: 150, render: formatDateTime },
    {
      key: 'customer',
      title: t('class.customer'),
      width: 240,
      render: (_: unknown, m) => (
        <Link to={`/customers/${m.customer.id}?tab=classes`}>
          <span className="kd-code">{m.customer.code}</span> {m.customer.name}
        </Link>
      ),
    },
    { key: 'summary', title: t('class.moves.what'), render: (_: unknown, m) => (lang === 'en' ? m.summaryEn : m.summaryZh) },
    { key: 'cause', title: t('class.moves.cause'), dataIndex: 'cause', width: 130, render: (c: ClassMove['cause']) => t(`class.cause.${c}`) },
  ];
  const pick = (set: (v: string | undefined) => void) => (v: string | undefined) => {
    set(v || undefined);
    setPage(1);
  };

  return (
    <div data-testid="moves-panel">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('class.moves.from')}</Typography.Text>
        <TreeSelect value={from} onChange={pick(setFrom)} treeData={nodes} treeDefaultExpandAll allowClear placeholder={t('class.moves.any')} style={{ width: 200 }} />
        <Typography.Text>{t('class.moves.to')}</Typography.Text>
        <TreeSelect value={to} onChange={pick(setTo)} treeData={nodes} treeDefaultExpandAll allowClear placeholder={t('class.moves.any')} style={{ width: 200 }} />
        <Typography.Text>{t('class.moves.since')}</Typography.Text>
        <DatePicker value={since ? dayjs(since) : null} onChange={(d) => pick(setSince)(d ? d.format('YYYY-MM-DD') : undefined)} />
      </Space>
      <Table<ClassMove>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? errorText(error) : t('class.moves.empty')} /> }}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
      />
    </div>
  );
}
