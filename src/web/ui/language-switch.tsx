import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n/use-i18n.ts';

/** One click between 中文 and English; the choice is remembered in this browser. */
export function LanguageSwitch({ light = false }: { light?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
      style={light ? { color: 'rgba(255,255,255,0.85)' } : undefined}
      data-testid="language-switch"
    >
      {t('lang.switchTo')}
    </Button>
  );
}
