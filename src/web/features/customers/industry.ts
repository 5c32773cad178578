import { industrySections } from '../../../domain/customers/industries.ts';
import type { Locale } from '../../../domain/i18n/messages.ts';

/** GB/T 4754 section name in the UI language, e.g. "I 信息传输、软件和信息技术服务业". */
export function industryName(code: string | null | undefined, lang: Locale): string | undefined {
  const s = industrySections.find((x) => x.code === code);
  return s ? (lang === 'en' ? s.en : s.zh) : (code ?? undefined);
}

export function industryOptions(lang: Locale) {
  return industrySections.map((s) => ({ value: s.code, label: `${s.code} · ${lang === 'en' ? s.en : s.zh}` }));
}
