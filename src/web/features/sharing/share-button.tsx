import { ShareAltOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { ShareDrawer } from './share-drawer.tsx';
import type { ShareTarget } from './share-target.ts';
import { useShares } from './use-shares.ts';

/** 共享 on the customer page, with how many colleagues or departments have it now; opens the drawer with those shares and the form to add one. */
export function ShareButton({ target }: { target: ShareTarget }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const count = useShares(target.kind === 'customer' ? target.id : undefined).query.data?.length ?? 0;
  return (
    <>
      <Button icon={<ShareAltOutlined />} onClick={() => setOpen(true)} data-testid="share-button">
        {count ? t('share.buttonCount', { count }) : t('share.button')}
      </Button>
      <ShareDrawer target={open ? target : null} onClose={() => setOpen(false)} />
    </>
  );
}
