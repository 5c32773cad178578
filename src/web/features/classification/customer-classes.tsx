import { EditOutlined, InfoCircleOutlined, PushpinOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { useSession } from '../auth/use-session.ts';
import type { CustomerClass } from './classification-types.ts';
import { OverrideDialog } from './override-dialog.tsx';
import { categoryName } from './scheme-tree.ts';
import { useCustomerClasses } from './use-classification.ts';

/** Why a customer sits in a class: the path, and per level the rule and the value that matched. */
function Why({ c }: { c: CustomerClass }) {
  const { t, lang } = useI18n();
  return (
    <div style={{ maxWidth: 420 }} data-testid="class-why">
      <div style={{ fontWeight: 500, marginBottom: 4 }}>{c.path.map((p) => categoryName(p, lang)).join(' › ')}</div>
      {c.source === 'manual' ? (
        <div>
          {t('class.why.manual', { by: c.assignedBy?.name ?? '—', at: formatDateTime(c.since) })}
          {c.reason && <div>{t('class.why.reason', { reason: c.reason })}</div>}
          {c.expiresAt && <div>{t('class.why.expires', { at: formatDate(c.expiresAt) })}</div>}
        </div>
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {c.why.map((w) => (
            <li key={w.criterion}>
              {lang === 'en' ? w.labelEn : w.labelZh}: <b>{lang === 'en' ? w.displayEn : w.displayZh}</b>
              <span style={{ opacity: 0.75 }}> — {lang === 'en' ? w.ruleEn : w.ruleZh}</span>
            </li>
          ))}
        </ul>
      )}
      <div style={{ opacity: 0.75, marginTop: 4, fontSize: 12 }}>{t('class.why.since', { at: formatDateTime(c.since), version: c.scheme.version })}</div>
    </div>
  );
}

/** Class badges on the customer page: one per published scheme, the leaf's name, with the "why" on hover. */
export function CustomerClasses({ customerId }: { customerId: number }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { data } = useCustomerClasses(customerId);
  const [editing, setEditing] = useState(false);
  if (!data || (data.length === 0 && !can('customer.classify'))) return null;
  return (
    <div className="kd-class-badges" data-testid="class-badges">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('class.badges')}
      </Typography.Text>
      <Space size={[6, 6]} wrap>
        {data.map((c) => (
          <Tooltip key={c.scheme.key} title={<Why c={c} />} styles={{ root: { maxWidth: 460 } }}>
            <Tag color={c.source === 'manual' ? 'purple' : 'geekblue'} icon={c.source === 'manual' ? <PushpinOutlined /> : <InfoCircleOutlined />} data-testid={`class-badge-${c.scheme.key}`} style={{ marginInlineEnd: 0 }}>
              {t('class.badgeText', { scheme: categoryName(c.scheme, lang), category: categoryName(c.category, lang) })}
            </Tag>
          </Tooltip>
        ))}
        {data.length === 0 && <Typography.Text type="secondary">{t('class.noClasses')}</Typography.Text>}
        {can('customer.classify') && data.length > 0 && (
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="class-override">
            {t('class.override')}
          </Button>
        )}
      </Space>
      {editing && <OverrideDialog customerId={customerId} classes={data} onClose={() => setEditing(false)} />}
    </div>
  );
}
