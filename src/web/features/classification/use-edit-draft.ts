import { App } from 'antd';
import { createElement, useCallback } from 'react';
import { ApiError, type DraftEditInput } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { IssueList } from '../../ui/issue-list.tsx';
import { useErrorText } from '../../ui/use-error-text.ts';
import { useSchemeMutations } from './use-classification.ts';

/**
 * Sends one edit to the draft. A refused edit (cycle, code outside the coding rule, rule on another
 * level's criterion, category in use) opens a dialog with every reason the server gave.
 */
export function useEditDraft(schemeKey: string) {
  const { edit } = useSchemeMutations(schemeKey);
  const { message, modal } = App.useApp();
  const { t } = useI18n();
  const errorText = useErrorText();
  const run = useCallback(
    (change: DraftEditInput, opts: { done?: string; onDone?: (touched: string | undefined) => void; onError?: (err: unknown) => boolean } = {}) =>
      edit.mutate(change, {
        onSuccess: (v) => {
          void message.success(opts.done ?? t('class.edited'));
          opts.onDone?.(v.key);
        },
        onError: (err) => {
          if (opts.onError?.(err)) return;
          const issues = err instanceof ApiError ? err.issues.map((i) => i.message).filter(Boolean) : [];
          modal.error({ title: t('class.editRefused'), content: createElement('div', null, errorText(err), issues.length > 0 && createElement(IssueList, { messages: issues })) });
        },
      }),
    [edit, message, modal, t, errorText],
  );
  return { run, pending: edit.isPending };
}
