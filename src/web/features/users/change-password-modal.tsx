import { Form, Input } from 'antd';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { passwordSchema } from '../../../domain/users/user.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { zodRule } from '../../ui/zod-rule.ts';
import { useUsers } from './use-users.ts';

type Props = { user: { id: number; displayName: string } | null; self: boolean; onClose: () => void };

/** Reset someone's password (admin) or change one's own, which needs the current password. */
export function ChangePasswordModal({ user, self, onClose }: Props) {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { update } = useUsers();
  const submit = async (v: { password: string; currentPassword?: string }) => {
    if (!user) return;
    await update.mutateAsync({ id: user.id, patch: self ? { password: v.password, currentPassword: v.currentPassword ?? '' } : { password: v.password } });
    feedback.success(self ? t('users.passwordChanged') : t('users.resetDone'));
    onClose();
  };
  return (
    <FormModal<{ password: string; currentPassword?: string }>
      title={self ? t('users.changePassword') : `${t('users.resetPassword')} · ${user?.displayName ?? ''}`}
      open={user !== null}
      width={440}
      onCancel={onClose}
      onSubmit={submit}
    >
      {self && (
        <Form.Item name="currentPassword" label={fieldLabel('currentPassword', lang)} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      )}
      <Form.Item name="password" label={t('users.newPassword')} extra={t('users.passwordHelp')} rules={[{ required: true }, zodRule(passwordSchema, lang)]} validateTrigger={['onChange', 'onBlur']}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
