import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n/use-i18n.ts';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { LogoMark } from '../../ui/logo-mark.tsx';
import { useErrorText } from '../../ui/use-error-text.ts';
import { useSession } from './use-session.ts';

/** Only same-site paths, so ?next= cannot send a user elsewhere. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/customers');

export function SignInPage() {
  const { t } = useI18n();
  const { me, signIn, signInTotp } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [error, setError] = useState<string>();
  // set after a right password when the account also asks for an authenticator code
  const [challenge, setChallenge] = useState<string>();
  const next = safeNext(params.get('next'));

  if (me) return <Navigate to={next} replace />;

  const welcome = (name: string) => {
    void message.success(t('auth.welcome', { name }));
    navigate(next, { replace: true });
  };
  const submit = (v: { username: string; password: string }) => {
    setError(undefined);
    signIn.mutate(v, {
      onSuccess: (r) => ('totpRequired' in r ? setChallenge(r.challenge) : welcome(r.user.displayName)),
      onError: (e) => setError(errorText(e)),
    });
  };
  const submitCode = (v: { code: string }) => {
    if (!challenge) return;
    setError(undefined);
    signInTotp.mutate(
      { challenge, code: v.code },
      {
        onSuccess: (r) => welcome(r.user.displayName),
        onError: (e) => setError(errorText(e)),
      },
    );
  };
  const backToPassword = () => {
    setChallenge(undefined);
    setError(undefined);
  };

  return (
    <div className="kd-signin">
      <div className="kd-signin-brand">
        <div className="kd-signin-brand-inner">
          <LogoMark size={56} />
          <Typography.Title level={1} style={{ color: '#fff', margin: '24px 0 8px' }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.8)', fontSize: 16 }}>{t('app.tagline')}</Typography.Paragraph>
        </div>
      </div>
      <div className="kd-signin-form">
        <div style={{ position: 'absolute', top: 16, right: 16 }}>
          <LanguageSwitch />
        </div>
        <Card variant="borderless" style={{ width: 380, boxShadow: 'none', background: 'transparent' }}>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t('auth.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          {challenge ? (
            <Form name="sign-in-totp" layout="vertical" size="large" onFinish={submitCode} requiredMark={false}>
              <Typography.Paragraph>{t('auth.totpPrompt')}</Typography.Paragraph>
              <Form.Item label={t('auth.totpCode')} name="code" rules={[{ required: true, pattern: /^\s*\d{3}\s?\d{3}\s*$/, message: t('auth.totpCodeRequired') }]}>
                <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="numeric" maxLength={7} autoFocus />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={signInTotp.isPending}>
                {t('auth.totpSubmit')}
              </Button>
              <Button type="link" block onClick={backToPassword} style={{ marginTop: 8 }}>
                {t('auth.totpBack')}
              </Button>
            </Form>
          ) : (
            <Form name="sign-in" layout="vertical" size="large" onFinish={submit} requiredMark={false}>
              <Form.Item label={t('auth.username')} name="username" rules={[{ required: true, message: t('auth.usernameRequired') }]}>
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item label={t('auth.password')} name="password" rules={[{ required: true, message: t('auth.passwordRequired') }]}>
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
                {t('auth.submit')}
              </Button>
            </Form>
          )}
        </Card>
        <Typography.Text type="secondary" style={{ position: 'absolute', bottom: 24, fontSize: 12 }}>
          {t('app.footer')}
        </Typography.Text>
      </div>
    </div>
  );
}
