import { Alert, Button, Checkbox, Form, Modal, Radio, Space, Spin, Tag, message } from 'antd';
import { useState } from 'react';
import { api, type CustomerExportParams } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useExportColumns } from './use-export-columns.ts';

type Props = {
  open: boolean;
  onClose: () => void;
  /** the list's current filters; the export takes every page of them */
  filters: Omit<CustomerExportParams, 'format' | 'encoding' | 'columns' | 'lang'>;
  total: number;
};

/** Chooses columns and format, then lets the browser download the streamed file (a link, so nothing is held in memory). */
export function CustomerExportModal({ open, onClose, filters, total }: Props) {
  const { t, lang } = useI18n();
  const { data, isLoading } = useExportColumns(open);
  // undefined until the user changes the choice: the server's defaults apply
  const [chosen, setColumns] = useState<string[] | undefined>(undefined);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const [encoding, setEncoding] = useState<'utf8' | 'gbk'>('utf8');
  const defaults = data?.columns.filter((c) => c.selected).map((c) => c.key) ?? [];
  const columns = chosen ?? defaults;

  const start = () => {
    const link = document.createElement('a');
    link.href = api.customers.exportUrl({ ...filters, format, ...(format === 'csv' ? { encoding } : {}), columns: columns.join(','), lang });
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
    void message.success(t('export.started'));
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('export.title')}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={start} disabled={columns.length === 0} data-testid="export-start">
          {t('export.start')}
        </Button>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('export.scope', { count: total })} />
      <Form layout="vertical">
        <Form.Item
          label={
            <Space>
              {t('export.columns')}
              <Button size="small" type="link" onClick={() => setColumns(data?.columns.map((c) => c.key) ?? [])}>
                {t('export.selectAll')}
              </Button>
              <Button size="small" type="link" onClick={() => setColumns(defaults)}>
                {t('export.defaults')}
              </Button>
            </Space>
          }
          validateStatus={columns.length === 0 && data ? 'error' : undefined}
          help={columns.length === 0 && data ? t('export.noColumns') : undefined}
        >
          {isLoading ? (
            <Spin />
          ) : (
            <Checkbox.Group value={columns} onChange={(v) => setColumns(v as string[])} data-testid="export-columns" style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', rowGap: 6 }}>
              {data?.columns.map((c) => (
                <Checkbox key={c.key} value={c.key}>
                  {lang === 'en' ? c.labelEn : c.labelZh}
                  {c.masked && (
                    <Tag style={{ marginInlineStart: 4 }} color="orange">
                      {t('export.masked')}
                    </Tag>
                  )}
                </Checkbox>
              ))}
            </Checkbox.Group>
          )}
        </Form.Item>
        <Form.Item label={t('export.format')}>
          <Radio.Group value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'xlsx')} optionType="button" options={[{ value: 'xlsx', label: 'Excel (XLSX)' }, { value: 'csv', label: 'CSV' }]} />
        </Form.Item>
        {format === 'csv' && (
          <Form.Item label={t('export.encoding')}>
            <Radio.Group value={encoding} onChange={(e) => setEncoding(e.target.value as 'utf8' | 'gbk')} options={[{ value: 'utf8', label: t('export.utf8') }, { value: 'gbk', label: t('export.gbk') }]} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
