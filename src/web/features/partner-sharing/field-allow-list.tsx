import { Checkbox, Switch, Table, Tag, Typography } from 'antd';
import { sensitiveFields, type SensitiveField } from '../../../domain/access/permissions.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { partnerFields, type PartnerField } from '../../../domain/sharing/share.ts';
import { useI18n } from '../../i18n/use-i18n.ts';

export type FieldAccess = { fields: PartnerField[]; masked: SensitiveField[] };

const isSensitive = (f: string): f is SensitiveField => (sensitiveFields as readonly string[]).includes(f);
/** A sensible start: who the customer is, where, and nothing sensitive. */
export const defaultFieldAccess: FieldAccess = { fields: ['code', 'name', 'kind', 'province', 'city'], masked: [] };

/** One row per field a partner may get: share it or not, and for sensitive ones full or masked (masked when first ticked). */
export function FieldAllowList({ value = defaultFieldAccess, onChange }: { value?: FieldAccess; onChange?: (v: FieldAccess) => void }) {
  const { t, lang } = useI18n();
  const without = (f: PartnerField) => value.masked.filter((x) => x !== f);
  const toggle = (f: PartnerField, on: boolean) =>
    onChange?.({
      fields: on ? partnerFields.filter((x) => x === f || value.fields.includes(x)) : value.fields.filter((x) => x !== f),
      masked: on && isSensitive(f) ? [...without(f), f] : without(f),
    });
  const mask = (f: SensitiveField, on: boolean) => onChange?.({ ...value, masked: on ? [...without(f), f] : without(f) });

  return (
    <Table<{ field: PartnerField }>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={partnerFields.map((field) => ({ field }))}
      data-testid="field-allow-list"
      columns={[
        {
          key: 'share',
          title: t('wizard.share'),
          width: 64,
          align: 'center',
          render: (_: unknown, { field }) => (
            <Checkbox checked={value.fields.includes(field)} onChange={(e) => toggle(field, e.target.checked)} aria-label={fieldLabel(field, lang)} data-testid={`field-${field}`} />
          ),
        },
        {
          key: 'field',
          title: t('roles.field'),
          render: (_: unknown, { field }) => (
            <>
              <Typography.Text>{fieldLabel(field, lang)}</Typography.Text>
              {isSensitive(field) && (
                <Tag color="red" variant="filled" style={{ marginInlineStart: 8 }}>
                  {t('wizard.sensitive')}
                </Tag>
              )}
            </>
          ),
        },
        {
          key: 'mask',
          title: t('wizard.maskColumn'),
          width: 170,
          render: (_: unknown, { field }) =>
            isSensitive(field) ? (
              <Switch
                size="small"
                checked={value.masked.includes(field)}
                disabled={!value.fields.includes(field)}
                onChange={(on) => mask(field, on)}
                checkedChildren={t('pshare.masked')}
                unCheckedChildren={t('wizard.full')}
                data-testid={`mask-${field}`}
              />
            ) : (
              <span className="kd-muted">—</span>
            ),
        },
      ]}
    />
  );
}
