import { Alert, Drawer, Typography } from 'antd';
import { useI18n } from '../../i18n/use-i18n.ts';
import { FormSection } from '../../ui/form-section.tsx';
import { ShareForm } from './share-form.tsx';
import { ShareList } from './share-list.tsx';
import type { ShareTarget } from './share-target.ts';

/** Share a customer or a saved filter with colleagues; a customer's current shares are listed with revoke buttons. */
export function ShareDrawer({ target, onClose }: { target: ShareTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer
      title={target ? t(target.kind === 'customer' ? 'share.drawerTitle' : 'share.filterDrawerTitle', { name: target.name }) : ''}
      open={target !== null}
      onClose={onClose}
      size={520}
      destroyOnHidden
      styles={{ body: { paddingTop: 16 } }}
    >
      {target && (
        <>
          <Alert type="info" showIcon title={t(target.kind === 'customer' ? 'share.customerHint' : 'share.filterHint')} style={{ marginBottom: 20 }} />
          <FormSection title={t('share.add')}>
            <ShareForm target={target} />
          </FormSection>
          <div style={{ height: 24 }} />
          <FormSection title={t('share.current')}>
            {target.kind === 'customer' ? <ShareList customerId={target.id} /> : <Typography.Text type="secondary">{t('share.filterListGap')}</Typography.Text>}
          </FormSection>
        </>
      )}
    </Drawer>
  );
}
