import { Col, Empty, Row, Segmented, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { EChart, type ChartOption } from '../../ui/echart.tsx';
import { formatNumber } from '../../ui/format.ts';
import type { Distribution } from './classification-types.ts';
import { categoryName } from './scheme-tree.ts';
import { useDistribution } from './use-classification.ts';

const maxBars = 40;
const palette = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#475569'];

/** Customers per category of the live version: bars for one level, a pie of the top level. */
export function DistributionCharts({ schemeKey }: { schemeKey: string }) {
  const { t } = useI18n();
  const { data, isPending } = useDistribution(schemeKey);
  if (isPending) return <Skeleton active />;
  if (!data || data.version === null) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('class.dist.unpublished')} />;
  return <Charts data={data} />;
}

/**
 * The bars of one level: all of them when few; otherwise empty categories are left out and, past
 * maxBars, only the largest remain (still in code order), so the labels stay readable.
 */
function barRows(data: Distribution, depth: number | 'leaves') {
  const all = data.categories.filter((c) => (depth === 'leaves' ? c.leaf : c.depth === depth));
  if (all.length <= 12) return all;
  const filled = all.filter((c) => c.count > 0);
  return (filled.length > maxBars ? [...filled].sort((a, b) => b.count - a.count).slice(0, maxBars) : filled).sort((a, b) => (a.code < b.code ? -1 : 1));
}

function Charts({ data }: { data: Distribution }) {
  const { t, lang } = useI18n();
  const depths = [...new Set(data.categories.map((c) => c.depth))].sort((a, b) => a - b);
  // hundreds of leaves (region → city) make an unreadable bar chart: such schemes start on the top level
  const [level, setLevel] = useState(() => (data.categories.filter((c) => c.leaf).length > maxBars ? '0' : 'leaves'));
  const depth = level === 'leaves' ? 'leaves' : Number(level);
  const bars = useMemo(() => {
    const rows = barRows(data, depth);
    const option: ChartOption = {
      color: palette,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((c) => categoryName(c, lang)), axisLabel: { interval: 0, rotate: rows.length > 8 ? 35 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('class.dist.customers'), data: rows.map((c) => c.count), barMaxWidth: 40, itemStyle: { borderRadius: [4, 4, 0, 0] }, label: { show: rows.length <= 12, position: 'top' } }],
    } as ChartOption;
    return option;
  }, [data, depth, lang, t]);
  const hidden = data.categories.filter((c) => (depth === 'leaves' ? c.leaf : c.depth === depth)).length - barRows(data, depth).length;
  const pie = useMemo(() => {
    // empty categories have no slice; they stay visible in the bars
    const top = data.categories.filter((c) => c.depth === 0 && c.count > 0);
    const option: ChartOption = {
      color: palette,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { type: 'scroll', bottom: 0 },
      series: [{ type: 'pie', name: t('class.dist.customers'), radius: ['40%', '68%'], center: ['50%', '45%'], data: top.map((c) => ({ name: categoryName(c, lang), value: c.count })), label: { formatter: '{b}\n{d}%' } }],
    };
    return option;
  }, [data, lang, t]);

  return (
    <div data-testid="distribution">
      <Typography.Paragraph type="secondary">{t('class.dist.caption', { version: data.version ?? 0, total: formatNumber(data.total) })}</Typography.Paragraph>
      {depths.length > 1 && (
        <Segmented
          size="small"
          value={level}
          onChange={(v) => setLevel(String(v))}
          options={[{ value: 'leaves', label: t('class.dist.leaves') }, ...depths.map((d) => ({ value: String(d), label: t('class.levelN', { level: d + 1 }) }))]}
          style={{ marginBottom: 8 }}
        />
      )}
      {hidden > 0 && <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4, fontSize: 12 }}>{t('class.dist.hidden', { count: hidden })}</Typography.Text>}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <EChart option={bars} height={340} testId="distribution-bar" />
        </Col>
        <Col xs={24} xl={10}>
          <EChart option={pie} height={340} testId="distribution-pie" />
        </Col>
      </Row>
    </div>
  );
}
