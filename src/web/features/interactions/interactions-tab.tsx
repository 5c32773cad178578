import { CalendarOutlined, CommentOutlined, DeleteOutlined, EditOutlined, MailOutlined, PhoneOutlined, PlusOutlined, TeamOutlined, UserOutlined, WechatOutlined, CarOutlined } from '@ant-design/icons';
import { Button, Empty, Popconfirm, Space, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { Interaction, InteractionChannel } from '../../../domain/interactions/interaction.ts';
import type { RecordDraft } from '../../api-client.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useSession } from '../auth/use-session.ts';
import { useUsers } from '../users/use-users.ts';
import { InteractionFormFields, type InteractionValues } from './interaction-form-fields.tsx';
import { useInteractions } from './use-interactions.ts';

const channelIcon: Record<InteractionChannel, ReactNode> = {
  phone: <PhoneOutlined />,
  visit: <CarOutlined />,
  email: <MailOutlined />,
  wechat: <WechatOutlined />,
  meeting: <TeamOutlined />,
  other: <CommentOutlined />,
};

const toDraft = (v: InteractionValues): RecordDraft<'interactions'> => ({
  channel: v.channel,
  occurredAt: v.occurredAt.format(),
  subject: v.subject.trim(),
  summary: v.summary?.trim() || null,
  byUserId: v.byUserId ?? null,
  nextFollowUpOn: v.nextFollowUpOn ? v.nextFollowUpOn.format('YYYY-MM-DD') : null,
});

/** 互动记录 tab: calls, visits and messages as a timeline, newest first. */
export function InteractionsTab({ customerId, canEdit }: { customerId: number; canEdit: boolean }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const users = useUsers().query.data ?? [];
  const { me } = useSession();
  const { query, add, update, remove } = useInteractions(customerId);
  const [editing, setEditing] = useState<Interaction | 'new' | null>(null);
  const items = [...(query.data?.items ?? [])].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));

  const submit = async (v: InteractionValues) => {
    if (editing === 'new') await add.mutateAsync(toDraft(v));
    else if (editing) await update.mutateAsync({ id: editing.id, patch: toDraft(v) });
    feedback.success(t('common.saved'));
    setEditing(null);
  };

  const timeline = items.map((i) => {
    const by = users.find((u) => u.id === i.byUserId);
    return {
      key: i.id,
      icon: <span style={{ color: '#1d4ed8', fontSize: 16 }}>{channelIcon[i.channel]}</span>,
      content: (
        <div style={{ background: '#f8fafc', borderRadius: 8, padding: '10px 14px', marginBottom: 4, maxWidth: 860 }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
            <Space size={8} wrap>
              <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatDateTime(i.occurredAt)}
              </Typography.Text>
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t(`channel.${i.channel}`)}
              </Tag>
              <Typography.Text strong>{i.subject}</Typography.Text>
            </Space>
            {canEdit && (
              <Space size={0}>
                <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(i)} aria-label={t('common.edit')} />
                <Popconfirm
                  title={t('interactions.deleteConfirm')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync(i.id).then(() => feedback.success(t('common.deleted')), feedback.error)}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </Space>
            )}
          </div>
          {i.summary && <Typography.Paragraph style={{ margin: '6px 0 0', whiteSpace: 'pre-wrap' }}>{i.summary}</Typography.Paragraph>}
          <Space size={16} style={{ marginTop: 6, fontSize: 12, color: '#64748b' }} wrap>
            {by && (
              <span>
                <UserOutlined /> {t('interactions.by', { name: by.displayName })}
              </span>
            )}
            {i.nextFollowUpOn && (
              <span>
                <CalendarOutlined /> {t('interactions.nextFollowUp', { date: formatDate(i.nextFollowUpOn) })}
              </span>
            )}
          </Space>
        </div>
      ),
    };
  });

  return (
    <>
      {canEdit && (
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 16 }}>
          <Button type="primary" ghost icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('interactions.add')}
          </Button>
        </div>
      )}
      <Spin spinning={query.isFetching}>
        {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('interactions.empty')} /> : <Timeline items={timeline} />}
      </Spin>
      <FormModal<InteractionValues>
        title={editing === 'new' ? t('interactions.add') : t('interactions.edit')}
        open={editing !== null}
        width={640}
        onCancel={() => setEditing(null)}
        onSubmit={submit}
        initialValues={
          editing && editing !== 'new'
            ? { ...editing, occurredAt: dayjs(editing.occurredAt), summary: editing.summary ?? '', nextFollowUpOn: editing.nextFollowUpOn ? dayjs(editing.nextFollowUpOn) : null }
            : { channel: 'phone', occurredAt: dayjs(), byUserId: me?.user.id ?? null }
        }
      >
        <InteractionFormFields />
      </FormModal>
    </>
  );
}
