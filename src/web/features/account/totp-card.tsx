import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useFeedback } from '../../ui/use-feedback.ts';
import { sessionKey, useSession } from '../auth/use-session.ts';

const codeRule = { required: true, pattern: /^\s*\d{3}\s?\d{3}\s*$/ };

/** Two-step verification: enrol with a QR code (or the key as text), or turn it off with password and code. */
export function TotpCard() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const qc = useQueryClient();
  const { me } = useSession();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string }>();
  const refreshMe = () => qc.invalidateQueries({ queryKey: sessionKey });
  const setup = useMutation({ mutationFn: api.auth.totpSetup, onSuccess: setEnrolment, onError: feedback.error });
  const enable = useMutation({
    mutationFn: (v: { code: string }) => api.auth.totpEnable(v.code),
    onSuccess: async () => {
      setEnrolment(undefined);
      feedback.success(t('account.totpEnabled'));
      await refreshMe();
    },
    onError: feedback.error,
  });
  const disable = useMutation({
    mutationFn: (v: { password: string; code: string }) => api.auth.totpDisable(v.password, v.code),
    onSuccess: async () => {
      feedback.success(t('account.totpDisabled'));
      await refreshMe();
    },
    onError: feedback.error,
  });
  const on = Boolean(me?.user.totpEnabled);

  return (
    <Card variant="borderless" title={t('account.totp')} data-testid="totp-card">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Alert type={on ? 'success' : 'info'} showIcon icon={<SafetyCertificateOutlined />} title={on ? t('account.totpOn') : t('account.totpOff')} />
        {on && (
          <Form name="totp-disable" layout="vertical" onFinish={(v: { password: string; code: string }) => disable.mutate(v)} style={{ maxWidth: 360 }}>
            <Typography.Paragraph type="secondary">{t('account.totpDisableHelp')}</Typography.Paragraph>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item name="code" label={t('auth.totpCode')} rules={[{ ...codeRule, message: t('auth.totpCodeRequired') }]}>
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={7} />
            </Form.Item>
            <Button danger htmlType="submit" loading={disable.isPending}>
              {t('account.totpDisable')}
            </Button>
          </Form>
        )}
        {!on && !enrolment && (
          <Button type="primary" onClick={() => setup.mutate()} loading={setup.isPending}>
            {t('account.totpStart')}
          </Button>
        )}
        {!on && enrolment && (
          <Space align="start" size={24} wrap>
            <QRCode value={enrolment.uri} size={176} bordered={false} />
            <div style={{ maxWidth: 420 }}>
              <Typography.Paragraph>{t('account.totpScan')}</Typography.Paragraph>
              <Typography.Paragraph>
                {t('account.totpSecret')}：
                <Typography.Text code copyable data-testid="totp-secret">
                  {enrolment.secret}
                </Typography.Text>
              </Typography.Paragraph>
              <Form name="totp-enable" layout="vertical" onFinish={(v: { code: string }) => enable.mutate(v)}>
                <Form.Item name="code" label={t('account.totpConfirmCode')} rules={[{ ...codeRule, message: t('auth.totpCodeRequired') }]}>
                  <Input autoComplete="one-time-code" inputMode="numeric" maxLength={7} style={{ maxWidth: 200 }} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={enable.isPending}>
                  {t('account.totpEnable')}
                </Button>
              </Form>
            </div>
          </Space>
        )}
      </Space>
    </Card>
  );
}
