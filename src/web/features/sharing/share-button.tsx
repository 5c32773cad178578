import { ShareAltOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { ShareDrawer } from './share-drawer.tsx';
import type { ShareTarget } from './share-target.ts';

/** 共享 on the customer page: opens the drawer with current shares and the form to add one. */
export function ShareButton({ target }: { target: ShareTarget }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ShareAltOutlined />} onClick={() => setOpen(true)} data-testid="share-button">
        {t('share.button')}
      </Button>
      <ShareDrawer target={open ? target : null} onClose={() => setOpen(false)} />
    </>
  );
}
