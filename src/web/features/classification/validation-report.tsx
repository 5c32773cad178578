import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { Alert, Card, Col, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ReportView } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { formatNumber } from '../../ui/format.ts';

export type { ReportView };
type ReportIssue = ReportView['issues'][number];

/** Which part of the proof an issue belongs to; the report shows one section each. */
const sections: { key: MessageKey; codes: ReadonlySet<string> | null }[] = [
  { key: 'class.report.coverage', codes: new Set(['class_gap', 'customers_uncovered', 'customer_uncovered']) },
  { key: 'class.report.overlap', codes: new Set(['class_overlap', 'customers_overlap', 'customer_overlap', 'multiple_catch_all']) },
  { key: 'class.report.structure', codes: null },
  { key: 'class.report.redundant', codes: new Set(['empty_category', 'rule_unreachable', 'catch_all_unreachable']) },
];
const claimed = new Set(sections.flatMap((s) => (s.codes ? [...s.codes] : [])));
const inSection = (i: ReportIssue, codes: ReadonlySet<string> | null) => (codes ? codes.has(i.code) : !claimed.has(i.code));

/** 校验结果: the proof of coverage and exclusivity, confirmed on data, with the customers it names. */
export function ValidationReportPanel({ report }: { report: ReportView }) {
  const { t } = useI18n();
  const d = report.data;
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  const warnings = report.issues.length - errors;
  // per-customer issues are shown as the example lists below, not repeated as text
  const listed = report.issues.filter((i) => i.code !== 'customer_uncovered' && i.code !== 'customer_overlap');

  return (
    <div data-testid="validation-report">
      <Alert
        type={report.publishable ? 'success' : 'error'}
        showIcon
        title={report.publishable ? t('class.report.ok') : t('class.report.failed', { errors })}
        description={t('class.report.context', { version: report.version, asOf: report.asOf, rule: report.codingRule, warnings })}
        style={{ marginBottom: 16 }}
      />
      {d && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Statistic title={t('class.report.customers')} value={d.customers} formatter={(v) => formatNumber(Number(v))} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('class.report.uncovered')} value={d.uncovered.count} valueStyle={{ color: d.uncovered.count ? '#b91c1c' : '#047857' }} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('class.report.overlapping')} value={d.overlapping.count} valueStyle={{ color: d.overlapping.count ? '#b91c1c' : '#047857' }} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('class.report.emptyLeaves')} value={d.categories.filter((c) => c.leaf && c.count === 0).length} />
          </Col>
        </Row>
      )}
      <Row gutter={[16, 16]}>
        {sections.map((s) => {
          const items = listed.filter((i) => inSection(i, s.codes));
          const bad = items.some((i) => i.severity === 'error');
          return (
            <Col xs={24} lg={12} key={s.key}>
              <Card size="small" title={<Space>{items.length === 0 ? <CheckCircleFilled style={{ color: '#16a34a' }} /> : bad ? <CloseCircleFilled style={{ color: '#dc2626' }} /> : <WarningFilled style={{ color: '#d97706' }} />}{t(s.key)}</Space>} data-testid={`report-${s.key.split('.').pop()}`}>
                {items.length === 0 ? (
                  <Typography.Text type="secondary">{t('class.report.none')}</Typography.Text>
                ) : (
                  <List size="small" dataSource={items} renderItem={(i) => <List.Item><Space align="start"><Tag color={i.severity === 'error' ? 'red' : 'gold'}>{t(i.severity === 'error' ? 'class.report.error' : 'class.report.warning')}</Tag><span>{i.message}</span></Space></List.Item>} />
                )}
                {s.key === 'class.report.coverage' && d && d.uncovered.examples.length > 0 && (
                  <CustomerExamples title={t('class.report.uncoveredExamples', { count: d.uncovered.count })} rows={d.uncovered.examples.map((c) => ({ ...c, note: '' }))} />
                )}
                {s.key === 'class.report.overlap' && d && d.overlapping.examples.length > 0 && (
                  <CustomerExamples title={t('class.report.overlapExamples', { count: d.overlapping.count })} rows={d.overlapping.examples.map((c) => ({ ...c, note: c.categories.map((x) => x.nameZh).join(' ∩ ') }))} />
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}

function CustomerExamples({ title, rows }: { title: string; rows: { id: number; code: string; name: string; note: string }[] }) {
  return (
    <div style={{ marginTop: 12 }}>
      <Typography.Text strong>{title}</Typography.Text>
      <ul style={{ margin: '6px 0 0', paddingInlineStart: 18 }} data-testid="report-customers">
        {rows.map((r) => (
          <li key={r.id}>
            <Link to={`/customers/${r.id}`}>
              <span className="kd-code">{r.code}</span> {r.name}
            </Link>
            {r.note && <Typography.Text type="secondary"> · {r.note}</Typography.Text>}
          </li>
        ))}
      </ul>
    </div>
  );
}
