import { SaveOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, InputNumber, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import type { Criterion } from '../../../domain/classification/criteria.ts';
import { formatRule } from '../../../domain/classification/explain.ts';
import type { Rule } from '../../../domain/classification/scheme.ts';
import { useI18n } from '../../i18n/use-i18n.ts';

/** `manual` stands for `rule: null`: only manual overrides place customers in the category. */
type Kind = Rule['kind'] | 'manual';
type Values = {
  kind: Kind;
  min?: number | null;
  max?: number | null;
  minInclusive?: boolean;
  maxInclusive?: boolean;
  values?: string[];
  from?: Dayjs | null;
  to?: Dayjs | null;
  withinDays?: number | null;
  olderThanDays?: number | null;
};

const kindsFor = (c: Criterion | undefined): Kind[] => {
  if (!c) return ['otherwise', 'manual'];
  if (c.type === 'number') return ['range', 'missing', 'otherwise', 'manual'];
  if (c.type === 'enum') return ['values', 'missing', 'otherwise', 'manual'];
  return ['dateWindow', 'period', 'missing', 'otherwise', 'manual'];
};

/** Money is typed in yuan and stored in fen. */
const scale = (c: Criterion | undefined) => (c?.type === 'number' && c.unit === 'fen' ? 100 : 1);
const num = (v: number | null | undefined, k: number) => (v === null || v === undefined ? null : Math.round(v * k * 100) / 100);

function toValues(rule: Rule | null, c: Criterion | undefined): Values {
  const k = scale(c);
  if (rule === null) return { kind: 'manual' };
  switch (rule.kind) {
    case 'range':
      return { kind: 'range', min: num(rule.min, 1 / k), max: num(rule.max, 1 / k), minInclusive: rule.minInclusive, maxInclusive: rule.maxInclusive };
    case 'values':
      return { kind: 'values', values: rule.values };
    case 'dateWindow':
      return { kind: 'dateWindow', from: rule.from ? dayjs(rule.from) : null, to: rule.to ? dayjs(rule.to) : null };
    case 'period':
      return { kind: 'period', withinDays: rule.withinDays, olderThanDays: rule.olderThanDays };
    default:
      return { kind: rule.kind };
  }
}

function toRule(v: Values, criterion: string, c: Criterion | undefined): Rule | null {
  const k = scale(c);
  switch (v.kind) {
    case 'manual':
      return null;
    case 'otherwise':
      return { kind: 'otherwise' };
    case 'missing':
      return { kind: 'missing', criterion };
    case 'range':
      return { kind: 'range', criterion, min: num(v.min, k), max: num(v.max, k), minInclusive: v.minInclusive ?? true, maxInclusive: v.maxInclusive ?? false };
    case 'values':
      return { kind: 'values', criterion, values: v.values ?? [] };
    case 'dateWindow':
      return { kind: 'dateWindow', criterion, from: v.from ? v.from.format('YYYY-MM-DD') : null, to: v.to ? v.to.format('YYYY-MM-DD') : null };
    case 'period':
      return { kind: 'period', criterion, withinDays: v.withinDays ?? null, olderThanDays: v.olderThanDays ?? null };
  }
}

type Props = {
  rule: Rule | null;
  /** the level's criterion key (`manual` for a hand-filled level) and its definition */
  criterionKey: string;
  criterion: Criterion | undefined;
  canEdit: boolean;
  saving: boolean;
  onSave: (rule: Rule | null) => void;
};

/** The rule of one category on its level's criterion: range, value set, date window, relative period, otherwise or manual. */
export function RuleEditor({ rule, criterionKey, criterion, canEdit, saving, onSave }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const initial = useMemo(() => toValues(rule, criterion), [rule, criterion]);
  useEffect(() => form.setFieldsValue({ min: null, max: null, values: [], from: null, to: null, withinDays: null, olderThanDays: null, ...initial }), [form, initial]);
  const watched = Form.useWatch([], form) as Values | undefined;
  const kind = watched?.kind ?? initial.kind;
  const draft = watched ? toRule({ ...watched, kind }, criterionKey, criterion) : rule;
  const unit = criterion?.type === 'number' ? criterion.unit : 'none';
  const suffix = unit === 'fen' ? t('class.unitYuan') : unit === 'pct' ? '%' : unit === 'days' ? t('class.unitDays') : undefined;
  const valueOptions = criterion?.type === 'enum' && criterion.values ? criterion.values.map((v) => ({ value: v, label: criterion.valueLabels?.[v]?.[lang === 'en' ? 1 : 0] ?? v })) : [];

  return (
    <Form<Values> form={form} name="category-rule" layout="vertical" disabled={!canEdit} initialValues={initial} onFinish={(v) => onSave(toRule(v, criterionKey, criterion))} data-testid="rule-editor">
      <Form.Item name="kind" label={t('class.ruleKind')}>
        <Select options={kindsFor(criterion).map((k) => ({ value: k, label: t(`class.kind.${k}`) }))} style={{ maxWidth: 320 }} />
      </Form.Item>
      {kind === 'range' && (
        <Space wrap align="start">
          <Form.Item name="minInclusive" label={t('class.min')}>
            <Select style={{ width: 72 }} options={[{ value: true, label: '≥' }, { value: false, label: '>' }]} />
          </Form.Item>
          <Form.Item name="min" label=" ">
            <InputNumber placeholder={t('class.unbounded')} suffix={suffix} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="maxInclusive" label={t('class.max')}>
            <Select style={{ width: 72 }} options={[{ value: false, label: '<' }, { value: true, label: '≤' }]} />
          </Form.Item>
          <Form.Item name="max" label=" ">
            <InputNumber placeholder={t('class.unbounded')} suffix={suffix} style={{ width: 160 }} />
          </Form.Item>
        </Space>
      )}
      {kind === 'values' && (
        <Form.Item name="values" label={t('class.values')} rules={[{ required: true, type: 'array', min: 1, message: t('class.valuesRequired') }]}>
          <Select mode={valueOptions.length ? 'multiple' : 'tags'} options={valueOptions} tokenSeparators={[',', '，', '、']} placeholder={t('class.valuesPlaceholder')} />
        </Form.Item>
      )}
      {kind === 'dateWindow' && (
        <Space wrap>
          <Form.Item name="from" label={t('class.from')}>
            <DatePicker placeholder={t('class.unbounded')} />
          </Form.Item>
          <Form.Item name="to" label={t('class.to')}>
            <DatePicker placeholder={t('class.unbounded')} />
          </Form.Item>
        </Space>
      )}
      {kind === 'period' && (
        <Space wrap>
          <Form.Item name="withinDays" label={t('class.withinDays')}>
            <InputNumber min={0} precision={0} suffix={t('class.unitDays')} placeholder={t('class.unbounded')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="olderThanDays" label={t('class.olderThanDays')}>
            <InputNumber min={0} precision={0} suffix={t('class.unitDays')} placeholder={t('class.unbounded')} style={{ width: 160 }} />
          </Form.Item>
        </Space>
      )}
      {kind === 'manual' && <Alert type="info" showIcon title={t('class.manualHint')} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary" data-testid="rule-sentence">
        {t('class.ruleReads')}
        {formatRule(draft ?? null, criterion, lang)}
      </Typography.Paragraph>
      {canEdit && (
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="rule-save">
          {t('class.saveRule')}
        </Button>
      )}
    </Form>
  );
}
