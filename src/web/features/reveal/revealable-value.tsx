import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useRevealState } from './reveal-context.ts';

type Props<V> = { path: string; value: V; render: (value: V) => ReactNode };

/**
 * A sensitive value on the customer page: as the server sent it, with an eye button when it is masked
 * and the user may reveal it; after a reveal, the plain value in place until the page is left.
 */
export function RevealableValue<V>({ path, value, render }: Props<V>) {
  const { t } = useI18n();
  const state = useRevealState();
  if (path in state.revealed) {
    return (
      <span className="kd-revealable kd-revealed" data-testid={`revealed-${path}`}>
        <Tooltip title={t('reveal.revealed')}>{render(state.revealed[path] as V)}</Tooltip>
        <Tooltip title={t('reveal.hide')}>
          <Button type="text" size="small" icon={<EyeInvisibleOutlined />} onClick={() => state.hide(path)} aria-label={t('reveal.hide')} />
        </Tooltip>
      </span>
    );
  }
  if (!state.canReveal || !state.isMasked(path)) return render(value);
  return (
    <span className="kd-revealable">
      {render(value)}
      <Tooltip title={t('reveal.tooltip')}>
        <Button
          type="text"
          size="small"
          icon={<EyeOutlined />}
          loading={state.pending === path}
          onClick={() => state.reveal(path)}
          aria-label={t('reveal.tooltip')}
          data-testid={`reveal-${path}`}
        />
      </Tooltip>
    </span>
  );
}
