import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { onUnauthenticated } from './api-client.ts';
import { AccountPage } from './features/account/account-page.tsx';
import { AuditLogPage } from './features/audit/audit-log-page.tsx';
import { RequireAuth } from './features/auth/require-auth.tsx';
import { RequirePermission } from './features/auth/require-permission.tsx';
import { SignInPage } from './features/auth/sign-in-page.tsx';
import { sessionKey } from './features/auth/use-session.ts';
import { SchemeListPage } from './features/classification/scheme-list-page.tsx';
import { SchemePage } from './features/classification/scheme-page.tsx';
import { CodeSchemePage } from './features/code-scheme/code-scheme-page.tsx';
import { CustomFieldsPage } from './features/custom-fields/custom-fields-page.tsx';
import { CustomerDetailPage } from './features/customers/customer-detail-page.tsx';
import { CustomerListPage } from './features/customers/customer-list-page.tsx';
import { RecycleBinPage } from './features/customers/recycle-bin-page.tsx';
import { ImportPage } from './features/imports/import-page.tsx';
import { AppLayout } from './features/shell/app-layout.tsx';
import { NotFoundPage } from './features/shell/not-found-page.tsx';
import { PartnerSharesPage } from './features/partner-sharing/partner-shares-page.tsx';
import { PortalPage } from './features/portal/portal-page.tsx';
import { RolesPage } from './features/roles/roles-page.tsx';
import { UsersPage } from './features/users/users-page.tsx';
import { I18nProvider } from './i18n/i18n-provider.tsx';
import { useI18n } from './i18n/use-i18n.ts';
import { createQueryClient } from './query-client.ts';
import { antdLocales } from './ui/antd-locales.ts';
import { theme } from './ui/theme.ts';

function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      {/* partners open their link without an account: outside the signed-in frame */}
      <Route path="/portal/:token" element={<PortalPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/customers" replace />} />
        <Route path="customers" element={<CustomerListPage />} />
        <Route path="customers/:id" element={<CustomerDetailPage />} />
        <Route path="classification" element={<SchemeListPage />} />
        <Route path="classification/:key" element={<SchemePage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="recycle-bin" element={<RequirePermission permission="customer.restore"><RecycleBinPage /></RequirePermission>} />
        <Route path="sharing/partners" element={<RequirePermission permission="customer.share"><PartnerSharesPage /></RequirePermission>} />
        <Route path="imports" element={<RequirePermission permission="customer.import"><ImportPage /></RequirePermission>} />
        <Route path="audit" element={<RequirePermission permission="audit.read"><AuditLogPage /></RequirePermission>} />
        <Route path="admin/custom-fields" element={<RequirePermission permission="custom_field.manage"><CustomFieldsPage /></RequirePermission>} />
        <Route path="admin/users" element={<RequirePermission permission="user.manage"><UsersPage /></RequirePermission>} />
        <Route path="admin/roles" element={<RequirePermission permission="user.manage"><RolesPage /></RequirePermission>} />
        <Route path="admin/code-scheme" element={<RequirePermission permission="settings.manage"><CodeSchemePage /></RequirePermission>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function LocalizedApp() {
  const { lang } = useI18n();
  const [queryClient] = useState(createQueryClient);
  // a 401 from any call ends the session in the cache; RequireAuth then sends the user to sign in
  useEffect(() => onUnauthenticated(() => queryClient.setQueryData(sessionKey, null)), [queryClient]);
  return (
    <ConfigProvider locale={antdLocales[lang]} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** Providers from the outside in: language, antd (locale, theme, message/modal), data cache, router. */
export function App() {
  return (
    <I18nProvider>
      <LocalizedApp />
    </I18nProvider>
  );
}
