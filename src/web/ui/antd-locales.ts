import type { ConfigProviderProps } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import type { Locale } from '../../domain/i18n/messages.ts';

type AntdLocale = NonNullable<ConfigProviderProps['locale']>;

// antd ships no package exports, so TypeScript sees these as CommonJS while Vite hands over the ES default
const unwrap = (m: unknown): AntdLocale => ((m as { default?: AntdLocale }).default ?? m) as AntdLocale;

/** antd's own texts (pagination, pickers, empty states) per UI language. */
export const antdLocales: Record<Locale, AntdLocale> = { 'zh-CN': unwrap(zhCNModule), en: unwrap(enUSModule) };
