import { Cascader } from 'antd';
import { useMemo } from 'react';
import { regionOptions } from './region-options.ts';

type Props = { value?: string[]; onChange?: (value: string[]) => void; placeholder?: string; id?: string };

/** Province / city / district picker; any level may be the last one chosen. */
export function RegionCascader({ value, onChange, placeholder, id }: Props) {
  const options = useMemo(() => regionOptions(), []);
  return (
    <Cascader
      id={id}
      options={options}
      value={value}
      onChange={(v) => onChange?.((v ?? []).map(String))}
      placeholder={placeholder}
      changeOnSelect
      allowClear
      showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input.trim())) }}
      style={{ width: '100%' }}
    />
  );
}
