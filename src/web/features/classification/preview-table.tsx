import { Alert, Table, Tag, type TableProps } from 'antd';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatNumber } from '../../ui/format.ts';
import type { Preview, PreviewCategory } from './classification-types.ts';

const delta = (n: number, sign: '+' | '−', color: string) => (n === 0 ? <span className="kd-muted">0</span> : <span style={{ color, fontWeight: 500 }}>{`${sign}${formatNumber(n)}`}</span>);

/** 发布预览: per category, customers before and after publishing, and how many move in and out. */
export function PreviewTable({ preview }: { preview: Preview }) {
  const { t } = useI18n();
  const columns: TableProps<PreviewCategory>['columns'] = [
    { key: 'code', title: t('class.code'), dataIndex: 'code', width: 130, render: (c: string) => <span className="kd-code">{c}</span> },
    { key: 'name', title: t('class.category'), render: (_: unknown, c) => <span style={{ paddingInlineStart: Math.max(0, c.code.length - 2) * 4, fontWeight: c.leaf ? 400 : 500 }}>{c.nameZh}</span> },
    { key: 'before', title: t('class.preview.before'), dataIndex: 'before', align: 'right', width: 110, render: (n: number) => formatNumber(n) },
    { key: 'after', title: t('class.preview.after'), dataIndex: 'after', align: 'right', width: 110, render: (n: number) => formatNumber(n) },
    { key: 'in', title: t('class.preview.in'), dataIndex: 'movedIn', align: 'right', width: 100, render: (n: number) => delta(n, '+', '#047857') },
    { key: 'out', title: t('class.preview.out'), dataIndex: 'movedOut', align: 'right', width: 100, render: (n: number) => delta(n, '−', '#b91c1c') },
    {
      key: 'status',
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: PreviewCategory['status']) => (s === 'kept' ? <Tag>{t('class.preview.kept')}</Tag> : <Tag color={s === 'added' ? 'green' : 'red'}>{t(s === 'added' ? 'class.preview.added' : 'class.preview.removed')}</Tag>),
    },
  ];
  return (
    <div data-testid="preview-table">
      <Alert
        type={preview.publishable ? 'info' : 'warning'}
        showIcon
        title={t('class.preview.summary', { customers: formatNumber(preview.customers), changed: formatNumber(preview.changed), live: preview.liveVersion === null ? t('class.none') : `v${preview.liveVersion}`, version: preview.version })}
        description={preview.publishable ? undefined : t('class.preview.notPublishable')}
        style={{ marginBottom: 12 }}
      />
      <Table<PreviewCategory> size="small" rowKey="key" columns={columns} dataSource={[...preview.categories].sort((a, b) => (a.code < b.code ? -1 : 1))} pagination={false} scroll={{ y: 480 }} />
    </div>
  );
}
