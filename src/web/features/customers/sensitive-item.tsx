import { LockOutlined } from '@ant-design/icons';
import { Form, type FormItemProps } from 'antd';
import { cloneElement, type ReactElement } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useFieldLock } from './field-access.ts';

type Props = FormItemProps & { path: string; children: ReactElement<{ disabled?: boolean }> };

/**
 * A form item for a sensitive field: gone when hidden, disabled without rules when masked or read-only,
 * so a mask like 138****1234 is never validated or sent back.
 */
export function SensitiveItem({ path, children, rules, extra, ...rest }: Props) {
  const { t } = useI18n();
  const lock = useFieldLock(path);
  if (lock === 'hidden') return null;
  if (!lock) return <Form.Item {...rest} rules={rules} extra={extra}>{children}</Form.Item>;
  return (
    <Form.Item {...rest} extra={<span><LockOutlined /> {lock === 'masked' ? t('form.masked') : t('form.readonly')}</span>}>
      {cloneElement(children, { disabled: true })}
    </Form.Item>
  );
}
