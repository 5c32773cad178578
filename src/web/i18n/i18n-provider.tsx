import { useCallback, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import 'dayjs/locale/en.js';
import type { Locale } from '../../domain/i18n/messages.ts';
import { setApiLanguage } from '../api-client.ts';
import { en } from './en.ts';
import { I18nContext, type I18n, type Translate } from './i18n-context.ts';
import { zhCN, type Dictionary } from './zh-cn.ts';

const storageKey = 'kedang.lang';
const dictionaries: Record<Locale, Dictionary> = { 'zh-CN': zhCN, en };

function storedLanguage(): Locale {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Applies a language everywhere outside React: API header, dayjs, <html lang>. */
function applyLanguage(lang: Locale) {
  setApiLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
  document.title = `${dictionaries[lang]['app.name']} · ${dictionaries[lang]['app.tagline']}`;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Locale>(() => {
    const initial = storedLanguage();
    applyLanguage(initial);
    return initial;
  });

  const setLang = useCallback((next: Locale) => {
    applyLanguage(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // private mode: the choice lasts for this tab only
    }
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    const t: Translate = (key, params) => {
      const text = dict[key] ?? key;
      return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
    };
    return { lang, setLang, t };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
