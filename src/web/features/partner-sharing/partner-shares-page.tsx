import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useSession } from '../auth/use-session.ts';
import { PartnersCard } from './partners-card.tsx';
import { PartnerSharesTable } from './partner-shares-table.tsx';
import { PartnerShareWizard } from './partner-share-wizard.tsx';

/** 合作伙伴共享: partners, the shares given to them, a new share, revocation and who opened what. */
export function PartnerSharesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('pshare.title')}
        subtitle={t('pshare.subtitle')}
        extra={
          can('customer.export') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="partner-share-new">
              {t('pshare.new')}
            </Button>
          )
        }
      />
      <PartnersCard />
      <Card variant="borderless" title={t('pshare.card')}>
        <PartnerSharesTable />
      </Card>
      <PartnerShareWizard open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
