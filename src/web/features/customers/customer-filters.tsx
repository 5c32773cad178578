import { ClearOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { customerKinds, lifecycleStages } from '../../../domain/customers/customer.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { CategoryFilter } from '../classification/category-filter.tsx';
import { provinceNames } from '../../ui/region-options.ts';
import { industryOptions } from './industry.ts';
import { CustomerSearchBox } from './customer-search-box.tsx';
import { hasFilters, type ListState } from './list-params.ts';

type Props = { state: ListState; onChange: (patch: Partial<ListState>) => void; onReset: () => void };

/** Search box and filters of the customer list; every change lands in the URL through onChange. */
export function CustomerFilters({ state, onChange, onReset }: Props) {
  const { t, lang } = useI18n();
  const [tag, setTag] = useState(state.tag ?? '');
  useEffect(() => setTag(state.tag ?? ''), [state.tag]);
  const provinces = useMemo(() => provinceNames().map((p) => ({ value: p, label: p })), []);
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null =
    state.createdFrom || state.createdTo ? [state.createdFrom ? dayjs(state.createdFrom) : null, state.createdTo ? dayjs(state.createdTo) : null] : null;

  return (
    <div className="kd-filter-bar">
      <CustomerSearchBox value={state.q} onSearch={(q) => onChange({ q })} />
      <Select
        value={state.kind}
        onChange={(v) => onChange({ kind: v })}
        placeholder={fieldLabel('kind', lang)}
        allowClear
        style={{ width: 130 }}
        options={customerKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      />
      <Select
        value={state.stage}
        onChange={(v) => onChange({ stage: v })}
        placeholder={fieldLabel('stage', lang)}
        allowClear
        style={{ width: 150 }}
        options={lifecycleStages.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
      />
      <Select
        value={state.industry}
        onChange={(v) => onChange({ industry: v })}
        placeholder={fieldLabel('industry', lang)}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 200 }}
        popupMatchSelectWidth={320}
        options={industryOptions(lang)}
      />
      <Select
        value={state.province}
        onChange={(v) => onChange({ province: v })}
        placeholder={fieldLabel('province', lang)}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 140 }}
        options={provinces}
      />
      <Input
        value={tag}
        onChange={(e) => setTag(e.target.value)}
        onPressEnter={() => onChange({ tag: tag.trim() || undefined })}
        onBlur={() => tag.trim() !== (state.tag ?? '') && onChange({ tag: tag.trim() || undefined })}
        placeholder={t('customers.tagFilter')}
        allowClear
        style={{ width: 130 }}
      />
      <DatePicker.RangePicker
        value={range}
        onChange={(v) => onChange({ createdFrom: v?.[0]?.format('YYYY-MM-DD'), createdTo: v?.[1]?.format('YYYY-MM-DD') })}
        placeholder={[t('common.startDate'), t('common.endDate')]}
        allowEmpty={[true, true]}
        style={{ width: 260 }}
      />
      <CategoryFilter value={state.category} onChange={(v) => onChange({ category: v })} />
      {hasFilters(state) && (
        <Button type="link" icon={<ClearOutlined />} onClick={onReset}>
          {t('customers.resetFilters')}
        </Button>
      )}
    </div>
  );
}
