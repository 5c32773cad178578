import { CheckCircleFilled, CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Input, Modal, Space, Typography, type InputRef } from 'antd';
import { useRef } from 'react';
import type { CreatedPartnerShare } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useFeedback } from '../../ui/use-feedback.ts';

/** The clipboard API exists only on https or localhost; on a LAN address copy the selected text instead. */
async function copyText(text: string, input: HTMLInputElement | null): Promise<void> {
  if (window.isSecureContext && navigator.clipboard) return navigator.clipboard.writeText(text);
  input?.select();
  if (!document.execCommand('copy')) throw new Error('copy failed');
}

/** Shows a new share's portal link exactly once: the server keeps only its hash. */
export function ShareLinkModal({ share, onClose }: { share: CreatedPartnerShare | null; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const input = useRef<InputRef>(null);
  const url = share ? `${window.location.origin}${share.portalPath}` : '';
  const copy = () => copyText(url, input.current?.input ?? null).then(() => feedback.success(t('pshare.copied')), () => input.current?.select());

  return (
    <Modal
      open={share !== null}
      title={
        <Space>
          <CheckCircleFilled style={{ color: '#16a34a' }} />
          {t('pshare.createdTitle')}
        </Space>
      }
      onCancel={onClose}
      mask={{ closable: false }}
      width={620}
      footer={
        <Button type="primary" onClick={onClose} data-testid="share-link-done">
          {t('pshare.done')}
        </Button>
      }
    >
      {share && (
        <>
          <Alert type="warning" showIcon title={t('pshare.linkOnce')} style={{ margin: '12px 0 16px' }} />
          <Typography.Text strong>{t('pshare.linkLabel')}</Typography.Text>
          <Space.Compact style={{ width: '100%', margin: '8px 0 16px' }}>
            <Input ref={input} readOnly value={url} className="kd-code" data-testid="share-link" onFocus={(e) => e.target.select()} />
            <Button type="primary" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="share-link-copy">
              {t('pshare.copy')}
            </Button>
          </Space.Compact>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('pshare.shareTitle')}>{share.title}</Descriptions.Item>
            <Descriptions.Item label={t('pshare.expires')}>{formatDateTime(share.expiresAt)}</Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
