import { KeyOutlined } from '@ant-design/icons';
import { Button, Col, Row } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useSession } from '../auth/use-session.ts';
import { ChangePasswordModal } from '../users/change-password-modal.tsx';
import { SessionsCard } from './sessions-card.tsx';
import { TotpCard } from './totp-card.tsx';

/** 我的账号: where I am signed in, two-step verification, my password. */
export function AccountPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const [changingPassword, setChangingPassword] = useState(false);
  return (
    <>
      <PageHeader
        title={t('account.title')}
        subtitle={t('account.subtitle')}
        extra={
          <Button icon={<KeyOutlined />} onClick={() => setChangingPassword(true)}>
            {t('users.changePassword')}
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={15}>
          <SessionsCard />
        </Col>
        <Col xs={24} xxl={9}>
          <TotpCard />
        </Col>
      </Row>
      <ChangePasswordModal user={changingPassword && me ? me.user : null} self onClose={() => setChangingPassword(false)} />
    </>
  );
}
