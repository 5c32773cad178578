import type { Translate } from '../../i18n/i18n-context.ts';
import { isMessageKey } from '../../i18n/is-message-key.ts';

/** "修改了客户资料" for customer.updated; unknown actions show as written. */
export function actionLabel(action: string, t: Translate): string {
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

export function entityLabel(entityType: string, t: Translate): string {
  const key = `entity.${entityType}`;
  return isMessageKey(key) ? t(key) : entityType;
}
