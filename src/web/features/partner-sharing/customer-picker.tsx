import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useCustomerList } from '../customers/use-customers.ts';

export type PickedCustomer = { id: number; name: string; code: string };

type Props = { value?: number[]; onChange?: (ids: number[]) => void; known?: PickedCustomer[] };

/** Several customers by name, code or mobile; those picked on the list page come in as `known` so they show by name. */
export function CustomerPicker({ value = [], onChange, known = [] }: Props) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [labels, setLabels] = useState(() => new Map(known.map((c) => [c.id, c])));
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const { data, isFetching } = useCustomerList({ q: q || undefined, page: 1, pageSize: 20, sort: 'name', order: 'asc' });
  const found = data?.items ?? [];
  const label = (c: PickedCustomer) => `${c.name}（${c.code}）`;
  const options = [...new Map([...value.flatMap((id) => (labels.get(id) ? [labels.get(id)!] : [])), ...found].map((c) => [c.id, c])).values()].map((c) => ({ value: c.id, label: label(c) }));

  return (
    <Select<number[]>
      mode="multiple"
      value={value}
      onChange={(ids) => {
        setLabels((m) => new Map([...m, ...found.filter((c) => ids.includes(c.id)).map((c) => [c.id, c] as const)]));
        onChange?.(ids);
      }}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={options}
      placeholder={t('wizard.customersPlaceholder')}
      notFoundContent={isFetching ? <Spin size="small" /> : undefined}
      maxTagCount={20}
      aria-label={t('wizard.scopeCustomers')}
      data-testid="customer-picker"
      style={{ width: '100%' }}
    />
  );
}
