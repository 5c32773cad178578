import { createContext } from 'react';
import type { Locale } from '../../domain/i18n/messages.ts';
import type { MessageKey } from './zh-cn.ts';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export type I18n = {
  lang: Locale;
  setLang: (lang: Locale) => void;
  t: Translate;
};

export const I18nContext = createContext<I18n | null>(null);
