import { useCallback } from 'react';
import { ApiError } from '../api-client.ts';
import { useI18n } from '../i18n/use-i18n.ts';

/** The text a person should see for a failed call, in the UI language. */
export function useErrorText() {
  const { t } = useI18n();
  return useCallback(
    (err: unknown): string => {
      if (err instanceof ApiError) {
        if (err.status === 0) return t('error.network');
        if (err.code === 'VERSION_CONFLICT') return t('error.versionConflictBody');
        return err.message || t('error.unknown');
      }
      return t('error.unknown');
    },
    [t],
  );
}
