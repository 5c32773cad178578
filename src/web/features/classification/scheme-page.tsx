import { ArrowLeftOutlined, CheckCircleOutlined, CloudUploadOutlined, EyeOutlined, HistoryOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Input, Popconfirm, Result, Row, Skeleton, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { IssueList } from '../../ui/issue-list.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useErrorText } from '../../ui/use-error-text.ts';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useSession } from '../auth/use-session.ts';
import { AddCategoryDialog, DeleteCategoryDialog } from './category-dialogs.tsx';
import { CategoryPanel } from './category-panel.tsx';
import { CategoryTree } from './category-tree.tsx';
import type { Preview } from './classification-types.ts';
import { DistributionCharts } from './distribution-charts.tsx';
import { LevelSettings } from './level-settings.tsx';
import { MovesPanel } from './moves-panel.tsx';
import { PreviewTable } from './preview-table.tsx';
import { categoryName, treeOf } from './scheme-tree.ts';
import { useCriteria, useDistribution, useScheme, useSchemeMutations } from './use-classification.ts';
import { useEditDraft } from './use-edit-draft.ts';
import { ValidationReportPanel, type ReportView } from './validation-report.tsx';
import { VersionHistoryDrawer } from './version-history.tsx';

type Checked<T> = { value: T; stamp: string };

/** One scheme: the category tree editor on the draft, the proof (validate), preview, publish and the live distribution. */
export function SchemePage() {
  const key = useParams().key ?? '';
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const errorText = useErrorText();
  const canManage = can('schemes.manage');
  const { data: detail, error, isPending } = useScheme(key);
  const criteriaQuery = useCriteria();
  const criteria = useMemo(() => new Map((criteriaQuery.data ?? []).map((c) => [c.key, c])), [criteriaQuery.data]);
  const m = useSchemeMutations(key);
  const { run: runEdit } = useEditDraft(key);
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState<{ parentKey: string | null } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [report, setReport] = useState<Checked<ReportView> | null>(null);
  const [preview, setPreview] = useState<Checked<Preview> | null>(null);
  const [tab, setTab] = useState('distribution');
  const [history, setHistory] = useState(false);
  const [note, setNote] = useState('');

  const version = detail?.draft ?? detail?.published ?? null;
  const def = version?.definition;
  const tree = useMemo(() => (def ? treeOf(def) : null), [def]);
  const distribution = useDistribution(key);
  // customers per category of the live version, descendants included (keys of the draft match the live ones)
  const counts = useMemo(() => new Map((distribution.data?.categories ?? []).map((c) => [c.key, c.count])), [distribution.data]);
  // a report or preview belongs to the draft it was made from; any edit makes it stale
  const stamp = detail?.draft ? `${detail.draft.version}:${JSON.stringify(detail.draft.definition)}` : '';

  if (error) {
    return error instanceof ApiError && error.status === 404 ? (
      <Result status="404" title={t('class.notFound')} extra={<Button onClick={() => navigate('/classification')}>{t('class.backToList')}</Button>} />
    ) : (
      <Result status="warning" title={errorText(error)} />
    );
  }
  if (isPending || !detail || !def || !tree) {
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }

  const scheme = detail.scheme;
  const freshReport = report && report.stamp === stamp ? report.value : null;
  const publishBlocker = !detail.draft
    ? t('class.publishNoDraft')
    : !freshReport
      ? report
        ? t('class.publishStale')
        : t('class.publishValidateFirst')
      : !freshReport.publishable
        ? t('class.publishFailing', { errors: freshReport.issues.filter((i) => i.severity === 'error').length })
        : null;

  const validate = () =>
    m.validate.mutate(undefined, {
      onSuccess: (r) => {
        setReport({ value: r, stamp });
        setTab('report');
      },
      onError: feedback.error,
    });
  const doPreview = () =>
    m.preview.mutate(undefined, {
      onSuccess: (p) => {
        setPreview({ value: p, stamp });
        setTab('preview');
      },
      onError: feedback.error,
    });
  const publish = () =>
    m.publish.mutate(note.trim() || undefined, {
      onSuccess: (r) => {
        feedback.success(t('class.published', { version: r.version, customers: r.customers, changed: r.changed }));
        setReport(null);
        setPreview(null);
        setNote('');
        setTab('distribution');
      },
      onError: (err) => {
        // refused because the proof fails on today's data: the reasons come as issues
        if (err instanceof ApiError && err.issues.length > 0) {
          setReport(null);
          modal.error({ title: errorText(err), content: <IssueList messages={err.issues.map((i) => i.message)} />, width: 560 });
        } else feedback.error(err);
      },
    });
  const askDelete = (k: string) => {
    if ((counts.get(k) ?? 0) > 0) return setDeleting(k);
    const c = tree.byKey.get(k);
    modal.confirm({
      title: t('class.deleteConfirm', { name: c ? categoryName(c, lang) : k }),
      okButtonProps: { danger: true },
      okText: t('common.delete'),
      cancelText: t('common.cancel'),
      onOk: () => runEdit({ op: 'deleteCategory', key: k }, { done: t('class.deleted', { name: c?.nameZh ?? k }), onDone: () => setSelected(null), onError: (e) => e instanceof ApiError && e.issues.some((i) => i.code === 'category_in_use') && (setDeleting(k), true) }),
    });
  };

  const actions = canManage && (
    <Space wrap>
      <Button icon={<CheckCircleOutlined />} loading={m.validate.isPending} onClick={validate} data-testid="scheme-validate">
        {t('class.validate')}
      </Button>
      <Button icon={<EyeOutlined />} loading={m.preview.isPending} onClick={doPreview} data-testid="scheme-preview">
        {t('class.preview')}
      </Button>
      <Tooltip title={publishBlocker}>
        <Popconfirm
          title={t('class.publishConfirm', { version: detail.draft?.version ?? '' })}
          description={<Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('class.publishNote')} maxLength={500} autoSize={{ minRows: 2 }} style={{ width: 280 }} />}
          onConfirm={publish}
          okText={t('class.publish')}
          cancelText={t('common.cancel')}
          disabled={publishBlocker !== null}
        >
          <Button type="primary" icon={<CloudUploadOutlined />} disabled={publishBlocker !== null} loading={m.publish.isPending} data-testid="scheme-publish">
            {t('class.publish')}
          </Button>
        </Popconfirm>
      </Tooltip>
      <Popconfirm title={t('class.discardConfirm')} onConfirm={() => m.discard.mutate(undefined, { onSuccess: () => feedback.success(t('class.discarded')), onError: feedback.error })} okText={t('class.discard')} cancelText={t('common.cancel')} disabled={!detail.draft}>
        <Button icon={<RollbackOutlined />} disabled={!detail.draft}>
          {t('class.discard')}
        </Button>
      </Popconfirm>
      <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)}>
        {t('class.versions')}
      </Button>
    </Space>
  );

  return (
    <>
      <PageHeader
        before={
          <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/classification')} style={{ paddingInline: 0, marginBottom: 8 }}>
            {t('class.backToList')}
          </Button>
        }
        title={
          <Space size={10} wrap>
            <span data-testid="scheme-name">{categoryName(scheme, lang)}</span>
            {detail.published ? <Tag color="green">{t('class.liveVersion', { version: detail.published.version })}</Tag> : <Tag>{t('class.notPublished')}</Tag>}
            {detail.draft && <Tag color="gold">{t('class.draftVersion', { version: detail.draft.version })}</Tag>}
          </Space>
        }
        subtitle={scheme.description ?? undefined}
        extra={actions}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card
            variant="borderless"
            title={detail.draft ? t('class.treeDraft') : t('class.treeLive')}
            extra={canManage && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding({ parentKey: null })}>{t('class.addTop')}</Button>}
            data-testid="category-tree"
          >
            <CategoryTree def={def} tree={tree} criteria={criteria} counts={counts} selected={selected} canEdit={canManage} onSelect={setSelected} onMove={(k, parentKey) => runEdit({ op: 'moveCategory', key: k, parentKey }, { done: t('class.moved') })} />
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {selected && tree.byKey.has(selected) ? (
              <CategoryPanel key={selected} schemeKey={key} def={def} tree={tree} categoryKey={selected} criteria={criteria} count={counts.get(selected) ?? 0} canEdit={canManage} onAddChild={(p) => setAdding({ parentKey: p })} onDelete={askDelete} />
            ) : (
              <Card variant="borderless">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('class.pickCategory')} />
              </Card>
            )}
            <LevelSettings schemeKey={key} def={def} tree={tree} criteria={criteria} canEdit={canManage} />
          </Space>
        </Col>
      </Row>
      <Card variant="borderless" style={{ marginTop: 16 }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'distribution', label: t('class.tabDistribution'), children: <DistributionCharts schemeKey={key} /> },
            { key: 'moves', label: t('class.tabMoves'), children: <MovesPanel schemeKey={key} live={detail.published?.definition} /> },
            ...(canManage
              ? [
                  { key: 'report', label: t('class.tabReport'), children: report ? <StaleNote stale={report.stamp !== stamp}><ValidationReportPanel report={report.value} /></StaleNote> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('class.reportEmpty')} /> },
                  { key: 'preview', label: t('class.tabPreview'), children: preview ? <StaleNote stale={preview.stamp !== stamp}><PreviewTable preview={preview.value} /></StaleNote> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('class.previewEmpty')} /> },
                ]
              : []),
          ]}
        />
      </Card>
      {adding && <AddCategoryDialog schemeKey={key} tree={tree} parentKey={adding.parentKey} open onClose={() => setAdding(null)} onAdded={(k) => { setAdding(null); if (k) setSelected(k); }} />}
      <DeleteCategoryDialog schemeKey={key} tree={tree} categoryKey={deleting} count={deleting ? (counts.get(deleting) ?? 0) : 0} onClose={() => setDeleting(null)} onDeleted={() => { setDeleting(null); setSelected(null); }} />
      <VersionHistoryDrawer schemeKey={key} open={history} onClose={() => setHistory(false)} />
    </>
  );
}

function StaleNote({ stale, children }: { stale: boolean; children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      {stale && <Typography.Paragraph type="warning">{t('class.staleResult')}</Typography.Paragraph>}
      {children}
    </>
  );
}
