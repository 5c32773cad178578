import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useErrorText } from '../../ui/use-error-text.ts';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useSession } from '../auth/use-session.ts';
import { ClassHistoryTab } from '../classification/class-history-tab.tsx';
import { CustomerClasses } from '../classification/customer-classes.tsx';
import { ContactsTab } from '../contacts/contacts-tab.tsx';
import { InteractionsTab } from '../interactions/interactions-tab.tsx';
import { RevealProvider } from '../reveal/reveal-provider.tsx';
import { ShareButton } from '../sharing/share-button.tsx';
import { PurchasesTab } from '../purchases/purchases-tab.tsx';
import { CustomerBasicInfo } from './customer-basic-info.tsx';
import { CustomerFormDrawer } from './customer-form-drawer.tsx';
import { CustomerHeader } from './customer-header.tsx';
import { CustomerHistoryTab } from './customer-history-tab.tsx';
import { useCustomer, useCustomerMutations } from './use-customers.ts';

const tabKeys = ['basic', 'contacts', 'purchases', 'interactions', 'classes', 'history'] as const;
type TabKey = (typeof tabKeys)[number];

/** The 360° page of one customer; the open tab is kept in ?tab= so reload and links keep it. */
export function CustomerDetailPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const errorText = useErrorText();
  const id = Number(useParams().id);
  const [sp, setSp] = useSearchParams();
  const tab: TabKey = (tabKeys as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as TabKey) : 'basic';
  const { data: customer, error, isPending } = useCustomer(id);
  const { remove } = useCustomerMutations();
  const [editing, setEditing] = useState(false);
  const canEdit = can('customer.update');
  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/customers'))} style={{ paddingInline: 0, marginBottom: 8 }}>
      {t('detail.backToList')}
    </Button>
  );

  if (!Number.isInteger(id) || id <= 0 || (error instanceof ApiError && error.status === 404)) {
    return <Result status="404" title={t('detail.notFound')} extra={<Button type="primary" onClick={() => navigate('/customers')}>{t('detail.backToList')}</Button>} />;
  }
  if (error) return <Result status="warning" title={errorText(error)} />;
  if (isPending || !customer) {
    return (
      <Card variant="borderless">
        <Skeleton active avatar paragraph={{ rows: 6 }} />
      </Card>
    );
  }

  const onDelete = () =>
    remove.mutateAsync(customer.id).then(() => {
      feedback.success(t('customers.deletedMsg', { name: customer.name }));
      navigate('/customers');
    }, feedback.error);

  const items = [
    { key: 'basic', label: t('detail.tabBasic'), children: <CustomerBasicInfo customer={customer} /> },
    { key: 'contacts', label: `${t('detail.tabContacts')} (${customer.contacts.length})`, children: <ContactsTab customerId={id} canEdit={canEdit} /> },
    { key: 'purchases', label: t('detail.tabPurchases'), children: <PurchasesTab customerId={id} canEdit={canEdit} /> },
    { key: 'interactions', label: t('detail.tabInteractions'), children: <InteractionsTab customerId={id} canEdit={canEdit} /> },
    { key: 'classes', label: t('class.tabHistory'), children: <ClassHistoryTab customerId={id} /> },
    { key: 'history', label: t('detail.tabHistory'), children: <CustomerHistoryTab customerId={id} /> },
  ];

  return (
    <>
      {back}
      <CustomerHeader
        customer={customer}
        canEdit={canEdit}
        canDelete={can('customer.delete')}
        deleting={remove.isPending}
        onEdit={() => setEditing(true)}
        onDelete={onDelete}
        extraActions={can('customer.share') && <ShareButton target={{ kind: 'customer', id: customer.id, name: customer.name }} />}
        below={<CustomerClasses customerId={customer.id} />}
      />
      <RevealProvider key={customer.id} customer={customer}>
        <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
          <Tabs
            activeKey={tab}
            items={items}
            destroyOnHidden
            onChange={(k) => {
              const next = new URLSearchParams(sp);
              if (k === 'basic') next.delete('tab');
              else next.set('tab', k);
              setSp(next, { replace: true });
            }}
          />
        </Card>
      </RevealProvider>
      <CustomerFormDrawer open={editing} customer={customer} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
    </>
  );
}
