import { App } from 'antd';
import { useMemo } from 'react';
import { ApiError } from '../api-client.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useErrorText } from './use-error-text.ts';

/** Success and error feedback for mutations; a version conflict gets a dialog that offers a reload. */
export function useFeedback() {
  const { message, modal } = App.useApp();
  const { t } = useI18n();
  const errorText = useErrorText();
  return useMemo(
    () => ({
      success: (text: string) => void message.success(text),
      error: (err: unknown) => {
        if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
          modal.warning({
            title: t('error.versionConflictTitle'),
            content: t('error.versionConflictBody'),
            okText: t('common.reload'),
            onOk: () => window.location.reload(),
          });
          return;
        }
        void message.error(errorText(err));
      },
    }),
    [message, modal, t, errorText],
  );
}
