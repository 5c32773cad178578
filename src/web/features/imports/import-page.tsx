import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError, type ImportBatchView, type ImportSummary, type ImportUpload } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';

const kinds = ['customers', 'contacts', 'purchases', 'interactions'] as const;
const duplicates = ['skip', 'update', 'create'] as const;
const matches = ['code', 'uscc', 'mobile', 'email', 'name_mobile'] as const;
const batchesKey = ['imports'];

/** Upload → mapping → dry run → import with live progress; below, every batch with undo. */
export function ImportPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<(typeof kinds)[number]>('customers');
  const [preset, setPreset] = useState<string | undefined>();
  const [file, setFile] = useState<ImportUpload | undefined>();
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [onDuplicate, setOnDuplicate] = useState<(typeof duplicates)[number]>('skip');
  const [match, setMatch] = useState<(typeof matches)[number]>('code');
  const [dry, setDry] = useState<(Omit<ImportSummary, 'issues'> & { issues: (ImportSummary['issues'][number] & { message: string })[]; report: string }) | undefined>();
  const [running, setRunning] = useState<number | undefined>();
  const [error, setError] = useState<string | undefined>();

  const fail = (e: unknown) => setError(e instanceof ApiError ? [e.message, ...e.issues.map((i) => i.message)].join(' — ') : String(e));
  const options = () => ({ uploadId: file!.uploadId, kind, preset, mapping, onDuplicate, match });
  const uploadMut = useMutation({
    mutationFn: (f: File) => api.imports.upload(f, { kind, preset }),
    onSuccess: (u) => {
      setFile(u);
      setMapping(u.mapping);
      setDry(undefined);
      setError(undefined);
    },
    onError: fail,
  });
  const dryMut = useMutation({ mutationFn: () => api.imports.dryRun(options()), onSuccess: (s) => (setDry(s), setError(undefined)), onError: fail });
  const commitMut = useMutation({ mutationFn: () => api.imports.commit(options()), onSuccess: (r) => (setRunning(r.batchId), setError(undefined)), onError: fail });
  const batches = useQuery({ queryKey: batchesKey, queryFn: api.imports.list, refetchInterval: running ? 2000 : false });
  const live = useQuery({
    queryKey: ['imports', running],
    queryFn: () => api.imports.get(running!),
    enabled: running !== undefined,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 500),
  });
  const undoMut = useMutation({
    mutationFn: (id: number) => api.imports.undo(id),
    onSuccess: (_r, id) => {
      message.success(t('imports.undone', { id }));
      void queryClient.invalidateQueries({ queryKey: batchesKey });
    },
    onError: fail,
  });

  const finished = live.data && live.data.status !== 'running' ? live.data : undefined;
  const progress = live.data?.progress;
  const label = (f: ImportUpload['fields'][number]) => (lang === 'en' ? f.labelEn : f.labelZh);
  const summary = (c: ImportSummary['counts']) => t('imports.summary', { rows: c.rows, created: c.created, updated: c.updated, merged: c.merged, skipped: c.skipped, invalid: c.invalid });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3}>{t('imports.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('imports.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Space wrap>
          <span>{t('imports.kind')}</span>
          <Select value={kind} onChange={setKind} style={{ width: 140 }} options={kinds.map((k) => ({ value: k, label: t(`imports.kind.${k}`) }))} disabled={preset !== undefined} />
          <span>{t('imports.preset')}</span>
          <Select value={preset ?? ''} onChange={(v) => setPreset(v || undefined)} style={{ width: 220 }} options={[{ value: '', label: t('imports.presetNone') }, { value: 'uci-online-retail', label: 'UCI Online Retail' }]} />
          <Upload accept=".csv,.xlsx,text/csv" showUploadList={false} beforeUpload={(f) => (uploadMut.mutate(f), false)}>
            <Button icon={<UploadOutlined />} loading={uploadMut.isPending}>
              {t('imports.choose')}
            </Button>
          </Upload>
        </Space>
        {error && <Alert style={{ marginTop: 16 }} type="error" showIcon message={error} />}
      </Card>
      {file && (
        <Card title={t('imports.file', { name: file.fileName, encoding: file.encoding ?? file.format, size: `${Math.ceil(file.size / 1024)} KB` })}>
          <Typography.Title level={5}>{t('imports.mapping')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={file.fields}
            columns={[
              { title: t('imports.field'), render: (_v, f) => <>{label(f)} {f.required && <Tag color="red">{t('imports.required')}</Tag>}</> },
              {
                title: t('imports.column'),
                render: (_v, f) => (
                  <Select
                    style={{ width: 260 }}
                    disabled={preset !== undefined}
                    value={mapping[f.key] ?? ''}
                    onChange={(h) => setMapping({ ...mapping, [f.key]: h || null })}
                    options={[{ value: '', label: t('imports.notImported') }, ...file.headers.map((h) => ({ value: h, label: h }))]}
                  />
                ),
              },
            ]}
          />
          <Space wrap style={{ marginTop: 16 }}>
            <span>{t('imports.onDuplicate')}</span>
            <Select value={onDuplicate} onChange={setOnDuplicate} style={{ width: 140 }} options={duplicates.map((d) => ({ value: d, label: t(`imports.dup.${d}`) }))} />
            <span>{t('imports.match')}</span>
            <Select value={match} onChange={setMatch} style={{ width: 180 }} options={matches.map((m) => ({ value: m, label: t(`imports.match.${m}`) }))} />
            <Button onClick={() => dryMut.mutate()} loading={dryMut.isPending}>
              {t('imports.dryRun')}
            </Button>
            <Button type="primary" onClick={() => commitMut.mutate()} loading={commitMut.isPending} disabled={live.data?.status === 'running'}>
              {t('imports.commit')}
            </Button>
          </Space>
          {dry && (
            <div style={{ marginTop: 16 }}>
              <Alert type={dry.counts.invalid ? 'warning' : 'success'} showIcon message={summary(dry.counts)} action={dry.counts.invalid ? <a href={`${dry.report}?format=xlsx`}>{t('imports.report')}</a> : undefined} />
              {dry.issues.length > 0 && (
                <Table
                  size="small"
                  style={{ marginTop: 8 }}
                  rowKey={(i) => `${i.row}:${i.column}:${i.code}`}
                  dataSource={dry.issues}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    { title: t('imports.row'), dataIndex: 'row', width: 80 },
                    { title: t('imports.column'), dataIndex: 'column', width: 200 },
                    { title: t('imports.reason'), dataIndex: 'message' },
                  ]}
                />
              )}
            </div>
          )}
          {running !== undefined && (
            <div style={{ marginTop: 16 }}>
              {!finished && <Progress percent={progress ? Math.min(99, Math.round((progress.bytesRead / Math.max(progress.fileSize, 1)) * 100)) : 0} status="active" format={(p) => `${p}% ${t('imports.running')}`} />}
              {finished && (
                <Alert
                  type={finished.status === 'committed' ? 'success' : 'error'}
                  showIcon
                  message={`#${finished.id} ${t(`imports.status.${finished.status}`)} — ${summary(finished.counts)}`}
                  action={finished.counts.invalid ? <a href={`/api/v1/imports/${finished.id}/report?format=xlsx`}>{t('imports.report')}</a> : undefined}
                />
              )}
            </div>
          )}
        </Card>
      )}
      <Card title={t('imports.batches')}>
        <Table<ImportBatchView>
          size="small"
          rowKey="id"
          loading={batches.isLoading}
          dataSource={batches.data?.items ?? []}
          columns={[
            { title: '#', dataIndex: 'id', width: 60 },
            { title: t('imports.fileName'), dataIndex: 'fileName' },
            { title: t('imports.kind'), render: (_v, b) => t(`imports.kind.${b.kind as (typeof kinds)[number]}`) },
            { title: t('imports.status'), render: (_v, b) => t(`imports.status.${b.status}`) },
            { title: t('imports.counts'), render: (_v, b) => summary(b.counts) },
            { title: t('imports.createdAt'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString() },
            {
              title: t('common.actions'),
              render: (_v, b) =>
                b.status === 'committed' ? (
                  <Popconfirm title={t('imports.undoConfirm', { id: b.id })} onConfirm={() => undoMut.mutate(b.id)}>
                    <Button size="small" danger>
                      {t('imports.undo')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
