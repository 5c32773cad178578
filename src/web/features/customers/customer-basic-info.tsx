import { Descriptions, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import type { CustomerView } from '../../../services/customers/get-customer.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { dash, formatDate, formatDateTime, formatMoney, formatNumber, orDash } from '../../ui/format.ts';
import { useCustomFields } from '../custom-fields/use-custom-fields.ts';
import { RevealableValue } from '../reveal/revealable-value.tsx';
import { useDepartments } from '../users/use-departments.ts';
import { useUsers } from '../users/use-users.ts';
import { customFieldLabel } from './custom-field-inputs.tsx';
import { customValueText } from './custom-value-text.ts';
import { fieldAccessOf } from './field-access.ts';
import { industryName } from './industry.ts';
import { StageTag } from './stage-tag.tsx';

type Items = NonNullable<DescriptionsProps['items']>;

const mono = (v: string | null) => (v ? <span className="kd-code">{v}</span> : dash);

function Section({ title, items }: { title: ReactNode; items: Items }) {
  return (
    <Descriptions
      title={title}
      items={items}
      column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
      size="middle"
      className="kd-desc"
      style={{ marginBottom: 24 }}
      styles={{ label: { color: '#64748b', width: 128, flex: 'none' } }}
    />
  );
}

/** The 基本信息 tab: every field of the archive, grouped the way the form is. */
export function CustomerBasicInfo({ customer: c }: { customer: CustomerView }) {
  const { t, lang } = useI18n();
  const users = useUsers().query.data ?? [];
  const departments = useDepartments().query.data ?? [];
  const defs = useCustomFields().query.data ?? [];
  const L = (f: string) => fieldLabel(f, lang);
  const item = (key: string, label: ReactNode, children: ReactNode, span?: number) => ({ key, label, children, ...(span ? { span } : {}) });
  // hidden fields are simply absent; masked ones may offer a reveal
  const hidden = new Set(fieldAccessOf(c).hidden ?? []);
  const shown = (items: Items) => items.filter((i) => !hidden.has(String(i.key)));
  const secret = (path: string, value: string | null, render: (v: string | null) => ReactNode = mono) => <RevealableValue path={path} value={value} render={render} />;

  const profile: Items =
    c.kind === 'individual'
      ? [
          item('name', L('name'), c.name),
          item('gender', L('gender'), c.gender ? t(`gender.${c.gender}`) : dash),
          item('birthday', L('birthday'), formatDate(c.birthday)),
          item('idCardNo', L('idCardNo'), secret('idCardNo', c.idCardNo)),
          item('occupation', L('occupation'), orDash(c.occupation)),
        ]
      : [
          item('name', L('name'), c.name),
          item('shortName', L('shortName'), orDash(c.shortName)),
          item('uscc', L('uscc'), secret('uscc', c.uscc)),
          item('legalRepresentative', L('legalRepresentative'), orDash(c.legalRepresentative)),
          item('industry', L('industry'), orDash(industryName(c.industry, lang))),
          item('employees', L('employees'), formatNumber(c.employees)),
          item('annualRevenue', L('annualRevenueFen'), <span className="kd-money">{formatMoney(c.annualRevenueFen)}</span>),
          item('website', L('website'), c.website ? <Typography.Link href={c.website} target="_blank" rel="noreferrer">{c.website}</Typography.Link> : dash),
        ];

  const region = [c.province, c.city, c.district].filter((x, i, a) => x && a.indexOf(x) === i).join(' ');
  const contact: Items = [
    item('mobile', L('mobile'), secret('mobile', c.mobile)),
    item('email', L('email'), secret('email', c.email, (v) => (v && !v.includes('*') ? <Typography.Link href={`mailto:${v}`}>{v}</Typography.Link> : orDash(v)))),
    item('region', t('customers.region'), orDash(region)),
    item('address', L('address'), secret('address', c.address, orDash)),
  ];

  const owner = users.find((u) => u.id === c.ownerId);
  const department = departments.find((d) => d.id === c.departmentId);
  const management: Items = [
    item('stage', L('stage'), <StageTag stage={c.stage} />),
    item('owner', L('ownerId'), owner ? owner.displayName : dash),
    item('department', L('departmentId'), department ? department.name : dash),
    item('source', L('source'), orDash(c.source)),
    item('tags', L('tags'), c.tags.length ? <Space size={4} wrap>{c.tags.map((x) => <Tag key={x} style={{ marginInlineEnd: 0 }}>{x}</Tag>)}</Space> : dash),
    item('createdAt', t('detail.createdAt'), formatDateTime(c.createdAt)),
    item('updatedAt', t('detail.updatedAt'), formatDateTime(c.updatedAt)),
    item('lastVerifiedAt', L('lastVerifiedAt'), formatDateTime(c.lastVerifiedAt)),
  ];

  const shownDefs = defs.filter((d) => (d.appliesTo === 'all' || d.appliesTo === c.kind) && (!d.archived || c.custom[d.key] !== undefined));
  const custom: Items = shownDefs.map((d) =>
    item(`custom.${d.key}`, customFieldLabel(d, lang), <RevealableValue path={`custom.${d.key}`} value={c.custom[d.key]} render={(v) => customValueText(v, t)} />),
  );

  return (
    <div>
      <Section title={t('detail.profile')} items={shown(profile)} />
      <Section title={t('detail.contactInfo')} items={shown(contact)} />
      <Section title={t('detail.management')} items={management} />
      {shown(custom).length > 0 && <Section title={t('detail.custom')} items={shown(custom)} />}
      <Descriptions title={t('detail.notes')} items={[]} />
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', color: c.notes ? undefined : '#94a3b8' }}>{c.notes ?? dash}</Typography.Paragraph>
    </div>
  );
}
