import { DownOutlined, FilterOutlined, SaveOutlined, ShareAltOutlined } from '@ant-design/icons';
import { Button, Dropdown, Form, Input, Space, Tooltip, Typography, type MenuProps } from 'antd';
import { useState } from 'react';
import type { SavedFilter, SegmentQuery } from '../../../domain/sharing/share.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useSession } from '../auth/use-session.ts';
import { describeSegment } from './segment-query.ts';
import { ShareDrawer } from './share-drawer.tsx';
import type { ShareTarget } from './share-target.ts';
import { useSavedFilters } from './use-saved-filters.ts';

type Props = { current: SegmentQuery; onApply: (query: SegmentQuery) => void };

/** 保存的筛选 on the customer list: save the URL's filters under a name, apply one, share one. */
export function SavedFiltersMenu({ current, onApply }: Props) {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { can } = useSession();
  const { query, create } = useSavedFilters();
  const [saving, setSaving] = useState(false);
  const [sharing, setSharing] = useState<ShareTarget | null>(null);
  const filters = query.data ?? [];

  const items: MenuProps['items'] = filters.length
    ? filters.map((f: SavedFilter) => ({
        key: String(f.id),
        icon: <FilterOutlined />,
        label: (
          <div style={{ maxWidth: 300 }} data-testid={`saved-filter-${f.name}`}>
            <div>{f.name}</div>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
              {describeSegment(f.query, t, lang)}
            </Typography.Text>
          </div>
        ),
        extra: can('customer.share') && (
          <Tooltip title={t('savedFilter.share')}>
            <Button
              type="text"
              size="small"
              icon={<ShareAltOutlined />}
              aria-label={t('savedFilter.share')}
              onClick={(e) => {
                e.stopPropagation();
                setSharing({ kind: 'savedFilter', id: f.id, name: f.name });
              }}
            />
          </Tooltip>
        ),
        onClick: () => onApply(f.query),
      }))
    : [{ key: 'empty', disabled: true, label: t('savedFilter.empty') }];

  const save = async (v: { name: string }) => {
    const saved = await create.mutateAsync({ name: v.name.trim(), query: current });
    feedback.success(t('savedFilter.saved', { name: saved.name }));
    setSaving(false);
  };

  return (
    <>
      <Space.Compact>
        <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
          <Button icon={<FilterOutlined />} data-testid="saved-filters">
            <Space size={6}>
              {t('savedFilter.menu')}
              <DownOutlined style={{ fontSize: 10 }} />
            </Space>
          </Button>
        </Dropdown>
        <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="save-filter">
          {t('savedFilter.save')}
        </Button>
      </Space.Compact>
      <FormModal<{ name: string }> title={t('savedFilter.saveTitle')} open={saving} onCancel={() => setSaving(false)} onSubmit={save} width={480}>
        <Typography.Paragraph type="secondary">{t('savedFilter.saveHint')}</Typography.Paragraph>
        <Form.Item label={t('savedFilter.conditions')}>
          <Typography.Text>{describeSegment(current, t, lang)}</Typography.Text>
        </Form.Item>
        <Form.Item name="name" label={t('savedFilter.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} autoFocus />
        </Form.Item>
      </FormModal>
      <ShareDrawer target={sharing} onClose={() => setSharing(null)} />
    </>
  );
}
