import { AppstoreAddOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Empty, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { ClassRun } from '../../../domain/classification/assignment.ts';
import type { Scheme } from '../../../domain/classification/scheme.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { dash, formatDateTime, formatNumber } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useErrorText } from '../../ui/use-error-text.ts';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useSession } from '../auth/use-session.ts';
import { NewSchemeDialog } from './new-scheme-dialog.tsx';
import { RunPanel } from './run-panel.tsx';
import { categoryName, criterionName } from './scheme-tree.ts';
import { useCreateFromPreset, useCriteria, useDistributions, usePresets, useRuns, useSchemeDetails, useSchemes } from './use-classification.ts';

type Row = Scheme & { criteria: string; customers: number | null; lastRun: ClassRun | undefined };

/** 客户分类: every scheme with its levels, live version, customers classified, last run and status; runs below. */
export function SchemeListPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const errorText = useErrorText();
  const canManage = can('schemes.manage');
  const schemes = useSchemes();
  const keys = (schemes.data ?? []).map((s) => s.key);
  const details = useSchemeDetails(keys);
  const distributions = useDistributions(keys);
  const criteriaQuery = useCriteria();
  const runs = useRuns(1);
  const presets = usePresets(canManage);
  const install = useCreateFromPreset();
  const criteria = useMemo(() => new Map((criteriaQuery.data ?? []).map((c) => [c.key, c])), [criteriaQuery.data]);
  const [creating, setCreating] = useState(false);

  const rows: Row[] = (schemes.data ?? []).map((s, i) => {
    const d = details[i]?.data;
    const levels = (d?.draft ?? d?.published)?.definition.levels ?? [];
    return {
      ...s,
      criteria: levels.map((l) => criterionName(criteria, l.criterion, lang, t('class.manual'))).join(' → '),
      customers: s.publishedVersion === null ? 0 : (distributions[i]?.data?.total ?? null),
      lastRun: runs.data?.items.find((r) => r.schemeKeys.length === 0 || r.schemeKeys.includes(s.key)),
    };
  });
  const installed = new Set((schemes.data ?? []).map((s) => s.preset ?? s.key));
  const available = (presets.data ?? []).filter((p) => !installed.has(p.key));

  const columns: TableProps<Row>['columns'] = [
    {
      key: 'name',
      title: t('class.scheme'),
      render: (_: unknown, s) => (
        <div>
          <Link to={`/classification/${encodeURIComponent(s.key)}`} style={{ fontWeight: 500 }} onClick={(e) => e.stopPropagation()}>
            {categoryName(s, lang)}
          </Link>
          <Typography.Text type="secondary" className="kd-code" style={{ marginLeft: 8, fontSize: 12 }}>
            {s.key}
          </Typography.Text>
          {s.description && (
            <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 420 }}>
              {s.description}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'criteria', title: t('class.criteriaPerLevel'), dataIndex: 'criteria', width: 240, render: (c: string) => c || dash },
    { key: 'live', title: t('class.live'), width: 90, render: (_: unknown, s) => (s.publishedVersion === null ? <span className="kd-muted">{dash}</span> : `v${s.publishedVersion}`) },
    { key: 'customers', title: t('class.customers'), dataIndex: 'customers', width: 110, align: 'right', render: (n: number | null) => (n === null ? dash : formatNumber(n)) },
    {
      key: 'lastRun',
      title: t('class.lastRun'),
      width: 170,
      render: (_: unknown, s) =>
        s.lastRun ? (
          <Tooltip title={t(`class.runKind.${s.lastRun.kind}`)}>
            <span>{formatDateTime(s.lastRun.finishedAt ?? s.lastRun.startedAt)}</span>
          </Tooltip>
        ) : (
          <span className="kd-muted">{dash}</span>
        ),
    },
    {
      key: 'status',
      title: t('common.status'),
      width: 160,
      render: (_: unknown, s) => (
        <>
          {s.publishedVersion === null ? <Tag>{t('class.notPublished')}</Tag> : <Tag color="green">{t('class.status.published')}</Tag>}
          {s.draftVersion !== null && <Tag color="gold">{t('class.hasDraft')}</Tag>}
        </>
      ),
    },
  ];

  const addPreset = (preset: string) =>
    install.mutate(preset, {
      onSuccess: (d) => {
        feedback.success(t('class.presetInstalled', { name: categoryName(d.scheme, lang) }));
        navigate(`/classification/${encodeURIComponent(d.scheme.key)}`);
      },
      onError: feedback.error,
    });

  return (
    <>
      <PageHeader
        title={t('class.title')}
        subtitle={t('class.subtitle')}
        extra={
          canManage && (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-scheme">
                {t('class.newScheme')}
              </Button>
              <Dropdown
                disabled={available.length === 0}
                menu={{ items: available.map((p) => ({ key: p.key, label: `${lang === 'en' ? p.nameEn : p.nameZh} · ${p.description}` })), onClick: ({ key }) => addPreset(key) }}
                trigger={['click']}
              >
                <Button type="primary" icon={<AppstoreAddOutlined />} loading={install.isPending} data-testid="add-preset">
                  {t('class.addPreset')}
                </Button>
              </Dropdown>
            </>
          )
        }
      />
      <Card variant="borderless">
        <Table<Row>
          rowKey="key"
          columns={columns}
          dataSource={rows}
          loading={schemes.isFetching}
          pagination={false}
          rowClassName={() => 'kd-clickable-row'}
          onRow={(s) => ({ onClick: () => navigate(`/classification/${encodeURIComponent(s.key)}`) })}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={schemes.error ? errorText(schemes.error) : t('class.noSchemes')} /> }}
        />
      </Card>
      {can('customer.classify') && <RunPanel schemes={schemes.data ?? []} />}
      <NewSchemeDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
