import type { CustomFieldValue } from '../../../domain/customers/customer.ts';
import type { Translate } from '../../i18n/i18n-context.ts';
import { dash } from '../../ui/format.ts';

/** A stored custom value as text: lists joined, booleans as yes/no words. */
export function customValueText(v: CustomFieldValue | undefined, t: Translate): string {
  if (v === undefined || v === null || v === '') return dash;
  if (Array.isArray(v)) return v.length ? v.join(t('format.listSeparator')) : dash;
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  return String(v);
}
