import { AutoComplete, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/use-i18n.ts';
import { KindIcon } from './kind-icon.tsx';
import { useCustomerSearch } from './use-customers.ts';

type Props = { value: string | undefined; onSearch: (q: string | undefined) => void };

/** What was typed, once typing pauses for `ms`. */
function useDebounced(value: string, ms: number) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * The list's search box with typeahead: suggestions (name, code, mobile as the role may see it) while
 * typing; choosing one opens the customer, Enter or the button filters the list as before. Suggestions
 * open only after the user types here, never for a query that came in the URL.
 */
export function CustomerSearchBox({ value, onSearch }: Props) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState(value ?? '');
  const [open, setOpen] = useState(false);
  useEffect(() => setQ(value ?? ''), [value]);
  const typed = useDebounced(open ? q : '', 200);
  const { data } = useCustomerSearch(typed);
  const hits = typed.trim() ? (data?.items ?? []) : [];

  const options = hits.map((c) => ({
    value: String(c.id),
    label: (
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', minWidth: 0 }} data-testid="customer-suggestion">
        <KindIcon kind={c.kind} />
        <span style={{ fontWeight: 500, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{c.name}</span>
        <Typography.Text type="secondary" className="kd-code" style={{ marginInlineStart: 'auto', whiteSpace: 'nowrap', fontSize: 12 }}>
          {[c.code, c.mobile].filter(Boolean).join(' · ')}
        </Typography.Text>
      </div>
    ),
  }));

  const submit = (v: string) => {
    setOpen(false);
    onSearch(v.trim() || undefined);
  };

  return (
    <AutoComplete
      value={q}
      options={options}
      open={open && options.length > 0}
      defaultActiveFirstOption={false}
      popupMatchSelectWidth={420}
      style={{ width: 360 }}
      onChange={(v: string) => {
        setQ(v);
        setOpen(true);
      }}
      onSelect={(id: string) => {
        setOpen(false);
        setQ(value ?? '');
        navigate(`/customers/${id}`);
      }}
      onBlur={() => setOpen(false)}
      aria-label={t('customers.searchPlaceholder')}
    >
      <Input.Search
        placeholder={t('customers.searchPlaceholder')}
        allowClear
        enterButton={t('common.search')}
        onSearch={submit}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        data-testid="customer-search"
      />
    </AutoComplete>
  );
}
