import { PlayCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Progress, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import type { ClassRun } from '../../../domain/classification/assignment.ts';
import type { Scheme } from '../../../domain/classification/scheme.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { dash, formatDateTime, formatNumber } from '../../ui/format.ts';
import { useFeedback } from '../../ui/use-feedback.ts';
import { categoryName } from './scheme-tree.ts';
import { classKeys, useRun, useRuns, useStartRun } from './use-classification.ts';

const statusColor: Record<ClassRun['status'], string> = { running: 'processing', succeeded: 'success', failed: 'error' };
const seconds = (r: ClassRun) => (r.finishedAt ? ((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1) : null);
const count = (r: ClassRun, k: string) => (typeof r.stats[k] === 'number' ? (r.stats[k] as number) : null);
/** Class changes over the schemes of a run (stats.schemes[].changed, see RunSummary). */
const changed = (r: ClassRun) => {
  const schemes = r.stats.schemes;
  return Array.isArray(schemes) ? schemes.reduce((n: number, s: { changed?: unknown }) => n + (typeof s.changed === 'number' ? s.changed : 0), 0) : null;
};

/** 分类运行: start a full or incremental run, watch its progress, and the last runs. */
export function RunPanel({ schemes }: { schemes: Scheme[] }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const feedback = useFeedback();
  const [page, setPage] = useState(1);
  const runs = useRuns(page);
  const start = useStartRun();
  const [picked, setPicked] = useState<string[]>([]);
  const [runId, setRunId] = useState<number | null>(null);
  const running = runs.data?.items.find((r) => r.status === 'running');
  const watched = useRun(runId ?? running?.id ?? null);
  const active = watched.data;
  const finished = active && active.status !== 'running';

  // a finished run changes classes everywhere: refresh lists, counts and customer pages once
  useEffect(() => {
    if (!finished) return;
    void qc.invalidateQueries({ queryKey: classKeys.all });
    void qc.invalidateQueries({ queryKey: ['customers'] });
  }, [finished, qc]);

  const begin = (mode: 'incremental' | 'full') =>
    start.mutate(
      { mode, schemes: picked },
      {
        onSuccess: (r) => {
          setRunId(r.runId);
          feedback.success(t('class.run.started', { id: r.runId }));
        },
        onError: feedback.error,
      },
    );

  const p = active?.progress;
  const percent = active?.status === 'succeeded' ? 100 : p && p.total > 0 ? Math.min(99, Math.floor((p.done / p.total) * 100)) : 0;

  const columns: TableProps<ClassRun>['columns'] = [
    { key: 'id', title: '#', dataIndex: 'id', width: 60 },
    { key: 'kind', title: t('class.run.kind'), dataIndex: 'kind', width: 110, render: (k: ClassRun['kind']) => t(`class.runKind.${k}`) },
    { key: 'status', title: t('common.status'), dataIndex: 'status', width: 100, render: (s: ClassRun['status']) => <Tag color={statusColor[s]}>{t(`class.runStatus.${s}`)}</Tag> },
    { key: 'schemes', title: t('class.run.schemes'), render: (_: unknown, r) => (r.schemeKeys.length ? r.schemeKeys.join(', ') : t('class.run.allSchemes')) },
    { key: 'startedAt', title: t('class.run.startedAt'), dataIndex: 'startedAt', width: 160, render: formatDateTime },
    { key: 'seconds', title: t('class.run.seconds'), width: 90, align: 'right', render: (_: unknown, r) => seconds(r) ?? dash },
    { key: 'customers', title: t('class.run.customers'), width: 110, align: 'right', render: (_: unknown, r) => formatNumber(count(r, 'customers')) },
    { key: 'recomputed', title: t('class.run.recomputed'), width: 110, align: 'right', render: (_: unknown, r) => formatNumber(count(r, 'recomputed')) },
    { key: 'changed', title: t('class.run.changed'), width: 100, align: 'right', render: (_: unknown, r) => formatNumber(changed(r)) },
    { key: 'actor', title: t('class.run.actor'), dataIndex: 'actorName', width: 110 },
    { key: 'error', title: t('class.run.error'), dataIndex: 'error', ellipsis: true, render: (e: string | null) => e ?? '' },
  ];

  return (
    <Card variant="borderless" title={t('class.run.title')} style={{ marginTop: 16 }} data-testid="run-panel">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          mode="multiple"
          allowClear
          value={picked}
          onChange={setPicked}
          placeholder={t('class.run.allSchemes')}
          style={{ minWidth: 280 }}
          options={schemes.filter((s) => s.publishedVersion !== null).map((s) => ({ value: s.key, label: categoryName(s, lang) }))}
        />
        <Button icon={<PlayCircleOutlined />} onClick={() => begin('incremental')} loading={start.isPending} disabled={Boolean(running)} data-testid="run-incremental">
          {t('class.run.incremental')}
        </Button>
        <Button icon={<ThunderboltOutlined />} onClick={() => begin('full')} loading={start.isPending} disabled={Boolean(running)} data-testid="run-full">
          {t('class.run.full')}
        </Button>
        <Typography.Text type="secondary">{t('class.run.hint')}</Typography.Text>
      </Space>
      {active && (
        <div style={{ marginBottom: 16 }} data-testid="run-progress">
          <Typography.Text>
            {t('class.run.progressOf', { id: active.id, kind: t(`class.runKind.${active.kind}`) })}
            {p && active.status === 'running' && ` · ${t('class.run.phase', { phase: t(`class.phase.${p.phase}`), done: formatNumber(p.done), total: formatNumber(p.total) })}`}
          </Typography.Text>
          <Progress percent={percent} status={active.status === 'failed' ? 'exception' : active.status === 'succeeded' ? 'success' : 'active'} />
          {active.status === 'failed' && <Typography.Text type="danger">{active.error}</Typography.Text>}
        </div>
      )}
      <Table<ClassRun>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={runs.data?.items ?? []}
        loading={runs.isFetching && !runs.data}
        pagination={{ current: page, pageSize: 10, total: runs.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
      />
    </Card>
  );
}
