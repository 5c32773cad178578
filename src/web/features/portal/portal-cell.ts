import type { Translate } from '../../i18n/i18n-context.ts';
import { isMessageKey } from '../../i18n/is-message-key.ts';
import type { Locale } from '../../../domain/i18n/messages.ts';
import { dash } from '../../ui/format.ts';
import { industryName } from '../customers/industry.ts';

/** One shared value as a partner reads it: codes in words, lists joined, masked text as the server sent it. */
export function portalCell(field: string, value: unknown, t: Translate, lang: Locale): string {
  if (value === null || value === undefined || value === '') return dash;
  if (Array.isArray(value)) return value.length ? value.join(lang === 'en' ? ', ' : '、') : dash;
  const text = String(value);
  if (field === 'industry') return industryName(text, lang) ?? text;
  if (field === 'kind' || field === 'stage') {
    const key = `${field}.${text}`;
    return isMessageKey(key) ? t(key) : text;
  }
  return text;
}
