import { CloudDownloadOutlined, DisconnectOutlined, EyeOutlined, ShopOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { api, ApiError } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDateTime } from '../../ui/format.ts';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { LogoMark } from '../../ui/logo-mark.tsx';
import { useErrorText } from '../../ui/use-error-text.ts';
import { portalCell } from './portal-cell.ts';

type Row = Record<string, unknown> & { _key: number };

/** The partner's read-only page at /portal/:token: no sign-in, no app menu, exactly the shared fields. */
export function PortalPage() {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const token = useParams().token ?? '';
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, error, isPending, isFetching } = useQuery({
    queryKey: ['portal', token, paging],
    queryFn: () => api.portal.view(token, paging),
    placeholderData: keepPreviousData,
    retry: false,
    refetchOnWindowFocus: false,
  });

  const header = (
    <header className="kd-portal-header">
      <div className="kd-portal-brand">
        <LogoMark size={28} />
        <span className="kd-brand-name">{t('app.name')}</span>
        <span className="kd-portal-tag">{t('portal.brand')}</span>
      </div>
      <LanguageSwitch />
    </header>
  );

  let body;
  if (error) {
    const invalid = error instanceof ApiError && error.status === 404;
    body = invalid ? (
      <Card variant="borderless">
        <Result icon={<DisconnectOutlined style={{ color: '#94a3b8' }} />} title={t('portal.invalidTitle')} subTitle={t('portal.invalidBody')} data-testid="portal-invalid" />
      </Card>
    ) : (
      <Card variant="borderless">
        <Result status="warning" title={errorText(error)} extra={<Button onClick={() => window.location.reload()}>{t('common.retry')}</Button>} />
      </Card>
    );
  } else if (isPending || !data) {
    body = (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  } else {
    const rows: Row[] = data.items.map((r, i) => ({ ...r, _key: (data.page - 1) * data.pageSize + i }));
    body = (
      <>
        <Card variant="borderless" style={{ marginBottom: 16 }}>
          <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="portal-title">
            {data.title}
          </Typography.Title>
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('portal.sharedWith')}>
              <Typography.Text strong>
                <ShopOutlined style={{ marginInlineEnd: 6, color: '#b45309' }} />
                {data.partner}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('portal.expires')}>{formatDateTime(data.expiresAt)}</Descriptions.Item>
            <Descriptions.Item label={t('portal.purpose')}>{data.purpose}</Descriptions.Item>
          </Descriptions>
          <Alert type="info" showIcon icon={<EyeOutlined />} title={t('portal.readonlyNote')} style={{ marginTop: 12 }} />
        </Card>
        <Card
          variant="borderless"
          title={t('portal.count', { total: data.total })}
          extra={
            data.allowDownload && (
              <Button type="primary" icon={<CloudDownloadOutlined />} href={api.portal.downloadUrl(token)} data-testid="portal-download">
                {t('portal.download')}
              </Button>
            )
          }
        >
          <Table<Row>
            rowKey="_key"
            size="middle"
            dataSource={rows}
            loading={isFetching}
            scroll={{ x: Math.max(800, data.fields.length * 140) }}
            columns={data.fields.map((f) => ({ key: f, title: fieldLabel(f, lang), dataIndex: f, render: (v: unknown) => <span className={f === 'code' ? 'kd-code' : undefined}>{portalCell(f, v, t, lang)}</span> }))}
            pagination={{
              current: data.page,
              pageSize: data.pageSize,
              total: data.total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
            }}
            data-testid="portal-table"
          />
        </Card>
      </>
    );
  }

  return (
    <div className="kd-portal">
      {header}
      <main className="kd-portal-main">{body}</main>
      <footer className="kd-footer">{t('portal.poweredBy')}</footer>
    </div>
  );
}
